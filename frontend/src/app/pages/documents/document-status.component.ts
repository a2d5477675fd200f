import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { DocumentStatus } from '@billinator/contracts';
import { STATUS_LABELS } from './document-kind';

/**
 * A document's status as a coloured chip (draft grey, issued/posted blue, partly paid amber,
 * paid green, void struck through; quotes: sent blue, accepted green, rejected red, expired
 * grey-amber, converted purple "Invoiced") and, when open and past due, a red "Overdue" chip.
 */
@Component({
  selector: 'bn-document-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span [class]="'chip status-' + status()" data-testid="status-chip" [attr.data-status]="status()">{{
      label()
    }}</span>
    @if (overdue()) {
      <span class="chip overdue" data-testid="overdue-chip">Overdue</span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      gap: 4px;
      vertical-align: middle;
    }
    .chip + .chip {
      margin-left: 0;
    }
    .status-draft {
      background: var(--mat-sys-surface-container-highest);
      color: var(--mat-sys-on-surface-variant);
    }
    .status-issued,
    .status-posted,
    .status-sent {
      background: #e3ecfd;
      color: #0d47a1;
    }
    .status-partially_paid {
      background: #fff1d6;
      color: #7a4b00;
    }
    .status-paid,
    .status-accepted {
      background: #e3f4e6;
      color: #1b5e20;
    }
    .status-rejected {
      background: #fde7e7;
      color: #b3261e;
    }
    .status-expired {
      background: #f1ede4;
      color: #6d5a2b;
    }
    .status-converted {
      background: #efe6fb;
      color: #5b2a9d;
    }
    .status-void {
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-outline);
      text-decoration: line-through;
    }
    .overdue {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      font-weight: 500;
    }
  `,
})
export class DocumentStatusComponent {
  readonly status = input.required<DocumentStatus>();
  readonly overdue = input(false);
  readonly label = computed(() => STATUS_LABELS[this.status()]);
}
