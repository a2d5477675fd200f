import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { firstValueFrom, Observable, shareReplay, tap, finalize } from 'rxjs';
import {
  ChangePasswordRequest,
  CurrentUser,
  LoginRequest,
  Permission,
  roleHas,
  SignupRequest,
} from '@billinator/contracts';

const API = '/api/v1/auth';

/** The signed-in user, kept in a signal; the session itself lives in HTTP-only cookies. */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly user = signal<CurrentUser | null>(null);
  private refreshing: Observable<CurrentUser> | null = null;

  readonly currentUser = this.user.asReadonly();
  readonly signedIn = computed(() => this.user() !== null);

  /** On start: who am I? A 401 simply means nobody is signed in. */
  async restore(): Promise<void> {
    // Ensures the CSRF cookie exists before the first state-changing request.
    await firstValueFrom(this.http.get(`${API}/csrf`)).catch(() => undefined);
    try {
      this.user.set(await firstValueFrom(this.http.get<CurrentUser>(`${API}/me`)));
    } catch {
      this.user.set(null);
    }
  }

  can(permission: Permission): boolean {
    const user = this.user();
    return user !== null && roleHas(user.role, permission);
  }

  login(request: LoginRequest): Observable<CurrentUser> {
    return this.http.post<CurrentUser>(`${API}/login`, request).pipe(tap((u) => this.user.set(u)));
  }

  signup(request: SignupRequest): Observable<CurrentUser> {
    return this.http.post<CurrentUser>(`${API}/signup`, request).pipe(tap((u) => this.user.set(u)));
  }

  /** One refresh at a time: parallel 401s share it (a reused refresh token ends the session). */
  refresh(): Observable<CurrentUser> {
    this.refreshing ??= this.http.post<CurrentUser>(`${API}/refresh`, {}).pipe(
      tap((u) => this.user.set(u)),
      finalize(() => (this.refreshing = null)),
      shareReplay(1),
    );
    return this.refreshing;
  }

  logout(): Observable<void> {
    return this.http.post<void>(`${API}/logout`, {}).pipe(finalize(() => this.user.set(null)));
  }

  changePassword(request: ChangePasswordRequest): Observable<void> {
    return this.http.post<void>(`${API}/password`, request).pipe(tap(() => this.user.set(null)));
  }

  forget(): void {
    this.user.set(null);
  }
}
