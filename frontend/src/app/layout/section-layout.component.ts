import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { MatTabsModule } from '@angular/material/tabs';
import type { Permission } from '@billinator/contracts';
import { AuthService } from '../core/auth.service';

export interface SectionLink {
  label: string;
  path: string;
  permission?: Permission;
}

/** A module's own tabs (e.g. Products | Stock levels | Valuation) above its pages. */
@Component({
  selector: 'bn-section-layout',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatTabsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav mat-tab-nav-bar class="section-nav" [tabPanel]="panel" [attr.aria-label]="label()" mat-stretch-tabs="false">
      @for (link of visible(); track link.path) {
        <a
          mat-tab-link
          [routerLink]="link.path"
          routerLinkActive
          #rla="routerLinkActive"
          [active]="rla.isActive"
          [attr.data-testid]="'tab-' + link.label"
          >{{ link.label }}</a
        >
      }
    </nav>
    <mat-tab-nav-panel #panel>
      <router-outlet />
    </mat-tab-nav-panel>
  `,
  styles: `
    .section-nav {
      background: var(--mat-sys-surface);
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      padding: 0 8px;
    }
  `,
})
export class SectionLayoutComponent {
  private readonly auth = inject(AuthService);
  /** From the route's data. */
  readonly links = input<SectionLink[]>([]);
  readonly label = input('Section');
  readonly visible = computed(() => {
    this.auth.currentUser();
    return this.links().filter((l) => !l.permission || this.auth.can(l.permission));
  });
}
