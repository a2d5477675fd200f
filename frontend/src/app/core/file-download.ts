import { inject, signal } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { Observable } from 'rxjs';
import { toApiError } from './api-error';
import { DownloadedFile, saveFile } from './csv-file';

/**
 * A file a button downloads (a PDF, a CSV export): `busy` while it comes, then handed to the
 * browser; a failure is told in a snack bar. Create it in a field initialiser.
 */
export class FileDownload {
  readonly busy = signal(false);
  private readonly snackBar = inject(MatSnackBar);

  save(request: Observable<DownloadedFile>): void {
    this.busy.set(true);
    request.subscribe({
      next: (file) => {
        saveFile(file);
        this.busy.set(false);
      },
      error: (e: unknown) => {
        this.snackBar.open(toApiError(e).message, 'Dismiss', { panelClass: 'snack-error', duration: 8000 });
        this.busy.set(false);
      },
    });
  }
}
