import { computed, inject, Signal, WritableSignal } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { Observable } from 'rxjs';
import type { ApiError } from './api-error';
import { RemoteValue } from './remote-value';

export interface EditedRecordOptions<T> {
  /** From the route: absent when creating. */
  id: Signal<string | undefined>;
  fetch: (id: string) => Observable<T>;
  /** Puts the record into the form. */
  fill: (record: T) => void;
  /** The error of the form's submission: a failed load shows where a failed save does. */
  error: WritableSignal<ApiError | null>;
  /** The answers that mean someone else changed the record meanwhile; 409 unless told. */
  staleStatuses?: readonly number[];
}

/**
 * The record an edit form changes (none when creating): loaded into the form, and loaded again
 * when a save was refused because someone else changed it first. Create it in a field initialiser.
 */
export class EditedRecord<T> extends RemoteValue<T> {
  /** A stale version (a conflict without field errors) can be fixed by reloading the record. */
  readonly stale: Signal<boolean>;
  private readonly snackBar = inject(MatSnackBar);

  constructor(private readonly options: EditedRecordOptions<T>) {
    super(options.error);
    const statuses = options.staleStatuses ?? [409];
    this.stale = computed(() => {
      const e = this.error();
      return !!options.id() && !!e && statuses.includes(e.status) && e.fieldErrors.length === 0;
    });
  }

  /** Loads the record into the form (again, after someone else changed it: then says so). */
  reload(announce = true): void {
    const id = this.options.id();
    if (!id) return;
    this.load(this.options.fetch(id), (record) => {
      this.options.fill(record);
      if (announce) this.snackBar.open('Loaded the latest version; apply your change again', 'OK', { duration: 5000 });
    });
  }
}
