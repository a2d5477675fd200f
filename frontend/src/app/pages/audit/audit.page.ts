import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, OnInit, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { catchError, debounceTime, map, merge, Observable, of } from 'rxjs';
import type { AuditEvent, AuditVerification, ListResponse } from '@billinator/contracts';
import { ApiError, toApiError } from '../../core/api-error';
import { AuditApi, AuditFilters } from '../../core/audit-api.service';
import { AuthService } from '../../core/auth.service';
import { saveFile } from '../../core/csv-file';
import { ErrorBannerComponent } from '../../core/error-banner.component';
import { isDay, ListAddress } from '../../core/list-address';
import { ListEmptyComponent } from '../../core/list-empty.component';
import { ListTableComponent } from '../../core/list-table.component';
import { ServerList } from '../../core/server-list';
import { UsersApi } from '../../core/users-api.service';
import { AuditRecordDialog } from './audit-record.dialog';
import { ENTITY_TYPE_LABELS, entityPage } from './entity-links';

const SEQ = /^\d{1,15}$/;

/** The first (or last) millisecond of a local `YYYY-MM-DD` day, as an ISO timestamp. */
function localDayEdge(date: string, edge: 'start' | 'end'): string {
  const [y, m, d] = date.split('-').map(Number);
  const start = new Date(y, m - 1, edge === 'start' ? d : d + 1);
  return new Date(start.getTime() - (edge === 'start' ? 0 : 1)).toISOString();
}

interface ActorChoice {
  id: string;
  label: string;
}

/**
 * The auditor's workspace: the tenant's tamper-evident trail, newest first, paged on the
 * server; filters kept in the address; each record's before/after as a field-by-field diff
 * with its hashes; a check of the whole chain; exports that verify offline.
 */
@Component({
  selector: 'bn-audit-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    DatePipe,
    DecimalPipe,
    MatTableModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatIconModule,
    MatTooltipModule,
    ErrorBannerComponent,
    ListTableComponent,
    ListEmptyComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <div class="page-header">
        <h1>Audit trail</h1>
        <div class="header-actions">
          <button mat-flat-button (click)="verify()" [disabled]="verifying()" data-testid="verify-button">
            <mat-icon>verified</mat-icon>{{ verifying() ? 'Verifying…' : 'Verify chain' }}
          </button>
          <button mat-stroked-button (click)="export('csv')" [disabled]="exporting()" data-testid="export-csv">
            <mat-icon>download</mat-icon>Export CSV
          </button>
          <button mat-stroked-button (click)="export('jsonl')" [disabled]="exporting()" data-testid="export-jsonl">
            <mat-icon>data_object</mat-icon>Export JSON lines
          </button>
        </div>
      </div>
      <p class="muted intro">
        Every change, sign-in and export, each record chained to the one before by its hash. Exports carry the filters
        below. Verify an export offline with <code>npm run audit:verify -- FILE</code>.
      </p>

      @if (verification(); as v) {
        <div class="verify-result" [class.ok]="v.ok" [class.broken]="!v.ok" role="status" data-testid="verify-result">
          <mat-icon>{{ v.ok ? 'verified' : 'gpp_bad' }}</mat-icon>
          <div class="verify-text">
            @if (v.ok) {
              <strong>Intact: {{ v.checked | number }} records checked</strong>
              <small>Every hash recomputed and every link to the previous record confirmed.</small>
            } @else {
              <strong>Broken at record {{ v.firstBrokenSeq }}: {{ v.reason }}</strong>
              <small>{{ v.checked | number }} records checked.</small>
            }
          </div>
          @if (!v.ok && v.firstBrokenSeq !== null) {
            <a mat-button [routerLink]="[]" [queryParams]="{ seq: v.firstBrokenSeq }" data-testid="verify-broken-link"
              >Show record {{ v.firstBrokenSeq }}</a
            >
          }
          <button mat-icon-button type="button" (click)="verification.set(null)" aria-label="Dismiss">
            <mat-icon>close</mat-icon>
          </button>
        </div>
      }
      <bn-error-banner [error]="actionError()" />
      <bn-error-banner [error]="list.error()">
        <button mat-button type="button" (click)="list.load()">Retry</button>
      </bn-error-banner>

      <div class="audit-filters">
        <mat-form-field appearance="outline" class="date-filter" subscriptSizing="dynamic">
          <mat-label>From</mat-label>
          <input matInput type="date" [formControl]="from" data-testid="audit-filter-from" />
        </mat-form-field>
        <mat-form-field appearance="outline" class="date-filter" subscriptSizing="dynamic">
          <mat-label>To</mat-label>
          <input matInput type="date" [formControl]="to" data-testid="audit-filter-to" />
        </mat-form-field>
        <mat-form-field appearance="outline" class="actor-filter" subscriptSizing="dynamic">
          <mat-label>Actor</mat-label>
          @if (actorsListed()) {
            <mat-select [formControl]="actor" data-testid="audit-filter-actor">
              <mat-option value="">Anyone</mat-option>
              @for (a of actors(); track a.id) {
                <mat-option [value]="a.id">{{ a.label }}</mat-option>
              }
            </mat-select>
          } @else {
            <input
              matInput
              [formControl]="actor"
              [matAutocomplete]="actorAuto"
              placeholder="User id"
              autocomplete="off"
              data-testid="audit-filter-actor"
            />
            <mat-autocomplete #actorAuto="matAutocomplete" [displayWith]="actorLabel">
              @for (a of actorSuggestions(); track a.id) {
                <mat-option [value]="a.id">{{ a.label }}</mat-option>
              }
            </mat-autocomplete>
          }
        </mat-form-field>
        <mat-form-field appearance="outline" class="action-filter" subscriptSizing="dynamic">
          <mat-label>Action</mat-label>
          <input
            matInput
            [formControl]="action"
            [matAutocomplete]="actionAuto"
            placeholder="e.g. sales_invoice.*"
            autocomplete="off"
            data-testid="audit-filter-action"
          />
          <mat-autocomplete #actionAuto="matAutocomplete">
            @for (a of actionSuggestions(); track a) {
              <mat-option [value]="a">{{ a }}</mat-option>
            }
          </mat-autocomplete>
        </mat-form-field>
        <mat-form-field appearance="outline" class="filter" subscriptSizing="dynamic">
          <mat-label>Entity type</mat-label>
          <mat-select [formControl]="entityType" data-testid="audit-filter-entity-type">
            <mat-option value="">Any</mat-option>
            @for (t of entityTypes; track t.value) {
              <mat-option [value]="t.value">{{ t.label }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline" class="id-filter" subscriptSizing="dynamic">
          <mat-label>Entity id</mat-label>
          <input matInput [formControl]="entityId" autocomplete="off" data-testid="audit-filter-entity-id" />
        </mat-form-field>
      </div>

      <div class="list-summary">
        @if (focusSeq(); as s) {
          <span class="chip chip-kind" data-testid="seq-focus">
            Around record {{ s }}
            <button type="button" class="chip-close" (click)="clearFilters()" aria-label="Show the whole trail">
              <mat-icon>close</mat-icon>
            </button>
          </span>
        }
        @if (list.loaded()) {
          <span class="muted" data-testid="audit-total">
            {{ list.total() | number }} {{ list.total() === 1 ? 'record' : 'records' }}
          </span>
        }
        @if (filtered()) {
          <button mat-button type="button" (click)="clearFilters()" data-testid="clear-filters">
            <mat-icon>filter_alt_off</mat-icon>Clear filters
          </button>
        }
      </div>

      <bn-list-table
        [list]="list"
        label="Pages of the audit trail"
        [pageSizeOptions]="[25, 50, 100, 250]"
        [showFirstLastButtons]="true"
      >
        <table mat-table [dataSource]="list.items()" data-testid="audit-table" aria-label="Audit trail">
          <ng-container matColumnDef="seq">
            <th mat-header-cell *matHeaderCellDef class="num">Seq</th>
            <td mat-cell *matCellDef="let e" class="num">
              <button type="button" class="seq-button" (click)="open(e); $event.stopPropagation()">
                {{ e.seq }}
              </button>
            </td>
          </ng-container>
          <ng-container matColumnDef="at">
            <th mat-header-cell *matHeaderCellDef>Time</th>
            <td mat-cell *matCellDef="let e" class="nowrap" [title]="e.at">{{ e.at | date: 'MMM d, y, HH:mm:ss' }}</td>
          </ng-container>
          <ng-container matColumnDef="actor">
            <th mat-header-cell *matHeaderCellDef>Actor</th>
            <td mat-cell *matCellDef="let e" class="actor">
              @if (e.actorEmail) {
                {{ e.actorEmail }}
              } @else {
                <span class="muted">System</span>
              }
            </td>
          </ng-container>
          <ng-container matColumnDef="action">
            <th mat-header-cell *matHeaderCellDef>Action</th>
            <td mat-cell *matCellDef="let e" class="nowrap">
              <code class="action">{{ e.action }}</code>
            </td>
          </ng-container>
          <ng-container matColumnDef="entity">
            <th mat-header-cell *matHeaderCellDef>Entity</th>
            <td mat-cell *matCellDef="let e" class="entity">
              {{ typeLabel(e.entityType) }}
              @if (e.entityId) {
                @if (linkOf(e); as link) {
                  <a
                    class="sub id-link"
                    [routerLink]="link"
                    (click)="$event.stopPropagation()"
                    [matTooltip]="e.entityId"
                    [attr.data-testid]="'audit-entity-link-' + e.seq"
                    >{{ shortId(e.entityId) }}</a
                  >
                } @else {
                  <div class="sub mono" [title]="e.entityId">{{ shortId(e.entityId) }}</div>
                }
              }
            </td>
          </ng-container>
          <ng-container matColumnDef="ip">
            <th mat-header-cell *matHeaderCellDef class="hide-sm">IP</th>
            <td mat-cell *matCellDef="let e" class="hide-sm nowrap mono">{{ e.ip ?? '—' }}</td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns; sticky: true"></tr>
          <tr
            mat-row
            *matRowDef="let row; columns: columns"
            class="record-row"
            [class.focused]="row.seq === focusSeq()"
            (click)="open(row)"
            [attr.data-testid]="'audit-row-' + row.seq"
          ></tr>
          <tr class="mat-mdc-row" *matNoDataRow>
            <td class="mat-mdc-cell empty-state" [attr.colspan]="columns.length" data-testid="empty-state">
              <bn-list-empty
                [list]="list"
                icon="policy"
                [filtered]="filtered()"
                noun="record"
                empty="The trail is empty."
              />
            </td>
          </tr>
        </table>
      </bn-list-table>
    </div>
  `,
  styles: `
    .intro {
      margin: -8px 0 16px;
      max-width: 820px;
    }
    code {
      font-family: 'Roboto Mono', ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 0.9em;
      padding: 1px 5px;
      border-radius: 4px;
      background: var(--mat-sys-surface-container-high);
    }
    .mono {
      font-family: 'Roboto Mono', ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 12px;
    }
    .verify-result {
      display: flex;
      align-items: center;
      gap: 12px;
      padding: 12px 16px;
      border-radius: 8px;
      margin-bottom: 16px;
    }
    .verify-result.ok {
      background: #e3f4e6;
      color: #1b5e20;
    }
    .verify-result.broken {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .verify-text {
      flex: 1;
      display: flex;
      flex-direction: column;
      gap: 2px;
    }
    .verify-result a,
    .verify-result button {
      color: inherit;
    }
    .audit-filters {
      display: grid;
      grid-template-columns: repeat(3, minmax(0, 1fr));
      gap: 8px 12px;
      margin-bottom: 8px;
    }
    .list-summary {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 4px 12px;
      min-height: 40px;
      margin-bottom: 4px;
    }
    .chip-close {
      border: 0;
      background: none;
      padding: 0;
      margin: 0 -4px 0 4px;
      cursor: pointer;
      color: inherit;
      display: inline-flex;
    }
    .chip-close mat-icon {
      font-size: 16px;
      width: 16px;
      height: 16px;
    }
    tr.record-row {
      cursor: pointer;
    }
    tr.record-row:hover td {
      background: var(--mat-sys-surface-container-low);
    }
    tr.focused td {
      background: var(--mat-sys-primary-container);
    }
    tr.focused td:first-child {
      box-shadow: inset 3px 0 0 var(--mat-sys-primary);
    }
    .seq-button {
      border: 0;
      background: none;
      padding: 4px 0;
      font: inherit;
      font-weight: 500;
      font-variant-numeric: tabular-nums;
      color: var(--mat-sys-primary);
      cursor: pointer;
    }
    .seq-button:hover {
      text-decoration: underline;
    }
    td.actor {
      white-space: nowrap;
    }
    td.entity {
      white-space: nowrap;
    }
    a.id-link {
      display: block;
      color: var(--mat-sys-primary);
      font-family: 'Roboto Mono', ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 12px;
      text-decoration: none;
    }
    a.id-link:hover {
      text-decoration: underline;
    }
    @media (max-width: 599px) {
      .audit-filters {
        grid-template-columns: repeat(2, minmax(0, 1fr));
      }
      .audit-filters .actor-filter,
      .audit-filters .action-filter {
        grid-column: 1 / -1;
      }
      .header-actions {
        width: 100%;
      }
    }
  `,
})
export class AuditPage implements OnInit {
  private readonly api = inject(AuditApi);
  private readonly users = inject(UsersApi);
  private readonly auth = inject(AuthService);
  private readonly route = inject(ActivatedRoute);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  readonly columns = ['seq', 'at', 'actor', 'action', 'entity', 'ip'];
  readonly entityTypes = Object.entries(ENTITY_TYPE_LABELS)
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label));

  readonly from = new FormControl('', { nonNullable: true });
  readonly to = new FormControl('', { nonNullable: true });
  readonly actor = new FormControl('', { nonNullable: true });
  readonly action = new FormControl('', { nonNullable: true });
  readonly entityType = new FormControl('', { nonNullable: true });
  readonly entityId = new FormControl('', { nonNullable: true });
  private readonly filterControls = [this.from, this.to, this.actor, this.action, this.entityType, this.entityId];

  /** The record a link asked for (`?seq=`, e.g. the first broken one): its page is shown and it opens. */
  readonly focusSeq = signal<number | null>(null);
  private openFocused = false;

  readonly list = new ServerList<AuditEvent>((page) => this.fetch(page.limit, page.offset), 'seq');
  readonly address = new ListAddress(this.list, () => ({
    from: this.from.value || null,
    to: this.to.value || null,
    actorId: this.actor.value.trim() || null,
    action: this.action.value.trim() || null,
    entityType: this.entityType.value || null,
    entityId: this.entityId.value.trim() || null,
    seq: this.focusSeq()?.toString() ?? null,
  }));
  readonly filtered = signal(false);

  /** From `GET audit/actors` when the server has it: then the actor filter is a select. */
  readonly actors = signal<ActorChoice[]>([]);
  readonly actorsListed = signal(false);
  /** Otherwise suggestions for the free-text actor id: the users, where the role may list them. */
  readonly actorSuggestions = signal<ActorChoice[]>([]);
  readonly actorLabel = (id: string): string =>
    [...this.actors(), ...this.actorSuggestions()].find((a) => a.id === id)?.label ?? id;

  /** From `GET audit/actions`; else the actions seen on the pages shown. */
  private readonly knownActions = signal<string[]>([]);
  private readonly seenActions = signal<string[]>([]);
  private readonly actionText = signal('');
  /** Actions matching what is typed, each area's prefix (`sales_invoice.*`) first. */
  readonly actionSuggestions = computed(() => {
    const typed = this.actionText().trim().toLowerCase();
    const actions = this.knownActions().length > 0 ? this.knownActions() : this.seenActions();
    const prefixes = [...new Set(actions.map((a) => a.split('.')[0]))].map((area) => `${area}.*`);
    const all = [...new Set([...prefixes, ...[...actions].sort()])];
    return all.filter((a) => !typed || a.includes(typed)).slice(0, 50);
  });

  readonly verification = signal<AuditVerification | null>(null);
  readonly verifying = signal(false);
  readonly exporting = signal(false);
  readonly actionError = signal<ApiError | null>(null);

  constructor() {
    merge(this.from.valueChanges, this.to.valueChanges, this.entityType.valueChanges)
      .pipe(debounceTime(50), takeUntilDestroyed())
      .subscribe(() => this.changed());
    merge(this.action.valueChanges, this.entityId.valueChanges, this.actor.valueChanges)
      .pipe(debounceTime(400), takeUntilDestroyed())
      .subscribe(() => this.changed());
    this.action.valueChanges.pipe(takeUntilDestroyed()).subscribe((v) => this.actionText.set(v));
    // Actions seen on the page become suggestions for the action filter.
    effect(() => {
      const actions = this.list.items().map((e) => e.action);
      untracked(() => this.seenActions.update((seen) => [...new Set([...actions, ...seen])].slice(0, 40)));
    });
    // A record asked for by `?seq=` opens once its page is there.
    effect(() => {
      const items = this.list.items();
      const seq = this.focusSeq();
      if (!this.openFocused || seq === null) return;
      const event = items.find((e) => e.seq === seq);
      if (event) {
        this.openFocused = false;
        untracked(() => this.open(event));
      }
    });
    this.route.queryParamMap.pipe(takeUntilDestroyed()).subscribe((params) => {
      const seq = params.get('seq');
      if (seq && SEQ.test(seq) && Number(seq) !== this.focusSeq()) this.jumpTo(Number(seq));
    });
  }

  ngOnInit(): void {
    this.readAddress();
    this.loadActors();
    if (this.focusSeq() === null) this.list.load();
  }

  typeLabel(type: string): string {
    return ENTITY_TYPE_LABELS[type] ?? type;
  }

  linkOf(event: AuditEvent): string | null {
    return entityPage(event.entityType, event.entityId, event.action);
  }

  /** A UUID is long; its first block identifies it on screen (the tooltip and the record show it all). */
  shortId(id: string): string {
    return /^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(id) ? `${id.slice(0, 8)}…` : id;
  }

  open(event: AuditEvent): void {
    this.dialog.open(AuditRecordDialog, {
      data: event,
      width: '820px',
      maxWidth: '96vw',
      autoFocus: 'dialog',
    });
  }

  verify(): void {
    this.verifying.set(true);
    this.actionError.set(null);
    this.api.verify().subscribe({
      next: (result) => {
        this.verification.set(result);
        this.verifying.set(false);
        // Verifying is audited: the new record shows on top.
        if (this.list.pageIndex() === 0 && this.focusSeq() === null) this.list.load();
      },
      error: (e: unknown) => {
        this.actionError.set(toApiError(e));
        this.verifying.set(false);
      },
    });
  }

  export(format: 'csv' | 'jsonl'): void {
    this.exporting.set(true);
    this.api.export(this.filters(), format).subscribe({
      next: (file) => {
        saveFile(file);
        this.exporting.set(false);
      },
      error: (e: unknown) => {
        this.snackBar.open(toApiError(e).message, 'Dismiss', { panelClass: 'snack-error', duration: 8000 });
        this.exporting.set(false);
      },
    });
  }

  clearFilters(): void {
    this.address.reset(this.filterControls);
    this.focusSeq.set(null);
    this.changed();
  }

  /** The filters as the API takes them: the dates are whole days where the user is, sent as timestamps. */
  private filters(): AuditFilters {
    const from = this.from.value;
    const to = this.to.value;
    return {
      from: isDay(from) ? localDayEdge(from, 'start') : undefined,
      to: isDay(to) ? localDayEdge(to, 'end') : undefined,
      actorId: this.actor.value.trim() || undefined,
      action: this.action.value.trim() || undefined,
      entityType: this.entityType.value || undefined,
      entityId: this.entityId.value.trim() || undefined,
    };
  }

  private fetch(limit: number, offset: number): Observable<ListResponse<AuditEvent>> {
    return this.api.events({ ...this.filters(), limit, offset });
  }

  private changed(): void {
    if (this.focusSeq() !== null) this.focusSeq.set(null);
    this.filtered.set(Object.values(this.filters()).some((v) => v !== undefined));
    this.address.changed();
  }

  /**
   * Shows the page holding record `seq` of the whole trail: the newest record's seq gives its
   * position, since a tenant's seqs run without gaps (the server pages by offset, newest first).
   */
  private jumpTo(seq: number): void {
    this.address.reset(this.filterControls);
    this.filtered.set(false);
    this.focusSeq.set(seq);
    this.openFocused = true;
    this.list.loading.set(true);
    this.api.events({ limit: 1, offset: 0 }).subscribe({
      next: (head) => {
        const newest = head.items[0]?.seq ?? seq;
        const position = Math.max(0, newest - seq);
        this.list.pageIndex.set(Math.floor(position / this.list.pageSize()));
        this.list.load();
      },
      error: () => this.list.load(),
    });
  }

  private loadActors(): void {
    this.api
      .actors()
      .pipe(
        map((answer) => ({
          listed: true,
          choices: answer.items.map((a) => ({ id: a.id, label: a.email ?? a.id })),
        })),
        catchError(() =>
          // No actors list from the server: the users are suggestions for the free-text id.
          (this.auth.can('users.read')
            ? this.users.list({ limit: 500, offset: 0, sort: 'name' }).pipe(
                map((page) => page.items.map((u) => ({ id: u.id, label: `${u.name} (${u.email})` }))),
                catchError(() => of([] as ActorChoice[])),
              )
            : of([] as ActorChoice[])
          ).pipe(map((choices) => ({ listed: false, choices }))),
        ),
      )
      .subscribe(({ listed, choices }) => {
        if (listed) {
          this.actors.set(choices);
          this.actorsListed.set(true);
        } else {
          this.actorSuggestions.set(choices);
        }
      });
    this.api.actions().subscribe({
      next: (answer) => this.knownActions.set(answer.items),
      error: () => undefined, // suggestions then come from the records seen
    });
  }

  private readAddress(): void {
    const seq = this.address.param('seq');
    if (seq && SEQ.test(seq)) return; // handled by jumpTo
    this.address.restoreDate('from', this.from);
    this.address.restoreDate('to', this.to);
    this.address.restore('actorId', this.actor);
    this.address.restore('action', this.action);
    this.address.restore('entityType', this.entityType);
    this.address.restore('entityId', this.entityId);
    this.filtered.set(Object.values(this.filters()).some((v) => v !== undefined));
  }
}
