import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { AbstractControl, FormGroup, ValidationErrors } from '@angular/forms';
import { catchError, debounceTime, map, Observable, of, Subject, switchMap } from 'rxjs';
import type { FieldError, Opportunity } from '@billinator/contracts';
import type { ApiError } from '../../core/api-error';
import { applyFieldErrors } from '../../core/form-errors';
import { CustomersApi, SuppliersApi } from '../../core/parties-api.service';
import type { DocumentSide } from './document-kind';

/** A customer or supplier picked in an autocomplete. */
export interface PartyRef {
  id: string;
  name: string;
  paymentTermsDays?: number;
}

/**
 * Options of an autocomplete fetched from the API as the user types: debounced, and an
 * older answer never replaces a newer one. Create it in a field initialiser.
 */
export class Lookup<T> {
  readonly options = signal<T[]>([]);
  private readonly terms = new Subject<string>();

  constructor(fetch: (term: string) => Observable<T[]>) {
    this.terms
      .pipe(
        debounceTime(200),
        switchMap((term) => fetch(term.trim()).pipe(catchError(() => of([] as T[])))),
        takeUntilDestroyed(),
      )
      .subscribe((options) => this.options.set(options));
  }

  search(term: unknown): void {
    this.terms.next(typeof term === 'string' ? term : '');
  }
}

/** Customers (sales, quotes) or suppliers by name, for a party autocomplete; call in an injection context. */
export function partyLookup(side: () => DocumentSide, activeOnly: boolean): Lookup<PartyRef> {
  const customers = inject(CustomersApi);
  const suppliers = inject(SuppliersApi);
  return new Lookup<PartyRef>((q) =>
    (side() === 'purchases' ? suppliers : customers)
      .list({ q: q || undefined, limit: 10, offset: 0, sort: 'name', active: activeOnly ? true : undefined })
      .pipe(map((page) => page.items.map((p) => ({ id: p.id, name: p.name, paymentTermsDays: p.paymentTermsDays })))),
  );
}

/**
 * The title of a quote's opportunity, for its link; null when it cannot be read (gone, or
 * not allowed), so the link falls back to a plain label. Call in an injection context.
 */
export function opportunityTitles(): (id: string) => Observable<string | null> {
  const http = inject(HttpClient);
  return (id) =>
    http.get<Opportunity>(`/api/v1/crm/opportunities/${encodeURIComponent(id)}`).pipe(
      map((o) => o.title),
      catchError(() => of(null)),
    );
}

/** For `displayWith`: a picked entity shows its name, typed text stays as typed. */
export function nameOf(value: { name: string } | string | null): string {
  return typeof value === 'string' ? value : (value?.name ?? '');
}

/** An autocomplete control is valid only once an option was picked (not merely typed). */
export function pickedValidator(control: AbstractControl): ValidationErrors | null {
  const value: unknown = control.value;
  if (value === null || value === '') return null;
  return typeof value === 'object' && 'id' in value ? null : { server: 'Pick one from the list' };
}

/** A product a 409 on issuing (or a purchase return) found short in stock. */
export interface Shortfall {
  productId: string;
  sku: string;
  onHand: string;
  shortBy: string;
}

/** The `shortfall` list of a stock problem, empty for any other error. */
export function shortfallOf(error: unknown): Shortfall[] {
  if (!(error instanceof HttpErrorResponse)) return [];
  const body: unknown = error.error;
  if (typeof body !== 'object' || body === null || !('shortfall' in body) || !Array.isArray(body.shortfall)) return [];
  return (body.shortfall as Partial<Shortfall>[]).map((s) => ({
    productId: String(s.productId ?? ''),
    sku: String(s.sku ?? ''),
    onHand: String(s.onHand ?? ''),
    shortBy: String(s.shortBy ?? ''),
  }));
}

/**
 * Puts each field error of the API on the form control it names (after `rename`, for fields
 * whose control is called differently) and answers the ones no control took, so the page
 * can list them in its banner: no server message is lost.
 */
export function applyDocumentErrors(
  form: FormGroup,
  error: ApiError,
  rename: (field: string) => string = (f) => f,
): FieldError[] {
  return error.fieldErrors.filter(
    (fieldError) =>
      !applyFieldErrors(form, { ...error, fieldErrors: [{ ...fieldError, field: rename(fieldError.field) }] }),
  );
}
