import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import type { Activity } from '@billinator/contracts';
import { toApiError } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { ActivitiesApi } from '../../core/crm-api.service';
import { NAVIGATION } from '../../core/navigation';
import { ACTIVITY_TYPE_ICONS, ACTIVITY_TYPE_LABELS } from '../crm/shared/crm-labels';

@Component({
  selector: 'bn-dashboard-page',
  imports: [RouterLink, DatePipe, MatCardModule, MatIconModule, MatButtonModule],
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
        @if (showActivities()) {
          <mat-card appearance="outlined" data-testid="my-activities">
            <mat-card-header>
              <mat-icon mat-card-avatar>task_alt</mat-icon>
              <mat-card-title>My open activities</mat-card-title>
              <mat-card-subtitle>
                @if (activitiesTotal() > activities().length) {
                  {{ activities().length }} of {{ activitiesTotal() }}, overdue first
                } @else {
                  Overdue first
                }
              </mat-card-subtitle>
            </mat-card-header>
            <mat-card-content>
              @if (activitiesError(); as message) {
                <p class="muted">{{ message }}</p>
              }
              <ul class="activities">
                @for (a of activities(); track a.id) {
                  <li [class.overdue]="a.overdue" [attr.data-testid]="'dashboard-activity-' + a.subject">
                    <mat-icon [attr.aria-label]="typeLabels[a.type]">{{ typeIcons[a.type] }}</mat-icon>
                    <span class="subject">
                      {{ a.subject }}
                      @if (a.customerName || a.opportunityTitle) {
                        <small class="muted">{{ a.customerName ?? a.opportunityTitle }}</small>
                      }
                    </span>
                    <time [attr.datetime]="a.dueAt">
                      @if (a.overdue) {
                        <span class="visually-hidden">Overdue: </span>
                      }
                      {{ a.dueAt | date: 'MMM d, h:mm a' }}
                    </time>
                  </li>
                } @empty {
                  @if (activitiesLoaded() && !activitiesError()) {
                    <li class="none muted">Nothing open. Well done.</li>
                  }
                }
              </ul>
            </mat-card-content>
            <mat-card-actions>
              <a mat-button routerLink="/crm/activities" data-testid="all-activities">All activities</a>
            </mat-card-actions>
          </mat-card>
        }
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
    .activities {
      list-style: none;
      margin: 12px 0 0;
      padding: 0;
    }
    .activities li {
      display: flex;
      align-items: center;
      gap: 10px;
      padding: 6px 0 6px 6px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .activities li mat-icon {
      flex: none;
      font-size: 20px;
      width: 20px;
      height: 20px;
      color: var(--mat-sys-on-surface-variant);
    }
    .activities .subject {
      flex: 1;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .activities .subject small {
      display: block;
    }
    .activities time {
      font: var(--mat-sys-body-small);
      white-space: nowrap;
    }
    .activities li.overdue {
      box-shadow: inset 3px 0 0 var(--mat-sys-error);
    }
    .activities li.overdue time {
      color: var(--mat-sys-error);
      font-weight: 500;
    }
    .activities li.none {
      border: none;
    }
  `,
})
export class DashboardPage implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly activitiesApi = inject(ActivitiesApi);
  readonly user = this.auth.currentUser;
  readonly typeIcons = ACTIVITY_TYPE_ICONS;
  readonly typeLabels = ACTIVITY_TYPE_LABELS;
  readonly showActivities = computed(() => {
    this.user();
    return this.auth.can('crm.read');
  });
  readonly activities = signal<Activity[]>([]);
  readonly activitiesTotal = signal(0);
  readonly activitiesLoaded = signal(false);
  readonly activitiesError = signal<string | null>(null);
  readonly modules = computed(() => {
    this.user();
    return NAVIGATION.filter((n) => n.path !== '/dashboard' && (!n.permission || this.auth.can(n.permission)));
  });

  ngOnInit(): void {
    if (!this.showActivities()) return;
    this.activitiesApi.list({ mine: true, open: true, limit: 5, offset: 0 }).subscribe({
      next: (page) => {
        this.activities.set(page.items);
        this.activitiesTotal.set(page.total);
        this.activitiesLoaded.set(true);
      },
      error: (e: unknown) => {
        this.activitiesError.set(toApiError(e).message);
        this.activitiesLoaded.set(true);
      },
    });
  }
}
