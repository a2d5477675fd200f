import { inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { ConfirmData, ConfirmDialogComponent } from './confirm-dialog.component';

/** Asks in the confirm dialog; `then` runs only on yes. */
export type Confirm = (data: ConfirmData, then: () => void) => void;

/** The confirm dialog as one call; call in an injection context. */
export function injectConfirm(): Confirm {
  const dialog = inject(MatDialog);
  return (data, then) =>
    dialog
      .open(ConfirmDialogComponent, { data })
      .afterClosed()
      .subscribe((ok?: boolean) => ok && then());
}
