import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { ListResponse, Opportunity } from '@billinator/contracts';
import { AuthService } from '../../../core/auth.service';
import { injectConfirm } from '../../../core/confirm';
import { OpportunitiesApi, QuoteSummary } from '../../../core/crm-api.service';
import { AmountPipe } from '../../../core/decimal-format';
import { ErrorBannerComponent } from '../../../core/error-banner.component';
import { RemoteValue } from '../../../core/remote-value';
import { loadForRoute } from '../../../core/route-load';
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
  private readonly confirm = injectConfirm();
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  readonly id = input.required<string>();

  readonly currency = this.auth.currentUser()?.tenant.currency ?? '';
  readonly record = new RemoteValue<Opportunity>();
  readonly opportunity = this.record.value;
  readonly loading = this.record.loading;
  readonly busy = this.record.busy;
  readonly error = this.record.error;
  private readonly quotePage = new RemoteValue<ListResponse<QuoteSummary>>();
  readonly quotes = computed(() => this.quotePage.value()?.items ?? []);
  readonly quotesLoaded = this.quotePage.loaded;
  readonly quotesError = this.quotePage.error;
  readonly canWrite = computed(() => {
    this.auth.currentUser();
    return this.auth.can('crm.write');
  });
  readonly late = computed(() => {
    const o = this.opportunity();
    return !!o && !isClosedStage(o.stage) && isPastDate(o.expectedCloseDate);
  });

  constructor() {
    loadForRoute(this.id, () => this.load());
  }

  quoteStatus(status: string): string {
    return QUOTE_STATUS_LABELS[status] ?? status;
  }

  load(): void {
    const id = this.id();
    this.record.load(this.api.get(id));
    this.quotePage.load(this.api.quotes({ opportunityId: id, limit: 100, offset: 0 }));
  }

  remove(o: Opportunity): void {
    this.confirm(
      {
        title: 'Delete this opportunity?',
        message: `“${o.title}” is removed for good, with its place on the pipeline. An opportunity that quotes refer to cannot be deleted.`,
        confirm: 'Delete',
        danger: true,
      },
      () =>
        this.record.send(this.api.delete(o.id), () => {
          this.snackBar.open(`${o.title} deleted`, 'OK', { duration: 4000 });
          void this.router.navigate(['/crm/opportunities']);
        }),
    );
  }
}
