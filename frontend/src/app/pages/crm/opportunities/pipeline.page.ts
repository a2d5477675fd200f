import { CdkDrag, CdkDragDrop, CdkDragPlaceholder, CdkDropList, CdkDropListGroup } from '@angular/cdk/drag-drop';
import { CdkScrollable } from '@angular/cdk/scrolling';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { debounceTime, distinctUntilChanged, forkJoin, Subscription } from 'rxjs';
import {
  MAX_PAGE_SIZE,
  OPPORTUNITY_STAGES,
  STAGE_PROBABILITY,
  type Opportunity,
  type OpportunityStage,
  type UpdateOpportunityRequest,
} from '@billinator/contracts';
import { dec, money } from '@billinator/money';
import { ApiError, toApiError } from '../../../core/api-error';
import { AuthService } from '../../../core/auth.service';
import { OpportunitiesApi, OpportunityFilters } from '../../../core/crm-api.service';
import { AmountPipe } from '../../../core/decimal-format';
import { ErrorBannerComponent } from '../../../core/error-banner.component';
import { initials, isClosedStage, isPastDate, STAGE_LABELS } from '../shared/crm-labels';
import { injectUserChoices } from '../shared/user-choices';
import { LostReasonData, LostReasonDialog } from './lost-reason.dialog';
import { OwnerChoice, OwnerFilterComponent, ownerIdOf } from './owner-filter.component';

type Board = Record<OpportunityStage, Opportunity[]>;

interface ColumnSums {
  count: number;
  total: string;
  weighted: string;
}
type Sums = Record<OpportunityStage, ColumnSums>;

function emptyBoard(): Board {
  return { lead: [], qualified: [], proposal: [], negotiation: [], won: [], lost: [] };
}

function emptySums(): Sums {
  const zero = (): ColumnSums => ({ count: 0, total: '0.00', weighted: '0.00' });
  return { lead: zero(), qualified: zero(), proposal: zero(), negotiation: zero(), won: zero(), lost: zero() };
}

/** What a card looks like in its new column until the server answers: the stage's default probability. */
function movedCard(card: Opportunity, stage: OpportunityStage): Opportunity {
  const probability = STAGE_PROBABILITY[stage];
  return {
    ...card,
    stage,
    probability,
    weightedValue: money(dec(card.value).times(probability).div(100)),
  };
}

/**
 * The sales pipeline: one column per stage with its count, total and weighted value, cards
 * dragged between columns. A move shows at once and is then sent (`PATCH {stage, version}`);
 * a refusal puts the card back where it was and says why. Lost asks for the reason first.
 */
@Component({
  selector: 'bn-pipeline-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    DatePipe,
    CdkDropListGroup,
    CdkDropList,
    CdkDrag,
    CdkDragPlaceholder,
    CdkScrollable,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatTooltipModule,
    ErrorBannerComponent,
    OwnerFilterComponent,
    AmountPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page board-page">
      <div class="page-header">
        <h1>Pipeline</h1>
        <div class="header-actions">
          @if (canWrite()) {
            <a mat-flat-button routerLink="/crm/opportunities/new" data-testid="new-opportunity">
              <mat-icon>add</mat-icon>New opportunity
            </a>
          }
        </div>
      </div>

      <bn-error-banner [error]="error()">
        <button mat-stroked-button type="button" (click)="load()" data-testid="reload">
          <mat-icon>refresh</mat-icon>Reload
        </button>
      </bn-error-banner>

      <div class="filters">
        <mat-form-field appearance="outline" class="search" subscriptSizing="dynamic">
          <mat-icon matPrefix>search</mat-icon>
          <mat-label>Search title, customer or prospect</mat-label>
          <input matInput [formControl]="search" data-testid="pipeline-search" />
        </mat-form-field>
        <bn-owner-filter [control]="owner" [users]="users" />
      </div>

      @if (truncated()) {
        <p class="notice muted" data-testid="truncated">
          Showing the {{ shown() }} most recently changed of {{ listTotal() }} opportunities; search or filter to find
          the others. Column figures count them all.
        </p>
      }

      <div class="board-wrap">
        @if (loading()) {
          <mat-progress-bar mode="indeterminate" />
        }
        <div class="board" cdkScrollable cdkDropListGroup data-testid="board">
          @for (stage of stages; track stage) {
            <section
              class="column"
              [class.won]="stage === 'won'"
              [class.lost]="stage === 'lost'"
              cdkDropList
              [cdkDropListData]="stage"
              [cdkDropListSortingDisabled]="true"
              [cdkDropListDisabled]="!canWrite()"
              (cdkDropListDropped)="dropped($event)"
              [attr.data-testid]="'column-' + stage"
              [attr.aria-label]="labels[stage]"
            >
              <header class="column-head">
                <div class="column-title">
                  <h2>{{ labels[stage] }}</h2>
                  <span class="count" [attr.data-testid]="'column-count-' + stage">{{ sums()[stage].count }}</span>
                </div>
                <div class="figures">
                  <span class="total" [attr.data-testid]="'column-total-' + stage" matTooltip="Total value">{{
                    sums()[stage].total | amount
                  }}</span>
                  <span
                    class="weighted"
                    matTooltip="Weighted by probability"
                    [attr.data-testid]="'column-weighted-' + stage"
                    >≈ {{ sums()[stage].weighted | amount }}</span
                  >
                </div>
              </header>
              @for (o of board()[stage]; track o.id) {
                <article
                  class="card"
                  cdkDrag
                  [cdkDragData]="o"
                  [cdkDragDisabled]="!canWrite() || saving().has(o.id)"
                  (cdkDragStarted)="dragging = true"
                  (cdkDragEnded)="dragEnded()"
                  (click)="openCard(o)"
                  (keydown.enter)="openCard(o)"
                  tabindex="0"
                  [class.saving]="saving().has(o.id)"
                  [attr.data-testid]="'card-' + o.title"
                  [attr.aria-label]="o.title"
                >
                  <div class="card-title">{{ o.title }}</div>
                  <div class="card-party muted">
                    @if (o.customerName) {
                      <span class="ellipsis">{{ o.customerName }}</span>
                    } @else {
                      <mat-icon class="mini" aria-label="Prospect">person_search</mat-icon
                      ><span class="ellipsis">{{ o.prospectName ?? '—' }}</span>
                    }
                  </div>
                  <div class="card-foot">
                    <span class="card-value">{{ o.value | amount }}</span>
                    <span class="owner" [matTooltip]="'Owner: ' + o.ownerName" [attr.aria-label]="o.ownerName">{{
                      initialsOf(o.ownerName)
                    }}</span>
                  </div>
                  @if (o.expectedCloseDate) {
                    <div
                      class="card-date"
                      [class.past]="isLate(o)"
                      [attr.data-testid]="'card-date-' + o.title"
                      [matTooltip]="isLate(o) ? 'Expected close date has passed' : 'Expected close date'"
                    >
                      <mat-icon class="mini" aria-hidden="true">event</mat-icon
                      >{{ o.expectedCloseDate | date: 'mediumDate' }}
                    </div>
                  }
                  @if (o.stage === 'lost' && o.lostReason) {
                    <div class="card-reason muted">{{ o.lostReason }}</div>
                  }
                  <div class="card-placeholder" *cdkDragPlaceholder></div>
                </article>
              } @empty {
                @if (loaded()) {
                  <p class="column-empty muted">{{ canWrite() ? 'Drop a card here' : 'None' }}</p>
                }
              }
            </section>
          }
        </div>
      </div>
      <p class="currency muted">Amounts in {{ currency }}.</p>
    </div>
  `,
  styles: `
    .board-page {
      max-width: none;
    }
    .notice {
      margin: 0 0 8px;
      font: var(--mat-sys-body-small);
    }
    .board-wrap {
      position: relative;
    }
    .board-wrap mat-progress-bar {
      position: absolute;
      top: -4px;
      left: 0;
      right: 0;
      z-index: 1;
    }
    .board {
      display: flex;
      gap: 8px;
      overflow-x: auto;
      padding-bottom: 8px;
      -webkit-overflow-scrolling: touch;
    }
    .column {
      flex: 1 1 0;
      min-width: 150px;
      min-height: 60vh;
      display: flex;
      flex-direction: column;
      gap: 8px;
      padding: 8px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container);
      box-sizing: border-box;
    }
    .column.cdk-drop-list-receiving {
      outline: 2px dashed var(--mat-sys-outline);
    }
    .column.cdk-drop-list-dragging {
      outline: 2px solid var(--mat-sys-primary);
    }
    .column-head {
      padding: 4px 4px 6px;
      border-bottom: 3px solid var(--mat-sys-primary);
    }
    .won .column-head {
      border-color: #2e7d32;
    }
    .lost .column-head {
      border-color: var(--mat-sys-error);
    }
    .column-title {
      display: flex;
      align-items: center;
      gap: 6px;
    }
    .column-title h2 {
      font: var(--mat-sys-title-small);
      margin: 0;
      flex: 1;
    }
    .count {
      min-width: 20px;
      padding: 0 6px;
      border-radius: 10px;
      text-align: center;
      font: var(--mat-sys-label-medium);
      background: var(--mat-sys-surface-container-highest);
    }
    .figures {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: 0 8px;
      margin-top: 2px;
      font: var(--mat-sys-body-small);
      font-variant-numeric: tabular-nums;
    }
    .total {
      font-weight: 500;
    }
    .weighted {
      color: var(--mat-sys-on-surface-variant);
    }
    .card {
      padding: 8px 10px;
      border-radius: 8px;
      background: var(--mat-sys-surface);
      border: 1px solid var(--mat-sys-outline-variant);
      cursor: pointer;
      font: var(--mat-sys-body-small);
      display: flex;
      flex-direction: column;
      gap: 2px;
      outline: none;
    }
    .card:hover,
    .card:focus-visible {
      border-color: var(--mat-sys-primary);
    }
    .card.saving {
      opacity: 0.7;
    }
    .card-title {
      font: var(--mat-sys-title-small);
      overflow-wrap: anywhere;
    }
    .card-party,
    .card-date {
      display: flex;
      align-items: center;
      gap: 3px;
      min-width: 0;
    }
    .ellipsis,
    .card-reason {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .mini {
      flex: none;
      font-size: 14px;
      width: 14px;
      height: 14px;
    }
    .card-foot {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 4px;
    }
    .card-value {
      font-weight: 500;
      font-variant-numeric: tabular-nums;
    }
    .owner {
      display: inline-grid;
      place-items: center;
      width: 24px;
      height: 24px;
      flex: none;
      border-radius: 50%;
      font-size: 10px;
      font-weight: 500;
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .card-date {
      color: var(--mat-sys-on-surface-variant);
    }
    .card-date.past {
      color: var(--mat-sys-error);
      font-weight: 500;
    }
    .card-placeholder {
      min-height: 56px;
      border-radius: 8px;
      border: 2px dashed var(--mat-sys-outline);
      background: var(--mat-sys-surface-container-high);
    }
    .column-empty {
      margin: 8px 4px;
      font: var(--mat-sys-body-small);
      text-align: center;
    }
    .cdk-drag-preview {
      box-shadow: var(--mat-sys-level3);
    }
    .cdk-drag-animating,
    .column.cdk-drop-list-dragging .card:not(.cdk-drag-placeholder) {
      transition: transform 200ms cubic-bezier(0, 0, 0.2, 1);
    }
    .currency {
      margin: 8px 0 0;
      font: var(--mat-sys-body-small);
    }
    @media (max-width: 599px) {
      .board {
        scroll-snap-type: x proximity;
      }
      .column {
        flex: 0 0 78vw;
        min-height: 50vh;
        scroll-snap-align: start;
      }
    }
  `,
})
export class PipelinePage implements OnInit {
  private readonly api = inject(OpportunitiesApi);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  readonly users = injectUserChoices();

  readonly stages = OPPORTUNITY_STAGES;
  readonly labels = STAGE_LABELS;
  readonly initialsOf = initials;
  readonly currency = this.auth.currentUser()?.tenant.currency ?? '';
  readonly canWrite = computed(() => {
    this.auth.currentUser();
    return this.auth.can('crm.write');
  });
  readonly search = new FormControl('', { nonNullable: true });
  readonly owner = new FormControl<OwnerChoice>('all', { nonNullable: true });

  readonly board = signal<Board>(emptyBoard());
  readonly sums = signal<Sums>(emptySums());
  readonly listTotal = signal(0);
  readonly shown = computed(() => OPPORTUNITY_STAGES.reduce((n, s) => n + this.board()[s].length, 0));
  readonly truncated = computed(() => this.listTotal() > this.shown() && this.shown() >= MAX_PAGE_SIZE);
  readonly loading = signal(false);
  readonly loaded = signal(false);
  readonly error = signal<ApiError | null>(null);
  /** Cards whose move is on its way: they wait for the answer before moving again. */
  readonly saving = signal<ReadonlySet<string>>(new Set());
  /** True from a drag's start until just after it ends, so the drop does not also open the card. */
  dragging = false;
  private pending?: Subscription;

  constructor() {
    this.search.valueChanges
      .pipe(debounceTime(300), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe(() => this.changed());
    this.owner.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.changed());
  }

  ngOnInit(): void {
    const params = this.route.snapshot.queryParamMap;
    const owner = params.get('owner');
    if (owner && (this.users.canList || owner === 'me')) this.owner.setValue(owner, { emitEvent: false });
    const q = params.get('q');
    if (q) this.search.setValue(q, { emitEvent: false });
    this.load();
  }

  load(): void {
    const filters: OpportunityFilters = {
      ownerId: ownerIdOf(this.owner.value, this.users),
      q: this.search.value.trim() || undefined,
    };
    this.pending?.unsubscribe();
    this.loading.set(true);
    this.pending = forkJoin({
      page: this.api.list({ ...filters, limit: MAX_PAGE_SIZE, offset: 0 }),
      columns: this.api.pipeline(filters),
    }).subscribe({
      next: ({ page, columns }) => {
        const board = emptyBoard();
        for (const o of page.items) board[o.stage]?.push(o);
        const sums = emptySums();
        for (const c of columns) {
          if (sums[c.stage]) sums[c.stage] = { count: c.count, total: money(c.total), weighted: money(c.weighted) };
        }
        this.board.set(board);
        this.sums.set(sums);
        this.listTotal.set(page.total);
        this.saving.set(new Set());
        this.error.set(null);
        this.loading.set(false);
        this.loaded.set(true);
      },
      error: (e: unknown) => {
        this.error.set(toApiError(e));
        this.loading.set(false);
        this.loaded.set(true);
      },
    });
  }

  isLate(o: Opportunity): boolean {
    return !isClosedStage(o.stage) && isPastDate(o.expectedCloseDate);
  }

  dragEnded(): void {
    // the click that may follow the drop arrives after this
    setTimeout(() => (this.dragging = false), 50);
  }

  openCard(o: Opportunity): void {
    if (this.dragging) return;
    void this.router.navigate(['/crm/opportunities', o.id]);
  }

  dropped(event: CdkDragDrop<OpportunityStage, OpportunityStage, Opportunity>): void {
    const from = event.previousContainer.data;
    const to = event.container.data;
    const card = event.item.data;
    if (from === to || this.saving().has(card.id)) return;
    const fromIndex = Math.max(
      0,
      this.board()[from].findIndex((o) => o.id === card.id),
    );
    const moved = movedCard(card, to);
    this.place(card, moved, to, event.currentIndex);
    this.mark(card.id, true);

    const request: UpdateOpportunityRequest = { stage: to, version: card.version };
    if (to !== 'lost') {
      this.send(card, moved, fromIndex, request);
      return;
    }
    const data: LostReasonData = { title: card.title };
    this.dialog
      .open(LostReasonDialog, { data, autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((reason?: string) => {
        if (reason) this.send(card, moved, fromIndex, { ...request, lostReason: reason });
        else this.rollback(card, moved, fromIndex);
      });
  }

  private send(card: Opportunity, moved: Opportunity, fromIndex: number, request: UpdateOpportunityRequest): void {
    this.api.update(card.id, request).subscribe({
      next: (saved) => {
        // the server's card: new version, probability and weighted value
        const index = Math.max(
          0,
          this.board()[moved.stage].findIndex((o) => o.id === card.id),
        );
        this.place(moved, saved, saved.stage, index);
        this.mark(card.id, false);
        this.snackBar.open(`${saved.title} moved to ${STAGE_LABELS[saved.stage]}`, 'OK', { duration: 3000 });
      },
      error: (e: unknown) => {
        this.rollback(card, moved, fromIndex);
        const apiError = toApiError(e);
        const detail = apiError.fieldErrors.length
          ? apiError.fieldErrors.map((f) => f.message).join('; ')
          : apiError.message;
        const stale = apiError.status === 409 || apiError.status === 412;
        this.snackBar
          .open(`${card.title} was not moved: ${detail}`, stale ? 'Reload' : 'Dismiss', {
            panelClass: 'snack-error',
            duration: 10000,
          })
          .onAction()
          .subscribe(() => stale && this.load());
      },
    });
  }

  /** Back to the column and place it came from. */
  private rollback(card: Opportunity, moved: Opportunity, fromIndex: number): void {
    this.place(moved, card, card.stage, fromIndex);
    this.mark(card.id, false);
  }

  /**
   * Replaces `before` (wherever it is) by `after` at `index` of column `stage`, and moves the
   * column figures with it: count, total and weighted value, in exact decimals.
   */
  private place(before: Opportunity, after: Opportunity, stage: OpportunityStage, index: number): void {
    this.board.update((board) => {
      const next = { ...board };
      for (const s of OPPORTUNITY_STAGES) {
        if (next[s].some((o) => o.id === before.id)) next[s] = next[s].filter((o) => o.id !== before.id);
      }
      const column = [...next[stage]];
      column.splice(Math.min(index, column.length), 0, after);
      next[stage] = column;
      return next;
    });
    this.sums.update((sums) => {
      const next = { ...sums };
      const shift = (o: Opportunity, sign: 1 | -1) => {
        const c = next[o.stage];
        next[o.stage] = {
          count: c.count + sign,
          total: money(dec(c.total).plus(dec(o.value).times(sign))),
          weighted: money(dec(c.weighted).plus(dec(o.weightedValue).times(sign))),
        };
      };
      shift(before, -1);
      shift(after, 1);
      return next;
    });
  }

  private mark(id: string, busy: boolean): void {
    this.saving.update((ids) => {
      const next = new Set(ids);
      if (busy) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  private changed(): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      replaceUrl: true,
      queryParams: {
        owner: this.owner.value === 'all' ? null : this.owner.value,
        q: this.search.value.trim() || null,
      },
    });
    this.load();
  }
}
