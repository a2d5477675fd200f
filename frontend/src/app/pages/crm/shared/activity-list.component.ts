import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { Activity, ListResponse } from '@billinator/contracts';
import { toApiError } from '../../../core/api-error';
import { AuthService } from '../../../core/auth.service';
import { injectConfirm } from '../../../core/confirm';
import { ActivitiesApi, ActivityListQuery } from '../../../core/crm-api.service';
import { ErrorBannerComponent } from '../../../core/error-banner.component';
import { RemoteValue } from '../../../core/remote-value';
import { ActivityDialog, ActivityDialogData } from './activity.dialog';
import { ACTIVITY_TYPE_ICONS, ACTIVITY_TYPE_LABELS, initials } from './crm-labels';

/**
 * Activities (calls, meetings, e-mails, tasks) of a customer, of an opportunity, of the
 * signed-in user (`mine`), open ones only (`open`), or any mix: overdue ones in red, a
 * checkbox to mark them done, and "Add activity" with the customer/opportunity prefilled.
 * Self-contained: it loads, adds, edits and deletes on its own.
 */
@Component({
  selector: 'bn-activity-list',
  imports: [
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatIconModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatTooltipModule,
    ErrorBannerComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'panel', 'data-testid': 'activity-list' },
  template: `
    <div class="head">
      @if (heading()) {
        <h2>{{ heading() }}</h2>
      }
      <span class="count muted">{{ loaded() ? total() : '' }}</span>
      @if (canWrite()) {
        <button mat-stroked-button type="button" (click)="edit()" data-testid="add-activity">
          <mat-icon>add_task</mat-icon>Add activity
        </button>
      }
    </div>
    <bn-error-banner [error]="error()">
      @if (error()?.status === 409) {
        <button mat-stroked-button type="button" (click)="load()" data-testid="reload-activities">
          <mat-icon>refresh</mat-icon>Reload
        </button>
      }
    </bn-error-banner>
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" />
    }
    <ul class="activities">
      @for (a of items(); track a.id) {
        <li
          class="activity"
          [class.overdue]="a.overdue && !a.done"
          [class.done]="a.done"
          [attr.data-testid]="'activity-' + a.subject"
        >
          <mat-checkbox
            class="done-box"
            [checked]="a.done"
            [disabled]="!canWrite() || saving().has(a.id)"
            (change)="toggle(a, $event.checked)"
            [attr.data-testid]="'activity-done-' + a.subject"
            [aria-label]="(a.done ? 'Mark not done: ' : 'Mark done: ') + a.subject"
          />
          <mat-icon class="type" [matTooltip]="labels[a.type]" [attr.aria-label]="labels[a.type]">{{
            icons[a.type]
          }}</mat-icon>
          <div class="main">
            <div class="subject">
              @if (canWrite()) {
                <button type="button" class="subject-button" (click)="edit(a)">{{ a.subject }}</button>
              } @else {
                {{ a.subject }}
              }
            </div>
            @if (a.details) {
              <div class="details muted">{{ a.details }}</div>
            }
            @if (showContext() && (a.customerName || a.opportunityTitle)) {
              <div class="context">
                @if (a.customerId && a.customerName && !customerId()) {
                  <a [routerLink]="['/sales/customers', a.customerId]">{{ a.customerName }}</a>
                }
                @if (a.opportunityId && a.opportunityTitle && !opportunityId()) {
                  <a [routerLink]="['/crm/opportunities', a.opportunityId]"
                    ><mat-icon class="mini" aria-label="Opportunity">handshake</mat-icon>{{ a.opportunityTitle }}</a
                  >
                }
              </div>
            }
          </div>
          <div class="when">
            <time class="due" [attr.datetime]="a.dueAt" [attr.data-testid]="'activity-due-' + a.subject">
              @if (a.overdue && !a.done) {
                <mat-icon class="mini" aria-label="Overdue">schedule</mat-icon>
              }
              {{ a.dueAt | date: 'MMM d, y, h:mm a' }}
            </time>
            <span class="assignee" [matTooltip]="a.assigneeName">
              <span class="avatar" aria-hidden="true">{{ initialsOf(a.assigneeName) }}</span>
              <span class="assignee-name">{{ a.assigneeName }}</span>
            </span>
          </div>
          @if (canWrite()) {
            <button
              mat-icon-button
              type="button"
              class="delete"
              (click)="remove(a)"
              matTooltip="Delete"
              [attr.aria-label]="'Delete ' + a.subject"
              [attr.data-testid]="'delete-activity-' + a.subject"
            >
              <mat-icon>delete</mat-icon>
            </button>
          }
        </li>
      } @empty {
        @if (loaded()) {
          <li class="empty muted" data-testid="activities-empty">
            {{ emptyText() }}
          </li>
        }
      }
    </ul>
    @if (total() > pageSize()) {
      <mat-paginator
        [length]="total()"
        [pageSize]="pageSize()"
        [pageIndex]="pageIndex()"
        [hidePageSize]="true"
        (page)="onPage($event)"
        aria-label="Pages of activities"
      />
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .head {
      display: flex;
      align-items: center;
      gap: 8px;
      margin-bottom: 12px;
      min-height: 40px;
    }
    .head h2 {
      font: var(--mat-sys-title-medium);
      margin: 0;
    }
    .head .count {
      flex: 1;
    }
    .activities {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .activity {
      display: grid;
      grid-template-columns: auto 24px minmax(0, 1fr) auto auto;
      align-items: center;
      gap: 4px 12px;
      padding: 6px 0;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .activity.overdue {
      box-shadow: inset 3px 0 0 var(--mat-sys-error);
    }
    .type {
      color: var(--mat-sys-on-surface-variant);
    }
    .subject {
      font: var(--mat-sys-body-large);
      overflow-wrap: anywhere;
    }
    .subject-button {
      all: unset;
      cursor: pointer;
      color: inherit;
    }
    .subject-button:hover,
    .subject-button:focus-visible {
      text-decoration: underline;
    }
    .done .subject {
      text-decoration: line-through;
      color: var(--mat-sys-on-surface-variant);
    }
    .details {
      font: var(--mat-sys-body-small);
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .context {
      display: flex;
      flex-wrap: wrap;
      gap: 2px 12px;
      font: var(--mat-sys-body-small);
    }
    .context a,
    .due {
      display: inline-flex;
      align-items: center;
      gap: 2px;
    }
    .context a {
      color: var(--mat-sys-primary);
      text-decoration: none;
    }
    .mini {
      font-size: 14px;
      width: 14px;
      height: 14px;
    }
    .when {
      display: flex;
      flex-direction: column;
      align-items: flex-end;
      gap: 2px;
      font: var(--mat-sys-body-small);
      white-space: nowrap;
    }
    .overdue .due {
      color: var(--mat-sys-error);
      font-weight: 500;
    }
    .assignee {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      color: var(--mat-sys-on-surface-variant);
    }
    .avatar {
      display: inline-grid;
      place-items: center;
      width: 22px;
      height: 22px;
      border-radius: 50%;
      font-size: 10px;
      font-weight: 500;
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .empty {
      padding: 12px 0;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    @media (max-width: 599px) {
      .activity {
        grid-template-columns: auto minmax(0, 1fr) auto;
      }
      .type {
        display: none;
      }
      .when {
        grid-column: 2 / 3;
        flex-direction: row;
        align-items: center;
        justify-content: space-between;
      }
      .assignee-name {
        display: none;
      }
      .delete {
        grid-row: 1;
        grid-column: 3;
      }
    }
  `,
})
export class ActivityListComponent {
  private readonly api = inject(ActivitiesApi);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly confirm = injectConfirm();
  private readonly snackBar = inject(MatSnackBar);
  readonly customerId = input<string | null>();
  readonly opportunityId = input<string | null>();
  /** Only the signed-in user's. */
  readonly mine = input(false);
  /** `true`: only those not done yet; `false`: only done ones; `null`: both. */
  readonly open = input<boolean | null>(null);
  readonly heading = input<string | null>('Activities');
  readonly pageSize = input(25);
  /** Links to each activity's customer and opportunity (those the list is not already about). */
  readonly showContext = input(true);

  readonly labels = ACTIVITY_TYPE_LABELS;
  readonly icons = ACTIVITY_TYPE_ICONS;
  readonly initialsOf = initials;
  private readonly page = new RemoteValue<ListResponse<Activity>>();
  readonly items = computed(() => this.page.value()?.items ?? []);
  readonly total = computed(() => this.page.value()?.total ?? 0);
  readonly pageIndex = signal(0);
  readonly loading = this.page.loading;
  readonly loaded = this.page.loaded;
  readonly error = this.page.error;
  /** Activities with a change on its way (their checkbox waits for the answer). */
  readonly saving = signal<ReadonlySet<string>>(new Set());
  readonly canWrite = computed(() => {
    this.auth.currentUser();
    return this.auth.can('crm.write');
  });
  readonly emptyText = computed(() =>
    this.open() === true
      ? 'Nothing open. Well done.'
      : this.open() === false
        ? 'Nothing done yet.'
        : 'No activities yet.',
  );
  private readonly filters = computed(() => ({
    customerId: this.customerId() ?? undefined,
    opportunityId: this.opportunityId() ?? undefined,
    mine: this.mine(),
    open: this.open() ?? undefined,
  }));

  constructor() {
    effect(() => {
      this.filters();
      untracked(() => {
        this.pageIndex.set(0);
        this.load();
      });
    });
  }

  load(): void {
    const query: ActivityListQuery = {
      ...this.filters(),
      limit: this.pageSize(),
      offset: this.pageIndex() * this.pageSize(),
    };
    this.page.load(this.api.list(query));
  }

  onPage(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
    this.load();
  }

  /** Ticks at once; a refusal unticks it again and says why. Stays in the list until reloaded. */
  toggle(activity: Activity, done: boolean): void {
    this.replace({ ...activity, done });
    this.mark(activity.id, true);
    this.api.update(activity.id, { done, version: activity.version }).subscribe({
      next: (saved) => {
        this.mark(activity.id, false);
        this.replace(saved);
        this.error.set(null);
        if (done) this.snackBar.open(`Done: ${saved.subject}`, 'OK', { duration: 3000 });
      },
      error: (e: unknown) => {
        this.mark(activity.id, false);
        this.replace(activity);
        this.error.set(toApiError(e));
      },
    });
  }

  edit(activity?: Activity): void {
    const data: ActivityDialogData = activity
      ? { activity }
      : { customerId: this.customerId(), opportunityId: this.opportunityId() };
    this.dialog
      .open(ActivityDialog, { data, autoFocus: 'first-tabbable', maxWidth: '95vw', width: '560px' })
      .afterClosed()
      .subscribe((saved?: Activity) => {
        if (!saved) return;
        this.snackBar.open(`${saved.subject} ${activity ? 'saved' : 'added'}`, 'OK', { duration: 4000 });
        this.load();
      });
  }

  remove(activity: Activity): void {
    this.confirm(
      {
        title: 'Delete this activity?',
        message: `“${activity.subject}” is removed for good.`,
        confirm: 'Delete',
        danger: true,
      },
      () =>
        this.page.send(this.api.delete(activity.id), () => {
          this.snackBar.open(`${activity.subject} deleted`, 'OK', { duration: 4000 });
          this.load();
        }),
    );
  }

  private replace(activity: Activity): void {
    this.page.value.update(
      (page) => page && { ...page, items: page.items.map((a) => (a.id === activity.id ? activity : a)) },
    );
  }

  private mark(id: string, busy: boolean): void {
    this.saving.update((ids) => {
      const next = new Set(ids);
      if (busy) next.add(id);
      else next.delete(id);
      return next;
    });
  }
}
