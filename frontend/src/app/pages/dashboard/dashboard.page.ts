import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { AuthService } from '../../core/auth.service';
import { NAVIGATION } from '../../core/navigation';

@Component({
  selector: 'bn-dashboard-page',
  imports: [RouterLink, MatCardModule, MatIconModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <div class="page-header">
        <h1 data-testid="welcome">Welcome, {{ user()?.name }}</h1>
      </div>
      <div class="grid">
        <mat-card appearance="outlined">
          <mat-card-header>
            <mat-icon mat-card-avatar>storefront</mat-icon>
            <mat-card-title>{{ user()?.tenant?.name }}</mat-card-title>
            <mat-card-subtitle>Your business</mat-card-subtitle>
          </mat-card-header>
          <mat-card-content>
            <dl>
              <dt>Currency</dt>
              <dd>{{ user()?.tenant?.currency }}</dd>
              <dt>Tax id</dt>
              <dd>{{ user()?.tenant?.taxId || '—' }}</dd>
              <dt>Invoice prefix</dt>
              <dd>{{ user()?.tenant?.invoicePrefix }}</dd>
            </dl>
          </mat-card-content>
        </mat-card>
        <mat-card appearance="outlined">
          <mat-card-header>
            <mat-icon mat-card-avatar>badge</mat-icon>
            <mat-card-title>{{ user()?.name }}</mat-card-title>
            <mat-card-subtitle>{{ user()?.email }}</mat-card-subtitle>
          </mat-card-header>
          <mat-card-content>
            <dl>
              <dt>Role</dt>
              <dd data-testid="role">{{ user()?.role }}</dd>
            </dl>
          </mat-card-content>
          <mat-card-actions>
            <a mat-button routerLink="/account">Change password</a>
          </mat-card-actions>
        </mat-card>
      </div>
      <h2>Your modules</h2>
      <div class="modules">
        @for (item of modules(); track item.path) {
          <a mat-stroked-button [routerLink]="item.path"
            ><mat-icon>{{ item.icon }}</mat-icon
            >{{ item.label }}</a
          >
        }
      </div>
    </div>
  `,
  styles: `
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(280px, 1fr));
      gap: 16px;
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 6px 16px;
      margin: 12px 0 0;
    }
    dt {
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
      text-transform: none;
    }
    [mat-card-avatar] {
      display: grid;
      place-items: center;
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    h2 {
      font: var(--mat-sys-title-medium);
      margin: 28px 0 12px;
    }
    .modules {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
    }
  `,
})
export class DashboardPage {
  private readonly auth = inject(AuthService);
  readonly user = this.auth.currentUser;
  readonly modules = computed(() => {
    this.user();
    return NAVIGATION.filter((n) => n.path !== '/dashboard' && (!n.permission || this.auth.can(n.permission)));
  });
}
