import { ClipboardModule } from '@angular/cdk/clipboard';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { AuditEvent } from '@billinator/contracts';
import { diffRecords } from './audit-diff';
import { ENTITY_TYPE_LABELS, entityPage } from './entity-links';

/**
 * One record of the trail: who did what, when and from where; what changed, field by field;
 * and the hashes that chain it to its predecessor (copyable, to check against an export).
 */
@Component({
  selector: 'bn-audit-record-dialog',
  imports: [
    DatePipe,
    RouterLink,
    ClipboardModule,
    MatDialogModule,
    MatButtonModule,
    MatIconModule,
    MatSlideToggleModule,
    MatTooltipModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>
      Record {{ event.seq }} · <code class="action">{{ event.action }}</code>
    </h2>
    <mat-dialog-content data-testid="audit-record">
      <dl class="meta">
        <div>
          <dt>Seq</dt>
          <dd data-testid="record-seq">{{ event.seq }}</dd>
        </div>
        <div>
          <dt>Time</dt>
          <dd>
            {{ event.at | date: 'medium' }}
            <small class="muted mono">{{ event.at }}</small>
          </dd>
        </div>
        <div>
          <dt>Actor</dt>
          <dd>
            {{ event.actorEmail ?? 'System' }}
            @if (event.actorId) {
              <small class="muted mono">{{ event.actorId }}</small>
            }
          </dd>
        </div>
        <div>
          <dt>Entity</dt>
          <dd>
            {{ typeLabel }}
            @if (event.entityId) {
              @if (link; as l) {
                <a class="mono small-link" [routerLink]="l">{{ event.entityId }}</a>
              } @else {
                <small class="muted mono">{{ event.entityId }}</small>
              }
            }
          </dd>
        </div>
        <div>
          <dt>IP</dt>
          <dd class="mono">{{ event.ip ?? '—' }}</dd>
        </div>
        <div>
          <dt>Request id</dt>
          <dd class="mono">{{ event.requestId ?? '—' }}</dd>
        </div>
      </dl>

      <div class="diff-header">
        <h3>Changes</h3>
        @if (hasUnchanged()) {
          <mat-slide-toggle
            [checked]="changesOnly()"
            (change)="changesOnly.set($event.checked)"
            data-testid="changes-only"
            >Changes only</mat-slide-toggle
          >
        }
      </div>
      @if (rows().length === 0) {
        <p class="muted" data-testid="diff-empty">No data was recorded with this action.</p>
      } @else {
        <div class="diff-wrap">
          <table class="diff" data-testid="diff-table">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              @for (row of shown(); track row.path) {
                <tr [class]="row.status" [attr.data-testid]="'diff-row-' + row.path">
                  <th scope="row" class="mono">
                    {{ row.path }}
                    @if (row.status !== 'same') {
                      <span class="visually-hidden"> ({{ row.status }})</span>
                    }
                  </th>
                  <td class="before">{{ row.before }}</td>
                  <td class="after">{{ row.after }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        <p class="legend muted">
          <span class="swatch changed"></span>changed <span class="swatch added"></span>added
          <span class="swatch removed"></span>removed
        </p>
      }

      <h3>Chain</h3>
      <dl class="hashes">
        @for (h of hashes; track h.label) {
          <div>
            <dt>{{ h.label }}</dt>
            <dd>
              <code class="hash" [attr.data-testid]="'record-' + h.key">{{ h.value }}</code>
              <button
                mat-icon-button
                type="button"
                [cdkCopyToClipboard]="h.value"
                (cdkCopyToClipboardCopied)="copied(h.label)"
                [attr.aria-label]="'Copy ' + h.label"
                [matTooltip]="'Copy ' + h.label"
              >
                <mat-icon>content_copy</mat-icon>
              </button>
            </dd>
          </div>
        }
      </dl>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button mat-dialog-close data-testid="record-close">Close</button>
    </mat-dialog-actions>
  `,
  styles: `
    .action {
      font-size: 0.85em;
    }
    .mono,
    code {
      font-family: 'Roboto Mono', ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    }
    small {
      display: block;
      font-size: 12px;
      overflow-wrap: anywhere;
    }
    .meta {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 220px), 1fr));
      gap: 12px 24px;
      margin: 0 0 8px;
    }
    dt {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 2px 0 0;
      overflow-wrap: anywhere;
      color: var(--mat-sys-on-surface);
    }
    .small-link {
      display: block;
      font-size: 12px;
      color: var(--mat-sys-primary);
    }
    h3 {
      font: var(--mat-sys-title-small);
      margin: 20px 0 8px;
      color: var(--mat-sys-on-surface);
    }
    .diff-header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 12px;
      flex-wrap: wrap;
    }
    .diff-header h3 {
      margin-bottom: 8px;
    }
    .diff-wrap {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      overflow: auto;
      max-height: 42vh;
    }
    table.diff {
      width: 100%;
      border-collapse: collapse;
      font-size: 13px;
      color: var(--mat-sys-on-surface);
    }
    .diff th,
    .diff td {
      text-align: left;
      vertical-align: top;
      padding: 6px 10px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      overflow-wrap: anywhere;
    }
    .diff td {
      white-space: pre-wrap;
    }
    .diff thead th {
      position: sticky;
      top: 0;
      background: var(--mat-sys-surface-container-high);
      font-weight: 500;
      z-index: 1;
    }
    .diff tbody th {
      font-weight: 400;
      width: 34%;
    }
    .diff td {
      width: 33%;
    }
    tr.same {
      color: var(--mat-sys-on-surface-variant);
    }
    tr.changed {
      background: #fff4d6;
    }
    tr.changed td.before {
      background: #fde2e1;
    }
    tr.changed td.after {
      background: #dcf3df;
    }
    tr.added {
      background: #e6f4e8;
    }
    tr.removed {
      background: #fdecea;
    }
    tr.removed td.before {
      text-decoration: line-through;
    }
    tr.changed th,
    tr.added th,
    tr.removed th {
      font-weight: 500;
    }
    tr.changed th {
      box-shadow: inset 3px 0 0 #e0a800;
    }
    tr.added th {
      box-shadow: inset 3px 0 0 #2e7d32;
    }
    tr.removed th {
      box-shadow: inset 3px 0 0 var(--mat-sys-error);
    }
    @media (max-width: 599px) {
      .meta {
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: 10px 16px;
      }
      .diff-wrap {
        max-height: none;
      }
      /* One field per block: its path, then before and after side by side. */
      table.diff,
      .diff tbody {
        display: block;
      }
      .diff thead {
        display: none;
      }
      .diff tbody tr {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        border-bottom: 1px solid var(--mat-sys-outline-variant);
      }
      .diff tbody th,
      .diff td {
        width: auto;
        border-bottom: none;
      }
      .diff tbody th {
        grid-column: 1 / -1;
        padding-bottom: 0;
      }
      .diff td::before {
        display: block;
        font: var(--mat-sys-label-small);
        color: var(--mat-sys-on-surface-variant);
      }
      .diff td.before::before {
        content: 'Before';
      }
      .diff td.after::before {
        content: 'After';
      }
    }
    .legend {
      font-size: 12px;
      margin: 8px 0 0;
    }
    .swatch {
      display: inline-block;
      width: 10px;
      height: 10px;
      border-radius: 2px;
      margin: 0 4px 0 8px;
      vertical-align: -1px;
    }
    .swatch.changed {
      background: #e0a800;
      margin-left: 0;
    }
    .swatch.added {
      background: #2e7d32;
    }
    .swatch.removed {
      background: var(--mat-sys-error);
    }
    .hashes {
      margin: 0;
      display: grid;
      gap: 8px;
    }
    .hashes dd {
      display: flex;
      align-items: center;
      gap: 4px;
    }
    code.hash {
      flex: 1;
      min-width: 0;
      padding: 6px 8px;
      border-radius: 6px;
      background: var(--mat-sys-surface-container-high);
      font-size: 12px;
      overflow-wrap: anywhere;
      user-select: all;
    }
  `,
})
export class AuditRecordDialog {
  private readonly snackBar = inject(MatSnackBar);
  readonly event = inject<AuditEvent>(MAT_DIALOG_DATA);
  readonly typeLabel = ENTITY_TYPE_LABELS[this.event.entityType] ?? this.event.entityType;
  readonly link = entityPage(this.event.entityType, this.event.entityId, this.event.action);
  readonly rows = signal(diffRecords(this.event.before, this.event.after));
  readonly hasUnchanged = computed(() => this.rows().some((r) => r.status === 'same'));
  readonly changesOnly = signal(false);
  readonly shown = computed(() => (this.changesOnly() ? this.rows().filter((r) => r.status !== 'same') : this.rows()));
  readonly hashes = [
    { label: 'Previous hash', key: 'prev-hash', value: this.event.prevHash },
    { label: 'Hash', key: 'hash', value: this.event.hash },
  ];

  copied(label: string): void {
    this.snackBar.open(`${label} copied`, undefined, { duration: 2000 });
  }
}
