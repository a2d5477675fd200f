import { afterNextRender, inject } from '@angular/core';
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
 * entries) as they change. Once the page has read them (in `ngOnInit`), the address is rewritten
 * in place to show only what it accepted: a value it ignored does not stay there. Create it in a
 * field initialiser, after the list.
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
  ) {
    afterNextRender(() => this.tidy());
  }

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

  /** A switch, on when the address says `true` (as `params` should then write it). */
  restoreFlag(key: string, control: FormControl<boolean>): void {
    if (this.param(key) === 'true') control.setValue(true, quiet);
  }

  /** The search text, `q`. */
  restoreSearch(): void {
    this.restore('q', this.list.search);
  }

  /** Keeps the address in step with the filters, without adding history entries. */
  remember(): void {
    void this.router.navigate([], { relativeTo: this.route, replaceUrl: true, queryParams: this.query() });
  }

  /** The address as the filters would write it differs from the one the page opened with: rewrite it. */
  private tidy(): void {
    if (!sameQuery(this.route.snapshot.queryParams, this.query())) this.remember();
  }

  private query(): Params {
    return { ...this.params(), q: this.list.term ?? null };
  }
}

/** Whether the address's parameters `shown` are those of `query` (where null leaves a parameter out). */
function sameQuery(shown: Params, query: Params): boolean {
  const kept = Object.entries(query).filter(([, value]) => value !== null && value !== undefined);
  return Object.keys(shown).length === kept.length && kept.every(([key, value]) => shown[key] === String(value));
}
