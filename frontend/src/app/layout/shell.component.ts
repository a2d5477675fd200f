import { BreakpointObserver, Breakpoints } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterOutlet } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatMenuModule } from '@angular/material/menu';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { filter, map } from 'rxjs';
import { AuthService } from '../core/auth.service';
import { NAVIGATION, NavItem } from '../core/navigation';

@Component({
  selector: 'bn-shell',
  imports: [
    RouterOutlet,
    RouterLink,
    MatSidenavModule,
    MatToolbarModule,
    MatListModule,
    MatIconModule,
    MatButtonModule,
    MatMenuModule,
    MatDividerModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-sidenav-container class="container">
      <mat-sidenav
        #drawer
        [mode]="handset() ? 'over' : 'side'"
        [opened]="!handset()"
        class="sidenav"
        aria-label="Main navigation"
      >
        <div class="brand">
          <span class="logo" aria-hidden="true">B</span>
          <span>Billinator</span>
        </div>
        <mat-nav-list>
          @for (item of navigation(); track item.path) {
            <a
              mat-list-item
              [routerLink]="item.path"
              [activated]="isActive(item)"
              [attr.aria-current]="isActive(item) ? 'page' : null"
              (click)="handset() && drawer.close()"
            >
              <mat-icon matListItemIcon>{{ item.icon }}</mat-icon>
              <span matListItemTitle>{{ item.label }}</span>
            </a>
          }
        </mat-nav-list>
      </mat-sidenav>
      <mat-sidenav-content>
        <mat-toolbar class="toolbar">
          @if (handset()) {
            <button mat-icon-button (click)="drawer.toggle()" aria-label="Open navigation">
              <mat-icon>menu</mat-icon>
            </button>
          }
          <span class="tenant" data-testid="tenant-name">{{ user()?.tenant?.name }}</span>
          <span class="spacer"></span>
          <button mat-button [matMenuTriggerFor]="userMenu" data-testid="user-menu">
            <mat-icon>account_circle</mat-icon>
            <span class="user-name">{{ user()?.name }}</span>
          </button>
          <mat-menu #userMenu="matMenu" xPosition="before">
            <div class="menu-header">
              <div class="menu-name">{{ user()?.name }}</div>
              <div class="menu-meta">{{ user()?.email }} · {{ user()?.role }}</div>
            </div>
            <mat-divider />
            <a mat-menu-item routerLink="/account"><mat-icon>key</mat-icon>Change password</a>
            <button mat-menu-item (click)="logout()" data-testid="logout"><mat-icon>logout</mat-icon>Sign out</button>
          </mat-menu>
        </mat-toolbar>
        <main>
          <router-outlet />
        </main>
      </mat-sidenav-content>
    </mat-sidenav-container>
  `,
  styles: `
    .container {
      height: 100vh;
    }
    .sidenav {
      width: 240px;
      border-right: 1px solid var(--mat-sys-outline-variant);
    }
    .brand {
      display: flex;
      align-items: center;
      gap: 10px;
      padding: 16px 20px;
      font: var(--mat-sys-title-large);
      color: var(--mat-sys-primary);
    }
    .logo {
      display: inline-grid;
      place-items: center;
      width: 32px;
      height: 32px;
      border-radius: 8px;
      background: var(--mat-sys-primary);
      color: var(--mat-sys-on-primary);
      font-weight: 700;
    }
    .toolbar {
      position: sticky;
      top: 0;
      z-index: 2;
      background: var(--mat-sys-surface);
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      gap: 8px;
    }
    .tenant {
      font: var(--mat-sys-title-medium);
    }
    .spacer {
      flex: 1;
    }
    .menu-header {
      padding: 8px 16px 12px;
    }
    .menu-name {
      font: var(--mat-sys-title-small);
    }
    .menu-meta {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    @media (max-width: 599px) {
      .user-name {
        display: none;
      }
    }
  `,
})
export class ShellComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  readonly user = this.auth.currentUser;
  readonly handset = toSignal(
    inject(BreakpointObserver)
      .observe([Breakpoints.XSmall, Breakpoints.Small])
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  private readonly url = toSignal(
    this.router.events.pipe(
      filter((e): e is NavigationEnd => e instanceof NavigationEnd),
      map((e) => e.urlAfterRedirects),
    ),
    { initialValue: this.router.url },
  );
  readonly navigation = computed(() => {
    this.user();
    return NAVIGATION.filter((item) => !item.permission || this.auth.can(item.permission));
  });

  /** A module stays highlighted on all of its pages, not only on its landing page. */
  isActive(item: NavItem): boolean {
    const section = item.section ?? item.path;
    const path = this.url().split(/[?#]/)[0];
    return path === section || path.startsWith(`${section}/`);
  }

  logout(): void {
    this.auth.logout().subscribe({
      complete: () => void this.router.navigate(['/login']),
      error: () => void this.router.navigate(['/login']),
    });
  }
}
