import { ChangeDetectionStrategy, Component, computed, inject, OnInit } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { merge } from 'rxjs';
import { ActivityListComponent } from '../shared/activity-list.component';

type Scope = 'mine' | 'all';
type Status = 'open' | 'done' | 'all';

/**
 * "My open activities" (overdue first) by default; toggles switch to everyone's, and to the
 * done ones or all. The choice lives in the address (`?scope=all&status=done`).
 */
@Component({
  selector: 'bn-activities-page',
  imports: [ReactiveFormsModule, MatButtonToggleModule, ActivityListComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <div class="page-header">
        <h1>Activities</h1>
      </div>
      <div class="filters">
        <mat-button-toggle-group
          [formControl]="scope"
          [hideSingleSelectionIndicator]="true"
          aria-label="Whose activities"
          data-testid="scope-toggle"
        >
          <mat-button-toggle value="mine" data-testid="scope-mine">Mine</mat-button-toggle>
          <mat-button-toggle value="all" data-testid="scope-all">Everyone's</mat-button-toggle>
        </mat-button-toggle-group>
        <mat-button-toggle-group
          [formControl]="status"
          [hideSingleSelectionIndicator]="true"
          aria-label="Open, done or all"
          data-testid="status-toggle"
        >
          <mat-button-toggle value="open" data-testid="status-open">Open</mat-button-toggle>
          <mat-button-toggle value="done" data-testid="status-done">Done</mat-button-toggle>
          <mat-button-toggle value="all" data-testid="status-all">All</mat-button-toggle>
        </mat-button-toggle-group>
      </div>
      <bn-activity-list [mine]="mine()" [open]="open()" [heading]="heading()" [pageSize]="50" />
    </div>
  `,
  styles: `
    mat-button-toggle-group {
      --mat-button-toggle-height: 40px;
    }
  `,
})
export class ActivitiesPage implements OnInit {
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  readonly scope = new FormControl<Scope>('mine', { nonNullable: true });
  readonly status = new FormControl<Status>('open', { nonNullable: true });
  private readonly scopeValue = toSignal(this.scope.valueChanges, { initialValue: this.scope.value });
  private readonly statusValue = toSignal(this.status.valueChanges, { initialValue: this.status.value });
  readonly mine = computed(() => this.scopeValue() === 'mine');
  /** `open=true`, `open=false` (done ones) or neither. */
  readonly open = computed(() => (this.statusValue() === 'all' ? null : this.statusValue() === 'open'));
  readonly heading = computed(() => {
    const whose = this.mine() ? 'My' : "Everyone's";
    const status = this.statusValue();
    return status === 'all' ? `${whose} activities` : `${whose} ${status} activities`;
  });

  constructor() {
    merge(this.scope.valueChanges, this.status.valueChanges)
      .pipe(takeUntilDestroyed())
      .subscribe(() =>
        this.router.navigate([], {
          relativeTo: this.route,
          replaceUrl: true,
          queryParams: {
            scope: this.scope.value === 'all' ? 'all' : null,
            status: this.status.value === 'open' ? null : this.status.value,
          },
        }),
      );
  }

  ngOnInit(): void {
    const params = this.route.snapshot.queryParamMap;
    if (params.get('scope') === 'all') this.scope.setValue('all');
    const status = params.get('status');
    if (status === 'all' || status === 'done') this.status.setValue(status);
  }
}
