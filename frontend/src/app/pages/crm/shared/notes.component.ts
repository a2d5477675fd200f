import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { MAX_PAGE_SIZE, type ListResponse, type Note } from '@billinator/contracts';
import { AuthService } from '../../../core/auth.service';
import { injectConfirm } from '../../../core/confirm';
import { NotesApi } from '../../../core/crm-api.service';
import { ErrorBannerComponent } from '../../../core/error-banner.component';
import { RemoteValue } from '../../../core/remote-value';

const NOTE_MAX = 5000;
const PAGE = 50;

/**
 * The notes on a customer or an opportunity (give one of the two ids), newest first, with
 * a box to add one (crm.write) and delete for the author (or an owner/admin). Self-contained:
 * it loads, adds and deletes on its own.
 */
@Component({
  selector: 'bn-notes',
  imports: [
    ReactiveFormsModule,
    DatePipe,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatIconModule,
    MatProgressBarModule,
    MatTooltipModule,
    ErrorBannerComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'panel', 'data-testid': 'notes' },
  template: `
    <h2>{{ heading() }}</h2>
    <bn-error-banner [error]="error()" />
    @if (canWrite()) {
      <form class="add" [formGroup]="form" (ngSubmit)="add()" novalidate>
        <mat-form-field appearance="outline" class="full-width" subscriptSizing="dynamic">
          <mat-label>Add a note</mat-label>
          <textarea matInput [formControl]="body" rows="3" [attr.maxlength]="max" data-testid="note-input"></textarea>
          @if (body.hasError('maxlength')) {
            <mat-error>A note can have at most {{ max }} characters</mat-error>
          }
        </mat-form-field>
        <div class="add-actions">
          <button mat-flat-button type="submit" [disabled]="busy() || !body.value.trim()" data-testid="add-note">
            <mat-icon>note_add</mat-icon>Add note
          </button>
        </div>
      </form>
    }
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" />
    }
    <ol class="notes">
      @for (n of notes(); track n.id; let i = $index) {
        <li class="note" [attr.data-testid]="'note-' + i">
          <div class="meta">
            <span class="author">{{ n.authorName }}</span>
            <time class="muted" [attr.datetime]="n.createdAt">{{ n.createdAt | date: 'medium' }}</time>
            @if (canDelete(n)) {
              <button
                mat-icon-button
                type="button"
                class="delete"
                (click)="remove(n)"
                matTooltip="Delete note"
                aria-label="Delete note"
                [attr.data-testid]="'delete-note-' + i"
              >
                <mat-icon>delete</mat-icon>
              </button>
            }
          </div>
          <p class="body">{{ n.body }}</p>
        </li>
      } @empty {
        @if (loaded()) {
          <li class="muted empty" data-testid="notes-empty">No notes yet.</li>
        }
      }
    </ol>
    @if (total() > notes().length) {
      <button mat-button type="button" (click)="more()" [disabled]="loading()" data-testid="more-notes">
        Show older notes ({{ total() - notes().length }})
      </button>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .add-actions {
      display: flex;
      justify-content: flex-end;
      margin: 8px 0 12px;
    }
    .notes {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .note {
      padding: 10px 0;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .meta {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 4px 12px;
      min-height: 32px;
      font: var(--mat-sys-label-large);
    }
    .meta time {
      font: var(--mat-sys-body-small);
    }
    .meta .delete {
      margin-left: auto;
      --mat-icon-button-state-layer-size: 32px;
      padding: 4px;
    }
    .body {
      margin: 4px 0 0;
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    .empty {
      padding: 8px 0;
    }
  `,
})
export class NotesComponent {
  private readonly api = inject(NotesApi);
  private readonly auth = inject(AuthService);
  private readonly confirm = injectConfirm();
  private readonly snackBar = inject(MatSnackBar);
  readonly customerId = input<string | null>();
  readonly opportunityId = input<string | null>();
  readonly heading = input('Notes');

  readonly max = NOTE_MAX;
  readonly body = new FormControl('', { nonNullable: true, validators: [Validators.maxLength(NOTE_MAX)] });
  readonly form = new FormGroup({ body: this.body });
  private readonly page = new RemoteValue<ListResponse<Note>>();
  readonly notes = computed(() => this.page.value()?.items ?? []);
  readonly total = computed(() => this.page.value()?.total ?? 0);
  private limit = PAGE;
  readonly loading = this.page.loading;
  readonly loaded = this.page.loaded;
  readonly busy = this.page.busy;
  readonly error = this.page.error;
  readonly canWrite = computed(() => {
    this.auth.currentUser();
    return this.auth.can('crm.write');
  });
  private readonly about = computed(() => {
    const opportunityId = this.opportunityId();
    const customerId = this.customerId();
    return opportunityId ? { opportunityId } : customerId ? { customerId } : null;
  });

  constructor() {
    effect(() => {
      this.about();
      untracked(() => {
        this.limit = PAGE;
        this.load();
      });
    });
  }

  more(): void {
    this.limit = Math.min(this.limit + PAGE, MAX_PAGE_SIZE);
    this.load();
  }

  canDelete(note: Note): boolean {
    const user = this.auth.currentUser();
    if (!user || !this.auth.can('crm.write')) return false;
    return note.authorId === user.id || user.role === 'owner' || user.role === 'admin';
  }

  load(): void {
    const about = this.about();
    if (about) {
      this.page.load(this.api.list(about, this.limit));
    } else {
      this.page.cancel();
      this.page.value.set(null);
    }
  }

  add(): void {
    const about = this.about();
    const text = this.body.value.trim();
    if (!about || !text || this.body.invalid || this.busy()) return;
    this.page.send(this.api.create({ body: text, ...about }), (note) => {
      this.body.reset('');
      // newest first: the new note on top, then the server's order again
      this.setNotes((notes) => [note, ...notes.filter((n) => n.id !== note.id)]);
      this.load();
    });
  }

  remove(note: Note): void {
    this.confirm(
      {
        title: 'Delete this note?',
        message: `“${note.body.length > 80 ? note.body.slice(0, 80) + '…' : note.body}” is removed for good.`,
        confirm: 'Delete',
        danger: true,
      },
      () =>
        this.page.send(this.api.delete(note.id), () => {
          this.setNotes((notes) => notes.filter((n) => n.id !== note.id));
          this.snackBar.open('Note deleted', 'OK', { duration: 4000 });
          this.load();
        }),
    );
  }

  /** Changes the notes shown until the next page arrives. */
  private setNotes(change: (notes: Note[]) => Note[]): void {
    this.page.value.update((page) => page && { ...page, items: change(page.items) });
  }
}
