import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/** Landing page of a module whose screens are not released yet. */
@Component({
  selector: 'bn-module-page',
  imports: [MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <div class="page-header">
        <h1>{{ module() }}</h1>
      </div>
      <div class="empty">
        <mat-icon>construction</mat-icon>
        <p>The {{ module() }} screens are being prepared for your business.</p>
        <p class="muted">Your role already has access; they appear here as soon as they are released.</p>
      </div>
    </div>
  `,
  styles: `
    .empty {
      text-align: center;
      padding: 48px 16px;
      border: 1px dashed var(--mat-sys-outline-variant);
      border-radius: 12px;
    }
    .empty mat-icon {
      font-size: 48px;
      width: 48px;
      height: 48px;
      color: var(--mat-sys-primary);
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class ModulePage {
  readonly module = input<string>('');
}
