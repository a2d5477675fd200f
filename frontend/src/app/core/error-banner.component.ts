import { ChangeDetectionStrategy, Component, effect, ElementRef, input, viewChild } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { ApiError } from './api-error';

/**
 * The one way pages show an API error: the server's message, and its request id for support.
 * Projected content (e.g. a Reload button) sits at the end of the banner.
 */
@Component({
  selector: 'bn-error-banner',
  imports: [MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (error(); as e) {
      <div #banner class="error-banner" role="alert" data-testid="error-banner">
        <mat-icon>error</mat-icon>
        <div class="error-banner-text">
          <div>{{ e.message }}</div>
          @if (e.requestId && e.status >= 500) {
            <small>Reference: {{ e.requestId }}</small>
          }
        </div>
        <ng-content />
      </div>
    }
  `,
})
export class ErrorBannerComponent {
  readonly error = input<ApiError | null>(null);
  private readonly banner = viewChild<ElementRef<HTMLElement>>('banner');

  constructor() {
    // An error answered to a button at the bottom of a long form must not go unseen.
    effect(() => {
      this.error();
      this.banner()?.nativeElement.scrollIntoView({ block: 'nearest' });
    });
  }
}
