import { signal, WritableSignal } from '@angular/core';
import type { Observable, Subscription } from 'rxjs';
import { ApiError, toApiError } from './api-error';

/**
 * A value a page or a panel gets from the API (a record, a page of a list) and the state around
 * it: loading, answered once, a change on its way, the error to show. A newer load cancels an
 * older one, so a late answer never overwrites a fresher one. Create it in a field initialiser.
 */
export class RemoteValue<T> {
  readonly value = signal<T | null>(null);
  readonly loading = signal(false);
  /** False until the first answer, so empty states do not flash. */
  readonly loaded = signal(false);
  /** A request sent with `send` is on its way. */
  readonly busy = signal(false);
  private pending?: Subscription;

  /** `error` may be shared, e.g. with the form that saves the value. */
  constructor(readonly error: WritableSignal<ApiError | null> = signal(null)) {}

  /** Fetches the value; `then` follows a success, e.g. to fill a form with it. */
  load(source: Observable<T>, then?: (value: T) => void): void {
    this.loading.set(true);
    this.pending?.unsubscribe();
    this.pending = source.subscribe({
      next: (value) => {
        this.value.set(value);
        this.error.set(null);
        this.loading.set(false);
        this.loaded.set(true);
        then?.(value);
      },
      error: (e: unknown) => {
        this.error.set(toApiError(e));
        this.loading.set(false);
        this.loaded.set(true);
      },
    });
  }

  /** Forgets an answer still on its way, e.g. when there is nothing to load any more. */
  cancel(): void {
    this.pending?.unsubscribe();
    this.loading.set(false);
  }

  /** Sends a change (a delete, a new status…): `then` gets the answer, a refusal shows as the error. */
  send<R>(request: Observable<R>, then: (answer: R) => void): void {
    this.busy.set(true);
    request.subscribe({
      next: (answer) => {
        this.busy.set(false);
        this.error.set(null);
        then(answer);
      },
      error: (e: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(e));
      },
    });
  }
}
