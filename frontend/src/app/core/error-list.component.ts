import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** Messages listed in an error banner, e.g. the server's field errors that no field on screen shows. */
@Component({
  selector: 'bn-error-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (messages().length) {
      <ul class="error-list" [attr.data-testid]="testId()">
        @for (m of messages(); track $index) {
          <li>{{ m }}</li>
        }
      </ul>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    .error-list {
      margin: 4px 0 0;
      padding-left: 20px;
    }
  `,
})
export class ErrorListComponent {
  readonly messages = input<readonly string[]>([]);
  readonly testId = input<string | null>(null);
}
