import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/**
 * A line above a document that says what state it is in (void, expired, invoiced, no longer
 * a draft): an icon and the projected text. The class `expired` or `converted` gives it the
 * colours of that status; links in the text are styled by the page.
 */
@Component({
  selector: 'bn-document-notice',
  imports: [MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-icon>{{ icon() }}</mat-icon>
    <span><ng-content /></span>
  `,
  styles: `
    :host {
      display: flex;
      gap: 8px;
      align-items: center;
      padding: 12px 16px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-high);
      margin-bottom: 16px;
    }
    :host(.expired) {
      background: #f1ede4;
      color: #6d5a2b;
    }
    :host(.converted) {
      background: #efe6fb;
      color: #3d1a6e;
    }
  `,
})
export class DocumentNoticeComponent {
  readonly icon = input.required<string>();
}
