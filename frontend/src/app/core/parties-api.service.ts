import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  Customer,
  CustomerInput,
  ImportReport,
  ListResponse,
  Party,
  PartyInput,
  Supplier,
} from '@billinator/contracts';
import { CsvResource, DownloadedFile, downloadFile, uploadCsv } from './csv-file';
import { toParams } from './http-params';

export interface PartyFilters {
  q?: string;
  sort?: string;
  active?: boolean;
}

export interface PartyListQuery extends PartyFilters {
  limit: number;
  offset: number;
}

/** Customers and suppliers share one API shape; only the path (and the customer's credit limit) differ. */
export class PartiesApi<T extends Party, I extends PartyInput> implements CsvResource {
  private readonly http = inject(HttpClient);
  private readonly api: string;

  constructor(readonly path: 'customers' | 'suppliers') {
    this.api = `/api/v1/${path}`;
  }

  list(query: PartyListQuery): Observable<ListResponse<T>> {
    return this.http.get<ListResponse<T>>(this.api, { params: toParams(query) });
  }

  get(id: string): Observable<T> {
    return this.http.get<T>(`${this.api}/${encodeURIComponent(id)}`);
  }

  create(request: I): Observable<T> {
    return this.http.post<T>(this.api, request);
  }

  update(id: string, request: Partial<I> & { version: number }): Observable<T> {
    return this.http.patch<T>(`${this.api}/${encodeURIComponent(id)}`, request);
  }

  delete(id: string): Observable<void> {
    return this.http.delete<void>(`${this.api}/${encodeURIComponent(id)}`);
  }

  exportCsv(filters: PartyFilters): Observable<DownloadedFile> {
    return downloadFile(this.http, `${this.api}/export`, toParams(filters), `${this.path}.csv`);
  }

  importCsv(text: string, dryRun: boolean): Observable<ImportReport> {
    return uploadCsv(this.http, `${this.api}/import`, text, dryRun);
  }
}

@Injectable({ providedIn: 'root' })
export class CustomersApi extends PartiesApi<Customer, CustomerInput> {
  constructor() {
    super('customers');
  }
}

@Injectable({ providedIn: 'root' })
export class SuppliersApi extends PartiesApi<Supplier, PartyInput> {
  constructor() {
    super('suppliers');
  }
}
