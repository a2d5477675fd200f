import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { Contact } from '@billinator/contracts';
import { injectConfirm } from '../../core/confirm';
import { ContactsApi } from '../../core/contacts-api.service';
import { ErrorBannerComponent } from '../../core/error-banner.component';
import { RemoteValue } from '../../core/remote-value';
import { ContactDialog, ContactDialogData } from './contact.dialog';

/** The contact people of a customer, with add, edit and delete. */
@Component({
  selector: 'bn-contacts',
  imports: [
    MatTableModule,
    MatButtonModule,
    MatIconModule,
    MatTooltipModule,
    MatProgressBarModule,
    ErrorBannerComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="panel-header">
      <h2>Contacts</h2>
      @if (canWrite()) {
        <button mat-stroked-button (click)="open()" data-testid="add-contact">
          <mat-icon>person_add</mat-icon>Add contact
        </button>
      }
    </div>
    <bn-error-banner [error]="error()" />
    <div class="table-wrap">
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" />
      }
      <table mat-table [dataSource]="contacts()" data-testid="contacts">
        <ng-container matColumnDef="name">
          <th mat-header-cell *matHeaderCellDef>Name</th>
          <td mat-cell *matCellDef="let c">{{ c.name }}</td>
        </ng-container>
        <ng-container matColumnDef="position">
          <th mat-header-cell *matHeaderCellDef class="hide-sm">Position</th>
          <td mat-cell *matCellDef="let c" class="hide-sm">{{ c.position ?? '—' }}</td>
        </ng-container>
        <ng-container matColumnDef="email">
          <th mat-header-cell *matHeaderCellDef>E-mail</th>
          <td mat-cell *matCellDef="let c">
            @if (c.email) {
              <a [href]="'mailto:' + c.email">{{ c.email }}</a>
            } @else {
              —
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="phone">
          <th mat-header-cell *matHeaderCellDef class="hide-sm">Phone</th>
          <td mat-cell *matCellDef="let c" class="hide-sm nowrap">{{ c.phone ?? '—' }}</td>
        </ng-container>
        <ng-container matColumnDef="actions">
          <th mat-header-cell *matHeaderCellDef><span class="visually-hidden">Actions</span></th>
          <td mat-cell *matCellDef="let c" class="actions">
            @if (canWrite()) {
              <button mat-icon-button (click)="open(c)" matTooltip="Edit" [attr.aria-label]="'Edit ' + c.name">
                <mat-icon>edit</mat-icon>
              </button>
              <button
                mat-icon-button
                (click)="remove(c)"
                matTooltip="Delete"
                [attr.aria-label]="'Delete ' + c.name"
                [attr.data-testid]="'delete-contact-' + c.name"
              >
                <mat-icon>delete</mat-icon>
              </button>
            }
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let row; columns: columns" [attr.data-testid]="'contact-row-' + row.name"></tr>
        <tr class="mat-mdc-row" *matNoDataRow>
          <td class="mat-mdc-cell empty-state" [attr.colspan]="columns.length">
            @if (!loading()) {
              No contact people yet.
            }
          </td>
        </tr>
      </table>
    </div>
  `,
})
export class ContactsComponent {
  private readonly api = inject(ContactsApi);
  private readonly dialog = inject(MatDialog);
  private readonly confirm = injectConfirm();
  private readonly snackBar = inject(MatSnackBar);
  readonly customerId = input.required<string>();
  readonly canWrite = input(false);

  readonly columns = ['name', 'position', 'email', 'phone', 'actions'];
  private readonly list = new RemoteValue<Contact[]>();
  readonly contacts = computed(() => this.list.value() ?? []);
  readonly loading = this.list.loading;
  readonly error = this.list.error;

  constructor() {
    effect(() => {
      this.customerId();
      untracked(() => this.load());
    });
  }

  open(contact?: Contact): void {
    const data: ContactDialogData = { customerId: this.customerId(), contact };
    this.dialog
      .open(ContactDialog, { data, autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((saved?: Contact) => {
        if (saved) this.snackBar.open(`${saved.name} saved`, 'OK', { duration: 4000 });
        this.load();
      });
  }

  remove(contact: Contact): void {
    this.confirm(
      { title: 'Delete contact?', message: `${contact.name} is removed.`, confirm: 'Delete', danger: true },
      () =>
        this.list.send(this.api.delete(this.customerId(), contact.id), () => {
          this.snackBar.open(`${contact.name} deleted`, 'OK', { duration: 4000 });
          this.load();
        }),
    );
  }

  private load(): void {
    this.list.load(this.api.list(this.customerId()));
  }
}
