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
import { shortfallOf, Shortfall } from './document-helpers';
import { DOCUMENT_CONFIG, DocumentSide, isOpen } from './document-kind';
import { DocumentLinesComponent } from './document-lines.component';
import { DocumentStatusComponent } from './document-status.component';
import { DocumentProblemsComponent } from './document-problems.component';
import { DocumentTotalsComponent } from './document-totals.component';
import { ReasonData, ReasonDialog } from './reason.dialog';

/**
 * One invoice or bill: header, lines, totals, corrections and payments, and what can be
 * done with it in its state (edit, delete, issue/post, void, credit/return, pay, PDF).
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
          <bn-document-status [status]="d.status" [overdue]="d.overdue" />
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
              <button mat-flat-button type="button" (click)="issue(d)" [disabled]="busy()" data-testid="issue-button">
                <mat-icon>send</mat-icon>{{ config().issueLabel }}
              </button>
            }
            @if (canPay()) {
              <a
                mat-flat-button
                [routerLink]="config().newPayment"
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
          </dl>
        </section>

        <section class="panel">
          <h2>Lines</h2>
          <bn-document-lines
            [lines]="d.lines"
            [showReturned]="d.status !== 'draft'"
            [priceLabel]="config().side === 'sales' ? 'Unit price' : 'Unit cost'"
          />
          <div class="totals-area">
            <bn-document-totals [totals]="d" [settlement]="d.status === 'draft' ? null : d" [currency]="currency" />
          </div>
        </section>

        @if (d.notes) {
          <section class="panel">
            <h2>Notes</h2>
            <p class="notes" data-testid="notes">{{ d.notes }}</p>
          </section>
        }

        @if (d.status !== 'draft') {
          <div class="columns">
            <section class="panel" data-testid="corrections">
              <h2>{{ config().correctionTitle }}</h2>
              @for (c of d.corrections; track c.id) {
                <div class="entry" [attr.data-testid]="'correction-' + c.number">
                  <a [routerLink]="[config().corrections, c.id]">{{ c.number }}</a>
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
  readonly currency = this.auth.currentUser()?.tenant.currency ?? '';
  readonly document = signal<DocumentDetail | null>(null);
  readonly loading = signal(false);
  readonly busy = signal(false);
  readonly downloading = signal(false);
  readonly error = signal<ApiError | null>(null);
  readonly shortfall = signal<Shortfall[]>([]);
  readonly canWrite = computed(() => this.auth.can(this.config().write));
  /** Open documents take payments (the payments pages record them). */
  readonly canPay = computed(() => {
    const d = this.document();
    return d !== null && isOpen(d.status) && this.auth.can(this.config().accounting);
  });
  /** Voiding is refused once anything was paid or credited. */
  readonly canVoid = computed(() => {
    const d = this.document();
    return (
      d !== null &&
      d.status !== 'draft' &&
      d.status !== 'void' &&
      dec(d.amountPaid || '0').eq(0) &&
      dec(d.amountCredited || '0').eq(0) &&
      this.auth.can(this.config().accounting)
    );
  });
  /** Something is left to credit or return. */
  readonly canCorrect = computed(() => {
    const d = this.document();
    return (
      d !== null &&
      d.status !== 'draft' &&
      d.status !== 'void' &&
      d.lines.some((l) => dec(l.quantity).gt(dec(l.returnedQuantity || '0'))) &&
      this.auth.can(this.config().correct)
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
    const config = this.config();
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
    const data: CorrectionData = { config: this.config(), invoice: d };
    this.dialog
      .open(CorrectionDialog, { data, autoFocus: 'first-tabbable', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((created?: DocumentDetail) => {
        if (!created) return;
        this.snackBar.open(`${this.config().correctionNoun} ${created.number ?? ''} created`, 'OK', {
          duration: 4000,
        });
        void this.router.navigate([this.config().corrections, created.id]);
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
