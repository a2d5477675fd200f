import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { Observable, Subscription } from 'rxjs';
import type { DocumentDetail } from '@billinator/contracts';
import { dec } from '@billinator/money';
import { ApiError, toApiError } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { ConfirmData, ConfirmDialogComponent } from '../../core/confirm-dialog.component';
import { saveFile } from '../../core/csv-file';
import { AmountPipe } from '../../core/decimal-format';
import { DocumentsApi } from '../../core/documents-api.service';
import { ErrorBannerComponent } from '../../core/error-banner.component';
import { CorrectionData, CorrectionDialog } from './correction.dialog';
import { opportunityTitles, shortfallOf, Shortfall } from './document-helpers';
import {
  displayStatus,
  DOCUMENT_CONFIG,
  DocumentSide,
  InvoiceConfig,
  isOpen,
  QUOTE_CONFIG,
  validUntilOf,
} from './document-kind';
import { DocumentLinesComponent } from './document-lines.component';
import { DocumentStatusComponent } from './document-status.component';
import { DocumentProblemsComponent } from './document-problems.component';
import { DocumentTotalsComponent } from './document-totals.component';
import { ReasonData, ReasonDialog } from './reason.dialog';

/**
 * One invoice, bill or quote: header, lines, totals, and what can be done with it in its
 * state. Invoices and bills: corrections and payments; edit, delete, issue/post, void,
 * credit/return, pay, PDF. Quotes: their opportunity and the invoice they became; edit,
 * delete, send, accept, reject, convert to an invoice, PDF.
 */
@Component({
  selector: 'bn-document-detail-page',
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
    DocumentProblemsComponent,
    AmountPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <a class="back-link" [routerLink]="config().invoices"><mat-icon>arrow_back</mat-icon>{{ config().title }}</a>
      @if (loading() && !document()) {
        <mat-progress-bar mode="indeterminate" />
      }
      <bn-error-banner [error]="error()">
        @if (error()?.status === 409 && document() && !shortfall().length) {
          <button mat-stroked-button type="button" (click)="load()" data-testid="reload">
            <mat-icon>refresh</mat-icon>Reload
          </button>
        }
      </bn-error-banner>
      <bn-document-problems [shortfall]="shortfall()" [names]="names()" />

      @if (document(); as d) {
        <div class="page-header">
          <h1 data-testid="document-number">
            <span class="kind">{{ config().noun }}</span> {{ d.number ?? 'Draft' }}
          </h1>
          <bn-document-status [status]="status()" [overdue]="d.overdue" />
          <div class="header-actions">
            @if (d.status === 'draft' && canWrite()) {
              <a mat-stroked-button [routerLink]="[config().invoices, d.id, 'edit']" data-testid="edit-button">
                <mat-icon>edit</mat-icon>Edit
              </a>
              <button
                mat-stroked-button
                type="button"
                (click)="remove(d)"
                [disabled]="busy()"
                data-testid="delete-button"
              >
                <mat-icon>delete</mat-icon>Delete
              </button>
              @if (invoice(); as inv) {
                <button mat-flat-button type="button" (click)="issue(d)" [disabled]="busy()" data-testid="issue-button">
                  <mat-icon>send</mat-icon>{{ inv.issueLabel }}
                </button>
              } @else {
                <button mat-flat-button type="button" (click)="send(d)" [disabled]="busy()" data-testid="send-button">
                  <mat-icon>send</mat-icon>Send
                </button>
              }
            }
            @if (canAnswer()) {
              @if (status() === 'sent') {
                <button
                  mat-flat-button
                  type="button"
                  (click)="accept(d)"
                  [disabled]="busy()"
                  data-testid="accept-button"
                >
                  <mat-icon>thumb_up</mat-icon>Accept
                </button>
              }
              <button
                mat-stroked-button
                type="button"
                (click)="reject(d)"
                [disabled]="busy()"
                data-testid="reject-button"
              >
                <mat-icon>thumb_down</mat-icon>Reject
              </button>
            }
            @if (canConvert()) {
              <button
                mat-flat-button
                type="button"
                (click)="convert(d)"
                [disabled]="busy()"
                data-testid="convert-button"
              >
                <mat-icon>receipt_long</mat-icon>Convert to invoice
              </button>
            }
            @if (canPay() && invoice(); as inv) {
              <a
                mat-flat-button
                [routerLink]="inv.newPayment"
                [queryParams]="paymentParams(d)"
                data-testid="record-payment"
              >
                <mat-icon>payments</mat-icon>Record payment
              </a>
            }
            @if (canCorrect()) {
              <button
                mat-stroked-button
                type="button"
                (click)="correct(d)"
                [disabled]="busy()"
                data-testid="credit-note-button"
              >
                <mat-icon>undo</mat-icon>{{ config().side === 'sales' ? 'Credit note' : 'Return' }}
              </button>
            }
            @if (canVoid()) {
              <button
                mat-stroked-button
                type="button"
                (click)="voidIt(d)"
                [disabled]="busy()"
                data-testid="void-button"
              >
                <mat-icon>block</mat-icon>Void
              </button>
            }
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
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" />
        }
        @if (status() === 'expired') {
          <div class="notice expired" role="status" data-testid="expired-notice">
            <mat-icon>event_busy</mat-icon>
            <span
              >Expired on {{ validUntil() | date: 'mediumDate' }}: it can no longer be accepted. Send a new quote if the
              offer still stands.</span
            >
          </div>
        }
        @if (d.status === 'converted' || d.convertedInvoiceId) {
          <div class="notice converted" role="status" data-testid="converted-notice">
            <mat-icon>receipt_long</mat-icon>
            <span
              >Invoiced:
              @if (d.convertedInvoiceId) {
                <a [routerLink]="[convertedInvoices, d.convertedInvoiceId]" data-testid="converted-link">{{
                  d.convertedInvoiceNumber ? 'invoice ' + d.convertedInvoiceNumber : 'the draft invoice'
                }}</a>
              } @else {
                this quote became an invoice.
              }
            </span>
          </div>
        }
        @if (d.status === 'void') {
          <div class="notice" data-testid="void-notice">
            <mat-icon>block</mat-icon>
            <span
              >Voided{{ d.voidedAt ? ' on ' + (d.voidedAt | date: 'mediumDate') : '' }}.
              {{ d.voidReason ? 'Reason: ' + d.voidReason : '' }}</span
            >
          </div>
        }

        <section class="panel">
          <dl class="details">
            <div>
              <dt>{{ config().party }}</dt>
              <dd>
                <a [routerLink]="[config().partyBase, d.partyId]" data-testid="party-link">{{ d.partyName }}</a>
              </dd>
            </div>
            @if (d.supplierBillNumber) {
              <div>
                <dt>Supplier's bill number</dt>
                <dd data-testid="supplier-bill-number">{{ d.supplierBillNumber }}</dd>
              </div>
            }
            <div>
              <dt>Issue date</dt>
              <dd data-testid="issue-date">{{ d.issueDate | date: 'mediumDate' }}</dd>
            </div>
            @if (quote()) {
              <div>
                <dt>Valid until</dt>
                <dd data-testid="valid-until" [class.late]="status() === 'expired'">
                  {{ validUntil() | date: 'mediumDate' }}
                </dd>
              </div>
              <div>
                <dt>Total</dt>
                <dd class="balance" data-testid="balance">{{ d.total | amount }} {{ currency }}</dd>
              </div>
              @if (d.opportunityId) {
                <div>
                  <dt>Opportunity</dt>
                  <dd>
                    <a [routerLink]="[opportunities, d.opportunityId]" data-testid="opportunity-link">{{
                      opportunityTitle() ?? 'Open the opportunity'
                    }}</a>
                  </dd>
                </div>
              }
            } @else {
              <div>
                <dt>Due date</dt>
                <dd data-testid="due-date" [class.late]="d.overdue">{{ d.dueDate | date: 'mediumDate' }}</dd>
              </div>
              <div>
                <dt>{{ d.status === 'draft' ? 'Total' : 'Balance' }}</dt>
                <dd class="balance" data-testid="balance">
                  {{ (d.status === 'draft' ? d.total : d.balance) | amount }} {{ currency }}
                </dd>
              </div>
              @if (d.quoteId) {
                <div>
                  <dt>Quote</dt>
                  <dd>
                    @if (canReadQuotes()) {
                      <a [routerLink]="[quotes, d.quoteId]" data-testid="quote-link"
                        >From quote {{ d.quoteNumber ?? '' }}</a
                      >
                    } @else {
                      <span data-testid="quote-link">From quote {{ d.quoteNumber ?? '' }}</span>
                    }
                  </dd>
                </div>
              }
            }
          </dl>
        </section>

        <section class="panel">
          <h2>Lines</h2>
          <bn-document-lines
            [lines]="d.lines"
            [showReturned]="!quote() && d.status !== 'draft'"
            [priceLabel]="config().side === 'purchases' ? 'Unit cost' : 'Unit price'"
          />
          <div class="totals-area">
            <bn-document-totals
              [totals]="d"
              [settlement]="quote() || d.status === 'draft' ? null : d"
              [currency]="currency"
            />
          </div>
        </section>

        @if (d.notes) {
          <section class="panel">
            <h2>Notes</h2>
            <p class="notes" data-testid="notes">{{ d.notes }}</p>
          </section>
        }

        @if (d.status !== 'draft' && invoice(); as inv) {
          <div class="columns">
            <section class="panel" data-testid="corrections">
              <h2>{{ inv.correctionTitle }}</h2>
              @for (c of d.corrections; track c.id) {
                <div class="entry" [attr.data-testid]="'correction-' + c.number">
                  <a [routerLink]="[inv.corrections, c.id]">{{ c.number }}</a>
                  <span class="muted">{{ c.issueDate | date: 'mediumDate' }}</span>
                  <span class="amount">{{ c.total | amount }}</span>
                </div>
              } @empty {
                <p class="muted">None.</p>
              }
            </section>
            <section class="panel" data-testid="payments">
              <h2>Payments</h2>
              @for (p of d.payments; track p.paymentId) {
                <div class="entry" [class.reversed]="p.reversed" [attr.data-testid]="'payment-' + p.number">
                  <a [routerLink]="[paymentsBase(), p.paymentId]">{{ p.number }}</a>
                  <span class="muted">{{ p.date | date: 'mediumDate' }}{{ p.reversed ? ' · reversed' : '' }}</span>
                  <span class="amount">{{ p.amount | amount }}</span>
                </div>
              } @empty {
                <p class="muted">None yet.</p>
              }
            </section>
          </div>
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
    .late {
      color: var(--mat-sys-error);
      font-weight: 500;
    }
    .balance {
      font-weight: 500;
    }
    .details a {
      color: var(--mat-sys-primary);
    }
    .totals-area {
      margin-top: 16px;
    }
    .notes {
      white-space: pre-line;
      margin: 0;
    }
    .notice {
      display: flex;
      gap: 8px;
      align-items: center;
      padding: 12px 16px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-high);
      margin-bottom: 16px;
      a {
        color: var(--mat-sys-primary);
        font-weight: 500;
      }
    }
    .notice.expired {
      background: #f1ede4;
      color: #6d5a2b;
    }
    .notice.converted {
      background: #efe6fb;
      color: #3d1a6e;
    }
    .columns {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(280px, 1fr));
      gap: 0 16px;
    }
    .entry {
      display: flex;
      gap: 12px;
      align-items: baseline;
      padding: 6px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      a {
        color: var(--mat-sys-primary);
        font-weight: 500;
      }
      .amount {
        margin-left: auto;
        font-variant-numeric: tabular-nums;
      }
      &.reversed a,
      &.reversed .amount {
        text-decoration: line-through;
      }
    }
    mat-progress-bar {
      margin-bottom: 8px;
    }
  `,
})
export class DocumentDetailPage {
  private readonly api = inject(DocumentsApi);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  readonly side = input.required<DocumentSide>();
  readonly id = input.required<string>();

  readonly config = computed(() => DOCUMENT_CONFIG[this.side()]);
  /** Invoices and bills: their issuing, payments and corrections. */
  readonly invoice = computed<InvoiceConfig | null>(() => {
    const config = this.config();
    return config.kind === 'invoice' ? config : null;
  });
  readonly quote = computed(() => this.config().kind === 'quote');
  readonly opportunities = QUOTE_CONFIG.opportunities;
  readonly convertedInvoices = QUOTE_CONFIG.convertedInvoices;
  readonly quotes = QUOTE_CONFIG.invoices;
  readonly canReadQuotes = computed(() => this.auth.can(QUOTE_CONFIG.read));
  readonly currency = this.auth.currentUser()?.tenant.currency ?? '';
  readonly document = signal<DocumentDetail | null>(null);
  readonly loading = signal(false);
  readonly busy = signal(false);
  readonly downloading = signal(false);
  readonly error = signal<ApiError | null>(null);
  readonly shortfall = signal<Shortfall[]>([]);
  readonly canWrite = computed(() => this.auth.can(this.config().write));
  /** As people see it: a quote sent and past its last valid day is expired. */
  readonly status = computed(() => {
    const d = this.document();
    return d ? displayStatus(d) : 'draft';
  });
  readonly validUntil = computed(() => {
    const d = this.document();
    return d ? validUntilOf(d) : null;
  });
  readonly opportunityTitle = signal<string | null>(null);
  private readonly titleOf = opportunityTitles();
  /** A sent quote takes the customer's answer; an expired one can only be rejected. */
  readonly canAnswer = computed(() => {
    const status = this.status();
    return this.quote() && (status === 'sent' || status === 'expired') && this.canWrite();
  });
  readonly canConvert = computed(() => {
    const d = this.document();
    return this.quote() && d?.status === 'accepted' && !d.convertedInvoiceId && this.canWrite();
  });
  /** Open documents take payments (the payments pages record them). */
  readonly canPay = computed(() => {
    const d = this.document();
    const invoice = this.invoice();
    return d !== null && invoice !== null && isOpen(d.status) && this.auth.can(invoice.accounting);
  });
  /** Voiding is refused once anything was paid or credited. */
  readonly canVoid = computed(() => {
    const d = this.document();
    const invoice = this.invoice();
    return (
      d !== null &&
      invoice !== null &&
      d.status !== 'draft' &&
      d.status !== 'void' &&
      dec(d.amountPaid || '0').eq(0) &&
      dec(d.amountCredited || '0').eq(0) &&
      this.auth.can(invoice.accounting)
    );
  });
  /** Something is left to credit or return. */
  readonly canCorrect = computed(() => {
    const d = this.document();
    const invoice = this.invoice();
    return (
      d !== null &&
      invoice !== null &&
      d.status !== 'draft' &&
      d.status !== 'void' &&
      d.lines.some((l) => dec(l.quantity).gt(dec(l.returnedQuantity || '0'))) &&
      this.auth.can(invoice.correct)
    );
  });

  constructor() {
    // a link to another document of the same kind reuses this page: load whenever the id changes
    effect(() => {
      this.id();
      untracked(() => this.load());
    });
  }

  /** The answer of an older load must not overwrite a newer one: cancel it. */
  private pending?: Subscription;

  load(): void {
    this.loading.set(true);
    this.pending?.unsubscribe();
    this.pending = this.api
      .invoices(this.side())
      .get(this.id())
      .subscribe({
        next: (document) => {
          if (document.opportunityId !== this.document()?.opportunityId) this.loadOpportunityTitle(document);
          this.document.set(document);
          this.error.set(null);
          this.shortfall.set([]);
          this.loading.set(false);
        },
        error: (e: unknown) => {
          this.error.set(toApiError(e));
          this.loading.set(false);
        },
      });
  }

  private loadOpportunityTitle(d: DocumentDetail): void {
    this.opportunityTitle.set(null);
    if (d.kind === 'quote' && d.opportunityId) {
      this.titleOf(d.opportunityId).subscribe((title) => this.opportunityTitle.set(title));
    }
  }

  paymentsBase(): string {
    return this.side() === 'sales' ? '/sales/payments' : '/purchases/payments';
  }

  paymentParams(d: DocumentDetail): Record<string, string> {
    return { [this.config().partyField]: d.partyId, invoiceId: d.id };
  }

  readonly names = computed<Record<string, string>>(() =>
    Object.fromEntries((this.document()?.lines ?? []).map((l) => [l.productId, l.productName])),
  );

  issue(d: DocumentDetail): void {
    const config = this.invoice();
    if (!config) return;
    this.confirm(
      {
        title: `${config.issueLabel} this ${config.singular}?`,
        message:
          config.side === 'sales'
            ? `It gets the next invoice number, can no longer be edited, and its goods leave stock. Total ${d.total} ${this.currency}.`
            : `It gets the next bill number, can no longer be edited, and its goods enter stock at their cost. Total ${d.total} ${this.currency}.`,
        confirm: config.issueLabel,
      },
      () =>
        this.act(this.api.invoices(this.side()).action(d.id, config.issueAction, { version: d.version }), (done) =>
          this.snackBar.open(
            `${config.noun} ${done?.number ?? ''} ${config.side === 'sales' ? 'issued' : 'posted'}`,
            'OK',
            {
              duration: 4000,
            },
          ),
        ),
    );
  }

  /** A draft quote gets its number and goes to the customer. */
  send(d: DocumentDetail): void {
    this.confirm(
      {
        title: 'Send this quote?',
        message: `It gets the next quote number and can no longer be edited. Total ${d.total} ${this.currency} for ${d.partyName}.`,
        confirm: 'Send',
      },
      () =>
        this.act(this.api.invoices(this.side()).action(d.id, 'send', { version: d.version }), (done) =>
          this.snackBar.open(`Quote ${done?.number ?? ''} sent`, 'OK', { duration: 4000 }),
        ),
    );
  }

  accept(d: DocumentDetail): void {
    this.confirm(
      {
        title: `Accept ${d.number ?? 'this quote'}?`,
        message: `${d.partyName} accepted the offer of ${d.total} ${this.currency}. It can then be converted to an invoice.`,
        confirm: 'Accept',
      },
      () =>
        this.act(this.api.invoices(this.side()).action(d.id, 'accept'), () =>
          this.snackBar.open(`${d.number ?? 'Quote'} accepted`, 'OK', { duration: 4000 }),
        ),
    );
  }

  /** The customer declined; why, if known, goes on record. */
  reject(d: DocumentDetail): void {
    const data: ReasonData = {
      title: `Reject ${d.number ?? 'this quote'}?`,
      message: `${d.partyName} declined the offer. The quote stays on record and cannot be accepted any more.`,
      confirm: 'Reject',
      optional: true,
    };
    this.dialog
      .open(ReasonDialog, { data, autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((reason?: string) => {
        if (reason === undefined) return;
        this.act(this.api.invoices(this.side()).action(d.id, 'reject', reason ? { reason } : {}), () =>
          this.snackBar.open(`${d.number ?? 'Quote'} rejected`, 'OK', { duration: 4000 }),
        );
      });
  }

  /** An accepted quote becomes a draft invoice with its lines; the invoice opens. */
  convert(d: DocumentDetail): void {
    this.confirm(
      {
        title: `Convert ${d.number ?? 'this quote'} to an invoice?`,
        message: `A draft invoice for ${d.partyName} is created with the quote's lines (${d.total} ${this.currency}). Check it and issue it from the invoice.`,
        confirm: 'Convert',
      },
      () => {
        this.busy.set(true);
        this.error.set(null);
        this.api
          .invoices(this.side())
          .action(d.id, 'convert')
          .subscribe({
            next: (invoice) => {
              this.busy.set(false);
              this.snackBar.open(`Draft invoice created from ${d.number ?? 'the quote'}`, 'OK', { duration: 4000 });
              void this.router.navigate([QUOTE_CONFIG.convertedInvoices, invoice.id]);
            },
            error: (e: unknown) => this.fail(e),
          });
      },
    );
  }

  voidIt(d: DocumentDetail): void {
    const data: ReasonData = {
      title: `Void ${d.number ?? 'this ' + this.config().singular}?`,
      message: `It stops counting: nothing is owed any more and its goods go back${this.side() === 'sales' ? ' to stock' : ' out of stock'}. The number stays on record.`,
      confirm: 'Void',
    };
    this.dialog
      .open(ReasonDialog, { data, autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((reason?: string) => {
        if (!reason) return;
        this.act(this.api.invoices(this.side()).action(d.id, 'void', { reason }), (done) =>
          this.snackBar.open(`${done?.number ?? this.config().noun} voided`, 'OK', { duration: 4000 }),
        );
      });
  }

  remove(d: DocumentDetail): void {
    this.confirm(
      {
        title: `Delete this draft?`,
        message: `The draft ${this.config().singular} for ${d.partyName} (${d.total} ${this.currency}) is removed for good.`,
        confirm: 'Delete',
        danger: true,
      },
      () => {
        this.busy.set(true);
        this.api
          .invoices(this.side())
          .delete(d.id)
          .subscribe({
            next: () => {
              this.busy.set(false);
              this.snackBar.open('Draft deleted', 'OK', { duration: 4000 });
              void this.router.navigate([this.config().invoices]);
            },
            error: (e: unknown) => this.fail(e),
          });
      },
    );
  }

  correct(d: DocumentDetail): void {
    const config = this.invoice();
    if (!config) return;
    const data: CorrectionData = { config, invoice: d };
    this.dialog
      .open(CorrectionDialog, { data, autoFocus: 'first-tabbable', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((created?: DocumentDetail) => {
        if (!created) return;
        this.snackBar.open(`${config.correctionNoun} ${created.number ?? ''} created`, 'OK', {
          duration: 4000,
        });
        void this.router.navigate([config.corrections, created.id]);
      });
  }

  pdf(d: DocumentDetail): void {
    this.downloading.set(true);
    this.api
      .invoices(this.side())
      .pdf(d.id, `${d.number ?? `draft-${d.id}`}.pdf`)
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

  /** Runs an action, then shows the document as it is now. */
  private act(request: Observable<DocumentDetail | null>, done: (d: DocumentDetail | null) => void): void {
    this.busy.set(true);
    this.error.set(null);
    this.shortfall.set([]);
    request.subscribe({
      next: (result) => {
        this.busy.set(false);
        done(result);
        this.load();
      },
      error: (e: unknown) => this.fail(e),
    });
  }

  private fail(e: unknown): void {
    this.busy.set(false);
    this.error.set(toApiError(e));
    this.shortfall.set(shortfallOf(e));
  }

  private confirm(data: ConfirmData, then: () => void): void {
    this.dialog
      .open(ConfirmDialogComponent, { data })
      .afterClosed()
      .subscribe((ok?: boolean) => ok && then());
  }
}
