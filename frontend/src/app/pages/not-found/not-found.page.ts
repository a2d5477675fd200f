import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

@Component({
  selector: 'bn-not-found-page',
  imports: [RouterLink, MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page center" data-testid="not-found">
      <mat-icon>{{ forbidden() ? 'lock' : 'explore_off' }}</mat-icon>
      <h1>{{ forbidden() ? 'Your role cannot open this page' : 'Page not found' }}</h1>
      <p>
        {{
          forbidden()
            ? 'Ask an owner or admin if you need access.'
            : 'The address may be mistyped, or the page has moved.'
        }}
      </p>
      <a mat-flat-button routerLink="/dashboard">Back to the dashboard</a>
    </div>
  `,
  styles: `
    .center {
      text-align: center;
      padding-top: 64px;
    }
    mat-icon {
      font-size: 56px;
      width: 56px;
      height: 56px;
      color: var(--mat-sys-primary);
    }
    h1 {
      font: var(--mat-sys-headline-small);
    }
    p {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class NotFoundPage {
  readonly forbidden = input(false);
}
