import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
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
import { AmountPipe } from '../../core/decimal-format';
import { DocumentsApi } from '../../core/documents-api.service';
import { ErrorBannerComponent } from '../../core/error-banner.component';
import { FileDownload } from '../../core/file-download';
import { loadForRoute } from '../../core/route-load';
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
import { DocumentBodyComponent } from './document-body.component';
import { DocumentHeaderComponent } from './document-header.component';
import { DocumentNoticeComponent } from './document-notice.component';
import { DocumentProblemsComponent } from './document-problems.component';
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
    DocumentHeaderComponent,
    DocumentNoticeComponent,
    DocumentBodyComponent,
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
        <bn-document-header
          [kind]="config().noun"
          [number]="d.number ?? 'Draft'"
          [status]="status()"
          [overdue]="d.overdue"
          [downloading]="download.busy()"
          (pdf)="pdf(d)"
        >
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
              <button mat-flat-button type="button" (click)="accept(d)" [disabled]="busy()" data-testid="accept-button">
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
            <button mat-flat-button type="button" (click)="convert(d)" [disabled]="busy()" data-testid="convert-button">
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
            <button mat-stroked-button type="button" (click)="voidIt(d)" [disabled]="busy()" data-testid="void-button">
              <mat-icon>block</mat-icon>Void
            </button>
          }
        </bn-document-header>
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" />
        }
        @if (status() === 'expired') {
          <bn-document-notice icon="event_busy" class="expired" role="status" data-testid="expired-notice">
            Expired on {{ validUntil() | date: 'mediumDate' }}: it can no longer be accepted. Send a new quote if the
            offer still stands.
          </bn-document-notice>
        }
        @if (d.status === 'converted' || d.convertedInvoiceId) {
          <bn-document-notice icon="receipt_long" class="converted" role="status" data-testid="converted-notice">
            Invoiced:
            @if (d.convertedInvoiceId) {
              <a [routerLink]="[convertedInvoices, d.convertedInvoiceId]" data-testid="converted-link">{{
                d.convertedInvoiceNumber ? 'invoice ' + d.convertedInvoiceNumber : 'the draft invoice'
              }}</a>
            } @else {
              this quote became an invoice.
            }
          </bn-document-notice>
        }
        @if (d.status === 'void') {
          <bn-document-notice icon="block" data-testid="void-notice">
            Voided{{ d.voidedAt ? ' on ' + (d.voidedAt | date: 'mediumDate') : '' }}.
            {{ d.voidReason ? 'Reason: ' + d.voidReason : '' }}
          </bn-document-notice>
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

        <bn-document-body
          [document]="d"
          [priceLabel]="config().priceLabel"
          [currency]="currency"
          [settled]="!quote() && d.status !== 'draft'"
        />

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
    bn-document-notice a {
      color: var(--mat-sys-primary);
      font-weight: 500;
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
  readonly download = new FileDownload();
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
    loadForRoute(this.id, () => this.load());
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
        this.act(
          this.api.invoices(this.side()).action(d.id, config.issueAction, { version: d.version }),
          (done) => `${config.noun} ${done.number ?? ''} ${config.side === 'sales' ? 'issued' : 'posted'}`,
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
        this.act(
          this.api.invoices(this.side()).action(d.id, 'send', { version: d.version }),
          (done) => `Quote ${done.number ?? ''} sent`,
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
      () => this.act(this.api.invoices(this.side()).action(d.id, 'accept'), () => `${d.number ?? 'Quote'} accepted`),
    );
  }

  /** The customer declined; why, if known, goes on record. */
  reject(d: DocumentDetail): void {
    this.askReason(
      {
        title: `Reject ${d.number ?? 'this quote'}?`,
        message: `${d.partyName} declined the offer. The quote stays on record and cannot be accepted any more.`,
        confirm: 'Reject',
        optional: true,
      },
      (reason) =>
        this.act(
          this.api.invoices(this.side()).action(d.id, 'reject', reason ? { reason } : {}),
          () => `${d.number ?? 'Quote'} rejected`,
        ),
    );
  }

  /** An accepted quote becomes a draft invoice with its lines; the invoice opens. */
  convert(d: DocumentDetail): void {
    this.confirm(
      {
        title: `Convert ${d.number ?? 'this quote'} to an invoice?`,
        message: `A draft invoice for ${d.partyName} is created with the quote's lines (${d.total} ${this.currency}). Check it and issue it from the invoice.`,
        confirm: 'Convert',
      },
      () =>
        this.act(
          this.api.invoices(this.side()).action(d.id, 'convert'),
          () => `Draft invoice created from ${d.number ?? 'the quote'}`,
          (invoice) => [QUOTE_CONFIG.convertedInvoices, invoice.id],
        ),
    );
  }

  voidIt(d: DocumentDetail): void {
    this.askReason(
      {
        title: `Void ${d.number ?? 'this ' + this.config().singular}?`,
        message: `It stops counting: nothing is owed any more and its goods go back${this.side() === 'sales' ? ' to stock' : ' out of stock'}. The number stays on record.`,
        confirm: 'Void',
      },
      (reason) =>
        this.act(
          this.api.invoices(this.side()).action(d.id, 'void', { reason }),
          (done) => `${done.number ?? this.config().noun} voided`,
        ),
    );
  }

  remove(d: DocumentDetail): void {
    this.confirm(
      {
        title: `Delete this draft?`,
        message: `The draft ${this.config().singular} for ${d.partyName} (${d.total} ${this.currency}) is removed for good.`,
        confirm: 'Delete',
        danger: true,
      },
      () =>
        this.act(
          this.api.invoices(this.side()).delete(d.id),
          () => 'Draft deleted',
          () => [this.config().invoices],
        ),
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
    this.download.save(this.api.invoices(this.side()).pdf(d.id, `${d.number ?? `draft-${d.id}`}.pdf`));
  }

  /**
   * Runs an action and tells what came of it in a snack bar; then shows the document as it
   * is now, or the page `next` names (the list after a delete, the invoice a quote became).
   */
  private act<T>(request: Observable<T>, message: (result: T) => string, next?: (result: T) => unknown[]): void {
    this.busy.set(true);
    this.error.set(null);
    this.shortfall.set([]);
    request.subscribe({
      next: (result) => {
        this.busy.set(false);
        this.snackBar.open(message(result), 'OK', { duration: 4000 });
        if (next) void this.router.navigate(next(result));
        else this.load();
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

  /** Asks for the reason to keep on record; `then` runs unless cancelled (or left empty where it is required). */
  private askReason(data: ReasonData, then: (reason: string) => void): void {
    this.dialog
      .open(ReasonDialog, { data, autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((reason?: string) => {
        if (reason === undefined || (!reason && !data.optional)) return;
        then(reason);
      });
  }
}
