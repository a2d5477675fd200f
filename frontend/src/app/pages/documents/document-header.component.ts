import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { DocumentStatus } from '@billinator/contracts';
import { DocumentStatusComponent } from './document-status.component';

/**
 * The heading of a saved document's page: what it is and its number, its status, and on the
 * right the page's actions (projected) followed by the PDF button.
 */
@Component({
  selector: 'bn-document-header',
  imports: [MatButtonModule, MatIconModule, DocumentStatusComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page-header">
      <h1 data-testid="document-number">
        <span class="kind">{{ kind() }}</span> {{ number() }}
      </h1>
      <bn-document-status [status]="status()" [overdue]="overdue()" />
      <div class="header-actions">
        <ng-content />
        <button
          mat-stroked-button
          type="button"
          (click)="pdf.emit()"
          [disabled]="downloading()"
          data-testid="pdf-button"
        >
          <mat-icon>picture_as_pdf</mat-icon>PDF
        </button>
      </div>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .page-header h1 {
      flex: 0 1 auto;
    }
    .page-header h1 .kind {
      color: var(--mat-sys-on-surface-variant);
    }
    .header-actions {
      margin-left: auto;
    }
  `,
})
export class DocumentHeaderComponent {
  /** "Invoice", "Credit note", …: in a muted colour before the number. */
  readonly kind = input.required<string>();
  readonly number = input.required<string>();
  readonly status = input.required<DocumentStatus>();
  readonly overdue = input(false);
  /** The PDF is on its way: its button waits. */
  readonly downloading = input(false);
  readonly pdf = output();
}
