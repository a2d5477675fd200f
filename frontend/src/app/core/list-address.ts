import { inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { AbstractControl, FormControl } from '@angular/forms';
import { ActivatedRoute, Params, Router } from '@angular/router';
import { debounceTime, merge } from 'rxjs';
import type { ServerList } from './server-list';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const quiet = { emitEvent: false };

/** A `YYYY-MM-DD` date, as a date input gives it and the address carries it. */
export function isDay(value: string): boolean {
  return DAY.test(value);
}

/** Accepts one of `choices`, e.g. a status given in the address. */
export function oneOf<T extends string>(choices: readonly T[]): (value: string) => value is T {
  return (value): value is T => (choices as readonly string[]).includes(value);
}

/**
 * A server list's filters kept in the address (`?status=…&from=…&q=…`), so that a link, or the
 * back button, opens the same list: read when the page opens, rewritten in place (no history
 * entries) as they change. Create it in a field initialiser, after the list.
 */
export class ListAddress {
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  /**
   * `params`: the filters as query parameters, null for one not set. The search text is added
   * as `q`.
   */
  constructor(
    private readonly list: ServerList<unknown>,
    private readonly params: () => Params,
  ) {}

  /**
   * A change of one of `filters` shows its first page and updates the address; so does the
   * search box (the list reloads on it by itself). Call it in the constructor.
   */
  watch(filters: readonly AbstractControl[]): void {
    merge(...filters.map((filter) => filter.valueChanges))
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.changed());
    this.list.search.valueChanges.pipe(debounceTime(400), takeUntilDestroyed()).subscribe(() => this.remember());
  }

  /** The filters changed: the address follows and the list goes back to its first page. */
  changed(): void {
    this.remember();
    this.list.reload();
  }

  /** `filters` and the search box back to their defaults, quietly: call `changed()` after. */
  reset(filters: readonly AbstractControl[]): void {
    for (const control of [...filters, this.list.search]) control.reset(undefined, quiet);
  }

  /** A parameter of the address the page opened with. */
  param(key: string): string | null {
    return this.route.snapshot.queryParamMap.get(key);
  }

  /** Puts parameter `key`, when given (and accepted), into its control without reloading. */
  restore(key: string, control: FormControl<string>, accept?: (value: string) => boolean): void;
  restore<T extends string>(key: string, control: FormControl<T>, accept: (value: string) => value is T): void;
  restore(key: string, control: FormControl<string>, accept: (value: string) => boolean = () => true): void {
    const value = this.param(key);
    if (value && accept(value)) control.setValue(value, quiet);
  }

  restoreDate(key: string, control: FormControl<string>): void {
    this.restore(key, control, isDay);
  }

  /** The search text, `q`. */
  restoreSearch(): void {
    this.restore('q', this.list.search);
  }

  /** Keeps the address in step with the filters, without adding history entries. */
  remember(): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      replaceUrl: true,
      queryParams: { ...this.params(), q: this.list.term ?? null },
    });
  }
}
