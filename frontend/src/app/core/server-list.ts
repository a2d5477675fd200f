import { signal, WritableSignal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl } from '@angular/forms';
import type { PageEvent } from '@angular/material/paginator';
import type { Sort } from '@angular/material/sort';
import { debounceTime, distinctUntilChanged, Observable, Subscription } from 'rxjs';
import { DEFAULT_PAGE_SIZE, ListResponse } from '@billinator/contracts';
import { ApiError, toApiError } from './api-error';

export interface PageRequest {
  limit: number;
  offset: number;
  q?: string;
  sort: string;
}

/**
 * The state of a list paged, sorted and searched on the server: the page shown, the
 * search box (debounced), the sort, loading and error. Create it in a field initialiser.
 */
export class ServerList<T> {
  readonly search = new FormControl('', { nonNullable: true });
  readonly items = signal<T[]>([]);
  readonly total = signal(0);
  readonly pageSize = signal(DEFAULT_PAGE_SIZE);
  readonly pageIndex = signal(0);
  readonly sort: WritableSignal<string>;
  readonly loading = signal(false);
  /** False until the first page arrives, so empty states do not flash. */
  readonly loaded = signal(false);
  readonly error = signal<ApiError | null>(null);
  private pending?: Subscription;

  constructor(
    private readonly fetch: (request: PageRequest) => Observable<ListResponse<T>>,
    private readonly defaultSort = 'name',
  ) {
    this.sort = signal(defaultSort);
    this.search.valueChanges
      .pipe(debounceTime(300), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe(() => this.reload());
  }

  /** The search text and sort, for an export that matches what is on screen. */
  get term(): string | undefined {
    return this.search.value.trim() || undefined;
  }

  load(): void {
    this.pending?.unsubscribe();
    this.loading.set(true);
    this.pending = this.fetch({
      limit: this.pageSize(),
      offset: this.pageIndex() * this.pageSize(),
      q: this.term,
      sort: this.sort(),
    }).subscribe({
      next: (page) => {
        this.items.set(page.items);
        this.total.set(page.total);
        this.error.set(null);
        this.loading.set(false);
        this.loaded.set(true);
      },
      error: (e: unknown) => {
        this.error.set(toApiError(e));
        this.loading.set(false);
        this.loaded.set(true);
      },
    });
  }

  /** Back to the first page, e.g. after a filter changed. */
  reload(): void {
    this.pageIndex.set(0);
    this.load();
  }

  onPage(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
    this.pageSize.set(event.pageSize);
    this.load();
  }

  onSort(sort: Sort): void {
    this.sort.set(
      sort.direction === 'desc' ? `-${sort.active}` : sort.direction === 'asc' ? sort.active : this.defaultSort,
    );
    this.reload();
  }
}
