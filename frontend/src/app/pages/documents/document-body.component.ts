import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { DocumentDetail } from '@billinator/contracts';
import { DocumentLinesComponent } from './document-lines.component';
import { DocumentTotalsComponent } from './document-totals.component';

/** What a saved document says, as panels: its lines with their totals, and its notes if any. */
@Component({
  selector: 'bn-document-body',
  imports: [DocumentLinesComponent, DocumentTotalsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="panel">
      <h2>Lines</h2>
      <bn-document-lines [lines]="document().lines" [showReturned]="settled()" [priceLabel]="priceLabel()" />
      <div class="totals-area">
        <bn-document-totals
          [totals]="document()"
          [settlement]="settled() ? document() : null"
          [currency]="currency()"
        />
      </div>
    </section>

    @if (document().notes) {
      <section class="panel">
        <h2>Notes</h2>
        <p class="notes" data-testid="notes">{{ document().notes }}</p>
      </section>
    }
  `,
  styles: `
    :host {
      display: block;
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
export class DocumentBodyComponent {
  readonly document = input.required<DocumentDetail>();
  readonly priceLabel = input.required<string>();
  readonly currency = input('');
  /** An invoice or bill once issued: the quantities returned, and what was paid, credited and is owed. */
  readonly settled = input(false);
}
