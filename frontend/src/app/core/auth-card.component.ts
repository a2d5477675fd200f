import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';

/**
 * The card of a signed-out page (sign in, sign up) on its own background: a title, a line under
 * it, the projected form, and a footer with a link to the other such page.
 */
@Component({
  selector: 'bn-auth-card',
  imports: [RouterLink, MatCardModule, MatButtonModule, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="auth-page">
      <mat-card class="auth-card" appearance="outlined">
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" />
        }
        <mat-card-header>
          <mat-card-title
            ><h1>{{ heading() }}</h1></mat-card-title
          >
          <mat-card-subtitle>{{ subtitle() }}</mat-card-subtitle>
        </mat-card-header>
        <mat-card-content>
          <ng-content />
        </mat-card-content>
        <mat-card-actions class="footer">
          <span>{{ footer() }}</span>
          <a mat-button [routerLink]="footerLink()">{{ footerLinkLabel() }}</a>
        </mat-card-actions>
      </mat-card>
    </div>
  `,
  styles: `
    :host {
      display: contents;
    }
    .auth-page {
      min-height: 100vh;
      display: grid;
      place-items: center;
      padding: 16px;
      box-sizing: border-box;
      background: linear-gradient(
        160deg,
        var(--mat-sys-primary-container) 0%,
        var(--mat-sys-surface-container-lowest) 60%
      );
    }
    .auth-card {
      width: 100%;
      max-width: 440px;
      overflow: hidden;
    }
    h1 {
      font: var(--mat-sys-headline-small);
      margin: 8px 0 4px;
    }
    mat-card-content {
      padding-top: 16px;
    }
    .footer {
      justify-content: center;
      gap: 4px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class AuthCardComponent {
  readonly heading = input.required<string>();
  readonly subtitle = input.required<string>();
  readonly busy = input(false);
  /** The footer's question, e.g. "New to Billinator?", and its link. */
  readonly footer = input.required<string>();
  readonly footerLink = input.required<string>();
  readonly footerLinkLabel = input.required<string>();
}
