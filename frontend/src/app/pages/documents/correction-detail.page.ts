import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { Subscription } from 'rxjs';
import type { DocumentDetail } from '@billinator/contracts';
import { ApiError, toApiError } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { saveFile } from '../../core/csv-file';
import { DocumentsApi } from '../../core/documents-api.service';
import { ErrorBannerComponent } from '../../core/error-banner.component';
import { INVOICE_CONFIG, InvoiceSide } from './document-kind';
import { DocumentLinesComponent } from './document-lines.component';
import { DocumentStatusComponent } from './document-status.component';
import { DocumentTotalsComponent } from './document-totals.component';

/** One credit note or purchase return: the invoice or bill it corrects, its lines, totals and reason. */
@Component({
  selector: 'bn-correction-detail-page',
  imports: [
    RouterLink,
    DatePipe,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    ErrorBannerComponent,
    DocumentStatusComponent,
    DocumentLinesComponent,
    DocumentTotalsComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <a class="back-link" [routerLink]="config().corrections"
        ><mat-icon>arrow_back</mat-icon>{{ config().correctionTitle }}</a
      >
      @if (loading() && !document()) {
        <mat-progress-bar mode="indeterminate" />
      }
      <bn-error-banner [error]="error()" />

      @if (document(); as d) {
        <div class="page-header">
          <h1 data-testid="document-number">
            <span class="kind">{{ config().correctionNoun }}</span> {{ d.number }}
          </h1>
          <bn-document-status [status]="d.status" />
          <div class="header-actions">
            <button
              mat-stroked-button
              type="button"
              (click)="pdf(d)"
              [disabled]="downloading()"
              data-testid="pdf-button"
            >
              <mat-icon>picture_as_pdf</mat-icon>PDF
            </button>
          </div>
        </div>

        <section class="panel">
          <dl class="details">
            <div>
              <dt>{{ config().noun }}</dt>
              <dd>
                @if (d.invoiceId) {
                  <a [routerLink]="[config().invoices, d.invoiceId]" data-testid="invoice-link">{{
                    d.invoiceNumber
                  }}</a>
                }
              </dd>
            </div>
            <div>
              <dt>{{ config().party }}</dt>
              <dd>
                <a [routerLink]="[config().partyBase, d.partyId]" data-testid="party-link">{{ d.partyName }}</a>
              </dd>
            </div>
            <div>
              <dt>Date</dt>
              <dd data-testid="issue-date">{{ d.issueDate | date: 'mediumDate' }}</dd>
            </div>
            <div class="reason">
              <dt>Reason</dt>
              <dd data-testid="reason">{{ d.reason ?? '—' }}</dd>
            </div>
          </dl>
        </section>

        <section class="panel">
          <h2>Lines</h2>
          <bn-document-lines [lines]="d.lines" [priceLabel]="config().side === 'sales' ? 'Unit price' : 'Unit cost'" />
          <div class="totals-area">
            <bn-document-totals [totals]="d" [currency]="currency" />
          </div>
        </section>

        @if (d.notes) {
          <section class="panel">
            <h2>Notes</h2>
            <p class="notes">{{ d.notes }}</p>
          </section>
        }
      }
    </div>
  `,
  styles: `
    .page-header h1 {
      flex: 0 1 auto;
    }
    .page-header h1 .kind {
      color: var(--mat-sys-on-surface-variant);
    }
    .header-actions {
      margin-left: auto;
    }
    .reason {
      grid-column: 1 / -1;
    }
    .details a {
      color: var(--mat-sys-primary);
    }
    .reason dd {
      white-space: pre-line;
    }
    .totals-area {
      margin-top: 16px;
    }
    .notes {
      white-space: pre-line;
      margin: 0;
    }
  `,
})
export class CorrectionDetailPage {
  private readonly api = inject(DocumentsApi);
  private readonly snackBar = inject(MatSnackBar);
  readonly side = input.required<InvoiceSide>();
  readonly id = input.required<string>();

  readonly config = computed(() => INVOICE_CONFIG[this.side()]);
  readonly currency = inject(AuthService).currentUser()?.tenant.currency ?? '';
  readonly document = signal<DocumentDetail | null>(null);
  readonly loading = signal(false);
  readonly downloading = signal(false);
  readonly error = signal<ApiError | null>(null);
  private pending?: Subscription;

  constructor() {
    // a link to another document of the same kind reuses this page: load whenever the id changes
    effect(() => {
      this.id();
      untracked(() => this.load());
    });
  }

  load(): void {
    this.loading.set(true);
    this.pending?.unsubscribe();
    this.pending = this.api
      .corrections(this.side())
      .get(this.id())
      .subscribe({
        next: (document) => {
          this.document.set(document);
          this.error.set(null);
          this.loading.set(false);
        },
        error: (e: unknown) => {
          this.error.set(toApiError(e));
          this.loading.set(false);
        },
      });
  }

  pdf(d: DocumentDetail): void {
    this.downloading.set(true);
    this.api
      .corrections(this.side())
      .pdf(d.id, `${d.number ?? d.id}.pdf`)
      .subscribe({
        next: (file) => {
          saveFile(file);
          this.downloading.set(false);
        },
        error: (e: unknown) => {
          this.snackBar.open(toApiError(e).message, 'Dismiss', { panelClass: 'snack-error', duration: 8000 });
          this.downloading.set(false);
        },
      });
  }
}
