import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { DatePipe } from '@angular/common';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatSortModule, Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { debounceTime, distinctUntilChanged, Subscription } from 'rxjs';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { assignableRoles, Role, UpdateUserRequest, User } from '@billinator/contracts';
import { ApiError, toApiError } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { ConfirmData, ConfirmDialogComponent } from '../../core/confirm-dialog.component';
import { ErrorBannerComponent } from '../../core/error-banner.component';
import { UsersApi } from '../../core/users-api.service';
import { UserCreateDialog } from './user-create.dialog';

@Component({
  selector: 'bn-users-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatTableModule,
    MatPaginatorModule,
    MatSortModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
    MatIconModule,
    MatChipsModule,
    MatTooltipModule,
    MatProgressBarModule,
    ErrorBannerComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './users.page.html',
  styleUrl: './users.page.scss',
})
export class UsersPage implements OnInit {
  private readonly api = inject(UsersApi);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  readonly columns = ['name', 'email', 'role', 'status', 'createdAt', 'actions'];
  readonly search = new FormControl('', { nonNullable: true });
  readonly users = signal<User[]>([]);
  readonly total = signal(0);
  readonly pageSize = signal(25);
  readonly pageIndex = signal(0);
  readonly sort = signal('name');
  readonly loading = signal(false);
  readonly error = signal<ApiError | null>(null);
  readonly canManage = computed(() => this.auth.can('users.manage'));
  readonly me = computed(() => this.auth.currentUser()?.id);
  readonly grantable = computed(() => assignableRoles(this.auth.currentUser()?.role ?? 'auditor'));

  constructor() {
    this.search.valueChanges.pipe(debounceTime(250), distinctUntilChanged(), takeUntilDestroyed()).subscribe(() => {
      this.pageIndex.set(0);
      this.load();
    });
  }

  ngOnInit(): void {
    this.load();
  }

  /** The answer of an older load must not overwrite a newer one: cancel it. */
  private pending?: Subscription;

  load(): void {
    this.loading.set(true);
    this.pending?.unsubscribe();
    this.pending = this.api
      .list({
        limit: this.pageSize(),
        offset: this.pageIndex() * this.pageSize(),
        q: this.search.value.trim(),
        sort: this.sort(),
      })
      .subscribe({
        next: (page) => {
          this.users.set(page.items);
          this.total.set(page.total);
          this.error.set(null);
          this.loading.set(false);
        },
        error: (e: unknown) => {
          this.error.set(toApiError(e));
          this.loading.set(false);
        },
      });
  }

  onPage(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
    this.pageSize.set(event.pageSize);
    this.load();
  }

  onSort(sort: Sort): void {
    this.sort.set(sort.direction === 'desc' ? `-${sort.active}` : sort.direction === 'asc' ? sort.active : 'name');
    this.load();
  }

  canEdit(user: User): boolean {
    return (
      this.canManage() && user.id !== this.me() && (user.role !== 'owner' || this.auth.currentUser()?.role === 'owner')
    );
  }

  openCreate(): void {
    this.dialog
      .open(UserCreateDialog, { autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((user?: User) => {
        if (!user) return;
        this.snackBar.open(`${user.name} can now sign in as ${user.role}`, 'OK', { duration: 4000 });
        this.load();
      });
  }

  changeRole(user: User, role: Role): void {
    if (role === user.role) return;
    this.confirm(
      {
        title: 'Change role?',
        message: `${user.name} becomes ${role}. The change applies to their next request.`,
        confirm: 'Change role',
      },
      () => this.save(user, { role, version: user.version }, `${user.name} is now ${role}`),
    );
  }

  toggleActive(user: User): void {
    const deactivate = user.active;
    this.confirm(
      {
        title: deactivate ? 'Deactivate user?' : 'Reactivate user?',
        message: deactivate
          ? `${user.name} is signed out at once and can no longer sign in. Their history stays.`
          : `${user.name} can sign in again.`,
        confirm: deactivate ? 'Deactivate' : 'Reactivate',
        danger: deactivate,
      },
      () =>
        this.save(
          user,
          { active: !deactivate, version: user.version },
          `${user.name} ${deactivate ? 'deactivated' : 'reactivated'}`,
        ),
    );
  }

  private confirm(data: ConfirmData, then: () => void): void {
    this.dialog
      .open(ConfirmDialogComponent, { data })
      .afterClosed()
      .subscribe((ok?: boolean) => (ok ? then() : this.load()));
  }

  private save(user: User, change: UpdateUserRequest, done: string): void {
    this.api.update(user.id, change).subscribe({
      next: () => {
        this.snackBar.open(done, 'OK', { duration: 4000 });
        this.load();
      },
      error: (e: unknown) => {
        const apiError = toApiError(e);
        this.snackBar.open(apiError.message, 'Dismiss', { panelClass: 'snack-error', duration: 8000 });
        this.load();
      },
    });
  }
}
