import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { Subscription } from 'rxjs';
import type { Opportunity } from '@billinator/contracts';
import { ApiError, toApiError } from '../../../core/api-error';
import { AuthService } from '../../../core/auth.service';
import { ConfirmData, ConfirmDialogComponent } from '../../../core/confirm-dialog.component';
import { OpportunitiesApi, QuoteSummary } from '../../../core/crm-api.service';
import { AmountPipe } from '../../../core/decimal-format';
import { ErrorBannerComponent } from '../../../core/error-banner.component';
import { ActivityListComponent } from '../shared/activity-list.component';
import { isClosedStage, isPastDate } from '../shared/crm-labels';
import { NotesComponent } from '../shared/notes.component';
import { StageChipComponent } from '../shared/stage-chip.component';

const QUOTE_STATUS_LABELS: Record<string, string> = {
  draft: 'Draft',
  sent: 'Sent',
  accepted: 'Accepted',
  rejected: 'Rejected',
  expired: 'Expired',
  converted: 'Converted',
};

/** One opportunity: its figures, its customer, its quotes, activities and notes; edit and delete. */
@Component({
  selector: 'bn-opportunity-detail-page',
  imports: [
    RouterLink,
    DatePipe,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    ErrorBannerComponent,
    StageChipComponent,
    ActivityListComponent,
    NotesComponent,
    AmountPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <a class="back-link" routerLink="/crm/opportunities"><mat-icon>arrow_back</mat-icon>Opportunities</a>
      @if (loading() && !opportunity()) {
        <mat-progress-bar mode="indeterminate" />
      }
      <bn-error-banner [error]="error()" />

      @if (opportunity(); as o) {
        <div class="page-header">
          <h1 data-testid="opportunity-title">{{ o.title }}</h1>
          <bn-stage-chip [stage]="o.stage" />
          @if (canWrite()) {
            <div class="header-actions">
              <a mat-stroked-button [routerLink]="['/crm/opportunities', o.id, 'edit']" data-testid="edit-button">
                <mat-icon>edit</mat-icon>Edit
              </a>
              <button
                mat-stroked-button
                type="button"
                (click)="remove(o)"
                [disabled]="busy()"
                data-testid="delete-button"
              >
                <mat-icon>delete</mat-icon>Delete
              </button>
            </div>
          }
        </div>
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" />
        }

        <section class="panel">
          <dl class="details">
            <div>
              <dt>{{ o.customerId ? 'Customer' : 'Prospect' }}</dt>
              <dd>
                @if (o.customerId) {
                  <a [routerLink]="['/sales/customers', o.customerId]" data-testid="customer-link">{{
                    o.customerName
                  }}</a>
                } @else {
                  <span data-testid="prospect-name">{{ o.prospectName }}</span>
                }
              </dd>
            </div>
            <div>
              <dt>Value</dt>
              <dd class="strong" data-testid="value">{{ o.value | amount }} {{ currency }}</dd>
            </div>
            <div>
              <dt>Probability</dt>
              <dd data-testid="probability">{{ o.probability }}%</dd>
            </div>
            <div>
              <dt>Weighted value</dt>
              <dd data-testid="weighted-value">{{ o.weightedValue | amount }} {{ currency }}</dd>
            </div>
            <div>
              <dt>Expected close</dt>
              <dd data-testid="close-date" [class.late]="late()">
                {{ o.expectedCloseDate ? (o.expectedCloseDate | date: 'mediumDate') : '—' }}
                @if (late()) {
                  <span class="late-note">(passed)</span>
                }
              </dd>
            </div>
            <div>
              <dt>Owner</dt>
              <dd data-testid="owner">{{ o.ownerName }}</dd>
            </div>
            @if (o.stage === 'lost') {
              <div class="wide">
                <dt>Lost because</dt>
                <dd data-testid="lost-reason">{{ o.lostReason || '—' }}</dd>
              </div>
            }
            <div>
              <dt>Updated</dt>
              <dd class="muted small">{{ o.updatedAt | date: 'medium' }}</dd>
            </div>
          </dl>
        </section>

        <section class="panel" data-testid="quotes">
          <div class="panel-head">
            <h2>Quotes</h2>
            @if (canWrite() && o.customerId) {
              <a
                mat-stroked-button
                routerLink="/crm/quotes/new"
                [queryParams]="{ customerId: o.customerId, opportunityId: o.id }"
                data-testid="new-quote"
              >
                <mat-icon>request_quote</mat-icon>New quote
              </a>
            }
          </div>
          @if (quotesError(); as e) {
            <p class="muted">Quotes could not be loaded: {{ e.message }}</p>
          }
          @for (q of quotes(); track q.id) {
            <div class="entry" [attr.data-testid]="'quote-' + (q.number ?? q.id)">
              <a [routerLink]="['/crm/quotes', q.id]">{{ q.number ?? 'Draft' }}</a>
              <span class="chip">{{ quoteStatus(q.status) }}</span>
              <span class="muted">{{ q.issueDate | date: 'mediumDate' }}</span>
              <span class="amount">{{ q.total | amount }}</span>
            </div>
          } @empty {
            @if (quotesLoaded() && !quotesError()) {
              <p class="muted">
                No quotes yet.
                @if (!o.customerId && canWrite()) {
                  Pick a customer for this opportunity (Edit) to quote it.
                }
              </p>
            }
          }
        </section>

        <bn-activity-list [opportunityId]="o.id" />
        <bn-notes [opportunityId]="o.id" />
      }
    </div>
  `,
  styles: `
    .page-header h1 {
      flex: 0 1 auto;
    }
    .header-actions {
      margin-left: auto;
    }
    .details a {
      color: var(--mat-sys-primary);
    }
    .strong {
      font-weight: 500;
    }
    .small {
      font: var(--mat-sys-body-medium);
    }
    .late {
      color: var(--mat-sys-error);
      font-weight: 500;
    }
    .late-note {
      font: var(--mat-sys-body-small);
    }
    .wide {
      grid-column: 1 / -1;
    }
    .panel-head {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 8px;
      margin-bottom: 12px;
    }
    .panel-head h2 {
      font: var(--mat-sys-title-medium);
      margin: 0;
      flex: 1;
    }
    .entry {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      align-items: baseline;
      padding: 6px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .entry a {
      color: var(--mat-sys-primary);
      font-weight: 500;
    }
    .entry .amount {
      margin-left: auto;
      font-variant-numeric: tabular-nums;
    }
    mat-progress-bar {
      margin-bottom: 8px;
    }
  `,
})
export class OpportunityDetailPage {
  private readonly api = inject(OpportunitiesApi);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  readonly id = input.required<string>();

  readonly currency = this.auth.currentUser()?.tenant.currency ?? '';
  readonly opportunity = signal<Opportunity | null>(null);
  readonly quotes = signal<QuoteSummary[]>([]);
  readonly quotesLoaded = signal(false);
  readonly quotesError = signal<ApiError | null>(null);
  readonly loading = signal(false);
  readonly busy = signal(false);
  readonly error = signal<ApiError | null>(null);
  readonly canWrite = computed(() => {
    this.auth.currentUser();
    return this.auth.can('crm.write');
  });
  readonly late = computed(() => {
    const o = this.opportunity();
    return !!o && !isClosedStage(o.stage) && isPastDate(o.expectedCloseDate);
  });
  private pending?: Subscription;
  private pendingQuotes?: Subscription;

  constructor() {
    effect(() => {
      this.id();
      untracked(() => this.load());
    });
  }

  quoteStatus(status: string): string {
    return QUOTE_STATUS_LABELS[status] ?? status;
  }

  load(): void {
    const id = this.id();
    this.loading.set(true);
    this.pending?.unsubscribe();
    this.pending = this.api.get(id).subscribe({
      next: (o) => {
        this.opportunity.set(o);
        this.error.set(null);
        this.loading.set(false);
      },
      error: (e: unknown) => {
        this.error.set(toApiError(e));
        this.loading.set(false);
      },
    });
    this.pendingQuotes?.unsubscribe();
    this.pendingQuotes = this.api.quotes({ opportunityId: id, limit: 100, offset: 0 }).subscribe({
      next: (page) => {
        this.quotes.set(page.items);
        this.quotesError.set(null);
        this.quotesLoaded.set(true);
      },
      error: (e: unknown) => {
        this.quotesError.set(toApiError(e));
        this.quotesLoaded.set(true);
      },
    });
  }

  remove(o: Opportunity): void {
    const data: ConfirmData = {
      title: 'Delete this opportunity?',
      message: `“${o.title}” is removed for good, with its place on the pipeline. An opportunity that quotes refer to cannot be deleted.`,
      confirm: 'Delete',
      danger: true,
    };
    this.dialog
      .open(ConfirmDialogComponent, { data })
      .afterClosed()
      .subscribe((ok?: boolean) => {
        if (!ok) return;
        this.busy.set(true);
        this.api.delete(o.id).subscribe({
          next: () => {
            this.busy.set(false);
            this.snackBar.open(`${o.title} deleted`, 'OK', { duration: 4000 });
            void this.router.navigate(['/crm/opportunities']);
          },
          error: (e: unknown) => {
            this.busy.set(false);
            this.error.set(toApiError(e));
          },
        });
      });
  }
}
