import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ApiError } from './api-error';
import { ErrorBannerComponent } from './error-banner.component';

/**
 * The top of a form page: the way back, the title, the error banner (with Reload when the record
 * went stale) and the progress bar while the record loads. Projected content (e.g. messages of
 * the error) sits in the banner, before Reload.
 */
@Component({
  selector: 'bn-form-page-header',
  imports: [RouterLink, MatButtonModule, MatIconModule, MatProgressBarModule, ErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="back-link" [routerLink]="backLink()"><mat-icon>arrow_back</mat-icon>{{ backLabel() }}</a>
    <div class="page-header">
      <h1>{{ heading() }}</h1>
    </div>

    <bn-error-banner [error]="error()">
      <ng-content />
      @if (stale()) {
        <button mat-stroked-button type="button" (click)="reload.emit()" data-testid="reload">
          <mat-icon>refresh</mat-icon>Reload
        </button>
      }
    </bn-error-banner>

    @if (loading()) {
      <mat-progress-bar mode="indeterminate" />
    }
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class FormPageHeaderComponent {
  readonly backLink = input.required<string | readonly string[]>();
  readonly backLabel = input.required<string>();
  readonly heading = input.required<string>();
  readonly error = input<ApiError | null>(null);
  readonly stale = input(false);
  readonly loading = input(false);
  readonly reload = output();
}
