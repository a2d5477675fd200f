import { DatePipe, formatDate } from '@angular/common';
import { HttpClient } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  Injectable,
  input,
  LOCALE_ID,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatChipListboxChange, MatChipsModule } from '@angular/material/chips';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { catchError, map, Observable, of, startWith, Subject, switchMap } from 'rxjs';
import { TIMELINE_KINDS, TimelineEntry, TimelineKind } from '@billinator/contracts';
import { ApiError, toApiError } from '../../../core/api-error';
import { AuthService } from '../../../core/auth.service';
import { AmountPipe } from '../../../core/decimal-format';
import { ErrorBannerComponent } from '../../../core/error-banner.component';

/** `GET /api/v1/customers/:id/timeline`: a customer's events, newest first. */
@Injectable({ providedIn: 'root' })
export class CustomerTimelineApi {
  private readonly http = inject(HttpClient);

  list(customerId: string, limit = 100): Observable<TimelineEntry[]> {
    return this.http.get<TimelineEntry[]>(`/api/v1/customers/${encodeURIComponent(customerId)}/timeline`, {
      params: { limit },
    });
  }
}

interface KindInfo {
  label: string;
  icon: string;
  /** Where an entry of this kind is shown; null when it has no page of its own. */
  base: string | null;
}

export const TIMELINE_KIND_INFO: Readonly<Record<TimelineKind, KindInfo>> = {
  invoice: { label: 'Invoices', icon: 'receipt_long', base: '/sales/invoices' },
  credit_note: { label: 'Credit notes', icon: 'undo', base: '/sales/credit-notes' },
  payment: { label: 'Payments', icon: 'payments', base: '/sales/payments' },
  quote: { label: 'Quotes', icon: 'request_quote', base: '/crm/quotes' },
  opportunity: { label: 'Opportunities', icon: 'handshake', base: '/crm/opportunities' },
  activity: { label: 'Activities', icon: 'event', base: null },
  note: { label: 'Notes', icon: 'sticky_note_2', base: null },
  contact: { label: 'Contacts', icon: 'person', base: null },
};

/** Status words that read differently from their code. */
const STATUS_LABELS: Partial<Record<string, string>> = {
  partially_paid: 'Partially paid',
  converted: 'Invoiced',
};

/** Colour family of a status chip, by what the status means for the customer relationship. */
const STATUS_TONES: Partial<Record<string, string>> = {
  draft: 'neutral',
  void: 'void',
  issued: 'info',
  posted: 'info',
  sent: 'info',
  open: 'info',
  lead: 'info',
  qualified: 'info',
  proposal: 'info',
  negotiation: 'info',
  partially_paid: 'warn',
  overdue: 'danger',
  paid: 'good',
  accepted: 'good',
  won: 'good',
  done: 'good',
  rejected: 'danger',
  lost: 'danger',
  reversed: 'danger',
  expired: 'expired',
  converted: 'converted',
};

const DAY = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** Dates inside a detail text ("Valid until 2026-12-28"). */
const DATES_IN_TEXT = /\b(\d{4})-(\d{2})-(\d{2})\b/g;

function statusLabel(status: string): string {
  const known = STATUS_LABELS[status];
  if (known) return known;
  const words = status.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Midnight (local) of a `YYYY-MM-DD` day or of the day of a timestamp. */
function dayOf(value: string): number {
  const date = DATE_ONLY.test(value) ? new Date(`${value}T00:00:00`) : new Date(value);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/**
 * "3 hours ago", "yesterday", "in 2 days", "5 months ago": how far `at` is from `now`.
 * Plain dates (`YYYY-MM-DD`) count in whole days, timestamps in minutes and hours first.
 */
export function relativeTime(at: string, now = new Date()): string {
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  const time = DATE_ONLY.test(at) ? Number.NaN : new Date(at).getTime();
  if (!Number.isNaN(time)) {
    const minutes = Math.round((time - now.getTime()) / 60_000);
    if (Math.abs(minutes) < 1) return 'just now';
    if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
    const hours = Math.round(minutes / 60);
    if (Math.abs(hours) < 24 && dayOf(at) === dayOf(now.toISOString())) return format.format(hours, 'hour');
  }
  const days = Math.round((dayOf(at) - dayOf(now.toISOString())) / DAY);
  if (Number.isNaN(days)) return '';
  if (Math.abs(days) < 7) return format.format(days, 'day');
  if (Math.abs(days) < 30) return format.format(Math.trunc(days / 7), 'week');
  if (Math.abs(days) < 365) return format.format(Math.trunc(days / 30), 'month');
  return format.format(Math.trunc(days / 365), 'year');
}

interface TimelineView extends TimelineEntry {
  info: KindInfo;
  link: string[] | null;
  statusLabel: string | null;
  tone: string;
  /** A timestamp (with a time of day) rather than a date. */
  timed: boolean;
  relative: string;
}

/**
 * A customer's history on one vertical line, newest first: invoices, credit notes,
 * payments, quotes, opportunities, activities, notes and contacts, each with its icon,
 * amount, status and date, linked to its page where it has one. Chips narrow it to some
 * kinds (none picked: everything).
 *
 * `<bn-customer-timeline [customerId]="customer.id" />`
 */
@Component({
  selector: 'bn-customer-timeline',
  imports: [
    RouterLink,
    DatePipe,
    MatButtonModule,
    MatChipsModule,
    MatIconModule,
    MatProgressBarModule,
    ErrorBannerComponent,
    AmountPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="timeline" data-testid="customer-timeline" aria-label="Customer timeline">
      <div class="timeline-header">
        <h2>Timeline</h2>
        @if (error()) {
          <button mat-button type="button" (click)="reload()" data-testid="timeline-reload">
            <mat-icon>refresh</mat-icon>Try again
          </button>
        }
      </div>
      <bn-error-banner [error]="error()" />

      @if (kinds().length) {
        <mat-chip-listbox
          multiple
          class="kind-filter"
          aria-label="Show only these kinds"
          (change)="pick($event)"
          data-testid="timeline-kind-filter"
        >
          @for (k of kinds(); track k.kind) {
            <mat-chip-option
              [value]="k.kind"
              [selected]="picked().includes(k.kind)"
              [attr.data-testid]="'timeline-kind-' + k.kind"
            >
              <mat-icon matChipAvatar>{{ k.info.icon }}</mat-icon>
              {{ k.info.label }} <span class="count">{{ k.count }}</span>
            </mat-chip-option>
          }
        </mat-chip-listbox>
      }

      @if (loading()) {
        <mat-progress-bar mode="indeterminate" />
      }

      <ol class="entries">
        @for (e of visible(); track e.kind + ':' + e.id; let i = $index) {
          <li
            class="entry"
            [class]="'kind-' + e.kind"
            [attr.data-testid]="'timeline-entry-' + i"
            [attr.data-kind]="e.kind"
          >
            <span class="marker" aria-hidden="true"
              ><mat-icon>{{ e.info.icon }}</mat-icon></span
            >
            <div class="body">
              <div class="headline">
                <span class="visually-hidden">{{ e.info.label }}:</span>
                @if (e.link) {
                  <a class="title" [routerLink]="e.link" data-testid="timeline-link">{{ e.title }}</a>
                } @else {
                  <span class="title">{{ e.title }}</span>
                }
                @if (e.statusLabel) {
                  <span [class]="'chip tone-' + e.tone" data-testid="timeline-status">{{ e.statusLabel }}</span>
                }
                @if (e.amount !== null) {
                  <span class="amount" data-testid="timeline-amount">{{ e.amount | amount }} {{ currency }}</span>
                }
              </div>
              @if (e.detail) {
                <div class="detail">{{ e.detail }}</div>
              }
              <div class="when">
                <time
                  [attr.datetime]="e.at"
                  [attr.title]="e.timed ? (e.at | date: 'medium') : (e.at | date: 'fullDate')"
                  >{{ e.timed ? (e.at | date: 'MMM d, y, HH:mm') : (e.at | date: 'mediumDate') }}</time
                >
                @if (e.relative) {
                  <span class="relative">· {{ e.relative }}</span>
                }
              </div>
            </div>
          </li>
        } @empty {
          @if (loaded() && !error()) {
            <li class="empty" data-testid="timeline-empty">
              <mat-icon>history</mat-icon>
              @if (entries().length) {
                Nothing of these kinds.
              } @else {
                Nothing has happened with this customer yet.
              }
            </li>
          }
        }
      </ol>
    </section>
  `,
  styles: `
    :host {
      display: block;
    }
    .timeline-header {
      display: flex;
      align-items: center;
      gap: 8px;
      margin-bottom: 8px;
      h2 {
        font: var(--mat-sys-title-medium);
        margin: 0;
        flex: 1;
      }
    }
    .kind-filter {
      display: block;
      margin-bottom: 12px;
    }
    .count {
      margin-left: 4px;
      color: var(--mat-sys-on-surface-variant);
      font-variant-numeric: tabular-nums;
    }
    mat-progress-bar {
      margin-bottom: 8px;
    }
    .entries {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .entry {
      position: relative;
      display: flex;
      gap: 12px;
      padding-bottom: 16px;
    }
    /* the line between the markers */
    .entry:not(:last-child)::before {
      content: '';
      position: absolute;
      left: 17px;
      top: 36px;
      bottom: 0;
      width: 2px;
      background: var(--mat-sys-outline-variant);
    }
    .marker {
      flex: none;
      display: flex;
      align-items: center;
      justify-content: center;
      width: 36px;
      height: 36px;
      border-radius: 50%;
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface-variant);
      mat-icon {
        font-size: 20px;
        width: 20px;
        height: 20px;
      }
    }
    .kind-invoice .marker,
    .kind-credit_note .marker {
      background: #e3ecfd;
      color: #0d47a1;
    }
    .kind-payment .marker {
      background: #e3f4e6;
      color: #1b5e20;
    }
    .kind-quote .marker,
    .kind-opportunity .marker {
      background: #efe6fb;
      color: #5b2a9d;
    }
    .kind-activity .marker {
      background: #fff1d6;
      color: #7a4b00;
    }
    .body {
      flex: 1;
      min-width: 0;
      padding-top: 6px;
    }
    .headline {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 8px;
    }
    .title {
      font: var(--mat-sys-title-small);
      overflow-wrap: anywhere;
    }
    a.title {
      color: var(--mat-sys-primary);
      text-decoration: none;
      &:hover {
        text-decoration: underline;
      }
    }
    .amount {
      margin-left: auto;
      font-variant-numeric: tabular-nums;
      font-weight: 500;
      white-space: nowrap;
    }
    .detail {
      margin-top: 2px;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    .when {
      margin-top: 2px;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .relative {
      margin-left: 4px;
    }
    .tone-info {
      background: #e3ecfd;
      color: #0d47a1;
    }
    .tone-good {
      background: #e3f4e6;
      color: #1b5e20;
    }
    .tone-warn {
      background: #fff1d6;
      color: #7a4b00;
    }
    .tone-danger {
      background: #fde7e7;
      color: #b3261e;
    }
    .tone-expired {
      background: #f1ede4;
      color: #6d5a2b;
    }
    .tone-converted {
      background: #efe6fb;
      color: #5b2a9d;
    }
    .tone-void {
      text-decoration: line-through;
      color: var(--mat-sys-outline);
    }
    .empty {
      padding: 24px 16px;
      text-align: center;
      color: var(--mat-sys-on-surface-variant);
      mat-icon {
        display: block;
        margin: 0 auto 8px;
        font-size: 32px;
        width: 32px;
        height: 32px;
        color: var(--mat-sys-outline);
      }
    }
  `,
})
export class CustomerTimelineComponent {
  private readonly api = inject(CustomerTimelineApi);
  private readonly locale = inject(LOCALE_ID);
  readonly currency = inject(AuthService).currentUser()?.tenant.currency ?? '';
  readonly customerId = input.required<string>();
  /** How many events to read (the API's default is 100). */
  readonly limit = input(100);

  readonly entries = signal<TimelineEntry[]>([]);
  readonly loading = signal(false);
  readonly loaded = signal(false);
  readonly error = signal<ApiError | null>(null);
  /** Kinds picked in the chips; none picked shows everything. */
  readonly picked = signal<TimelineKind[]>([]);
  private readonly reloads = new Subject<void>();

  /** The kinds present, in the contract's order, with their counts. */
  readonly kinds = computed(() => {
    const counts = new Map<TimelineKind, number>();
    for (const e of this.entries()) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
    return TIMELINE_KINDS.filter((kind) => counts.has(kind)).map((kind) => ({
      kind,
      info: TIMELINE_KIND_INFO[kind],
      count: counts.get(kind) ?? 0,
    }));
  });

  readonly visible = computed<TimelineView[]>(() => {
    const picked = this.picked();
    const now = new Date();
    return this.entries()
      .filter((e) => picked.length === 0 || picked.includes(e.kind))
      .map((e) => {
        const info = TIMELINE_KIND_INFO[e.kind] ?? { label: e.kind, icon: 'circle', base: null };
        return {
          ...e,
          detail: e.detail ? this.readableDates(e.detail) : null,
          info,
          link: info.base ? [info.base, e.id] : null,
          statusLabel: e.status ? statusLabel(e.status) : null,
          tone: (e.status && STATUS_TONES[e.status]) || 'neutral',
          timed: !DATE_ONLY.test(e.at),
          relative: relativeTime(e.at, now),
        };
      });
  });

  constructor() {
    toObservable(this.customerId)
      .pipe(
        switchMap((id) => {
          // another customer: nothing of the last one stays on screen
          this.entries.set([]);
          this.picked.set([]);
          this.loaded.set(false);
          return this.reloads.pipe(
            startWith(undefined),
            switchMap(() => {
              this.loading.set(true);
              return this.api.list(id, this.limit()).pipe(
                map((entries) => ({ id, entries, error: null })),
                catchError((e: unknown) => of({ id, entries: null, error: toApiError(e) })),
              );
            }),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe(({ entries, error }) => {
        this.loading.set(false);
        this.loaded.set(true);
        this.error.set(error);
        if (entries) {
          this.entries.set(Array.isArray(entries) ? entries : []);
          // a filter on a kind no longer present would hide everything
          this.picked.update((picked) => picked.filter((k) => entries.some((e) => e.kind === k)));
        }
      });
  }

  /** "Due 2026-12-09" reads "Due Dec 9, 2026", like every other date of the SPA. */
  private readableDates(text: string): string {
    return text.replace(DATES_IN_TEXT, (date: string) => {
      try {
        return formatDate(date, 'mediumDate', this.locale);
      } catch {
        return date;
      }
    });
  }

  reload(): void {
    this.reloads.next();
  }

  pick(change: MatChipListboxChange): void {
    this.picked.set(Array.isArray(change.value) ? (change.value as TimelineKind[]) : []);
  }
}
