import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { Subscription } from 'rxjs';
import type { DocumentDetail } from '@billinator/contracts';
import { ApiError, toApiError } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { DocumentsApi } from '../../core/documents-api.service';
import { ErrorBannerComponent } from '../../core/error-banner.component';
import { FileDownload } from '../../core/file-download';
import { loadForRoute } from '../../core/route-load';
import { DocumentBodyComponent } from './document-body.component';
import { DocumentHeaderComponent } from './document-header.component';
import { INVOICE_CONFIG, InvoiceSide } from './document-kind';

/** One credit note or purchase return: the invoice or bill it corrects, its lines, totals and reason. */
@Component({
  selector: 'bn-correction-detail-page',
  imports: [
    RouterLink,
    DatePipe,
    MatIconModule,
    MatProgressBarModule,
    ErrorBannerComponent,
    DocumentHeaderComponent,
    DocumentBodyComponent,
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
        <bn-document-header
          [kind]="config().correctionNoun"
          [number]="d.number ?? ''"
          [status]="d.status"
          [downloading]="download.busy()"
          (pdf)="pdf(d)"
        />

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

        <bn-document-body [document]="d" [priceLabel]="config().priceLabel" [currency]="currency" />
      }
    </div>
  `,
  styles: `
    .reason {
      grid-column: 1 / -1;
    }
    .details a {
      color: var(--mat-sys-primary);
    }
    .reason dd {
      white-space: pre-line;
    }
  `,
})
export class CorrectionDetailPage {
  private readonly api = inject(DocumentsApi);
  readonly side = input.required<InvoiceSide>();
  readonly id = input.required<string>();

  readonly config = computed(() => INVOICE_CONFIG[this.side()]);
  readonly currency = inject(AuthService).currentUser()?.tenant.currency ?? '';
  readonly document = signal<DocumentDetail | null>(null);
  readonly loading = signal(false);
  readonly download = new FileDownload();
  readonly error = signal<ApiError | null>(null);
  private pending?: Subscription;

  constructor() {
    // a link to another document of the same kind reuses this page: load whenever the id changes
    loadForRoute(this.id, () => this.load());
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
    this.download.save(this.api.corrections(this.side()).pdf(d.id, `${d.number ?? d.id}.pdf`));
  }
}
