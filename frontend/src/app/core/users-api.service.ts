import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import type { CreateUserRequest, ListResponse, UpdateUserRequest, User } from '@billinator/contracts';

export interface UserListQuery {
  limit: number;
  offset: number;
  q?: string;
  sort?: string;
}

@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  list(query: UserListQuery): Observable<ListResponse<User>> {
    let params = new HttpParams().set('limit', query.limit).set('offset', query.offset);
    if (query.q) params = params.set('q', query.q);
    if (query.sort) params = params.set('sort', query.sort);
    return this.http.get<ListResponse<User>>('/api/v1/users', { params });
  }

  create(request: CreateUserRequest): Observable<User> {
    return this.http.post<User>('/api/v1/users', request);
  }

  update(id: string, request: UpdateUserRequest): Observable<User> {
    return this.http.patch<User>(`/api/v1/users/${encodeURIComponent(id)}`, request);
  }
}
