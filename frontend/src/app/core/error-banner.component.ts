import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { ApiError } from './api-error';

/** The one way pages show an API error: the server's message, and its request id for support. */
@Component({
  selector: 'bn-error-banner',
  imports: [MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (error(); as e) {
      <div class="error-banner" role="alert" data-testid="error-banner">
        <mat-icon>error</mat-icon>
        <div>
          <div>{{ e.message }}</div>
          @if (e.requestId && e.status >= 500) {
            <small>Reference: {{ e.requestId }}</small>
          }
        </div>
      </div>
    }
  `,
})
export class ErrorBannerComponent {
  readonly error = input<ApiError | null>(null);
}
