import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  CorrectionInput,
  DocumentDetail,
  DocumentStatusFilter,
  DocumentSummary,
  InvoiceInput,
  DocumentLineInput,
  ListResponse,
  UpdateInvoiceRequest,
} from '@billinator/contracts';
import { DownloadedFile, downloadFile } from './csv-file';
import { toParams } from './http-params';

/** Sales (invoices, credit notes) or purchases (bills, purchase returns). */
export type InvoiceSide = 'sales' | 'purchases';
/** The invoice sides, and the customer quotes of the CRM (same lines, totals and PDF). */
export type DocumentSide = InvoiceSide | 'quotes';

/** A draft quote (`POST crm/quotes`): valid 30 days after the issue date unless `validUntil` says otherwise. */
export interface QuoteInput {
  customerId: string;
  opportunityId?: string | null;
  issueDate: string;
  validUntil?: string | null;
  notes?: string | null;
  lines: DocumentLineInput[];
}

export type UpdateQuoteRequest = Partial<QuoteInput> & { version: number };

/** What a document's state changes by: issue/post/void (invoices, bills); send/accept/reject/convert (quotes). */
export type DocumentAction = 'issue' | 'post' | 'void' | 'send' | 'accept' | 'reject' | 'convert';

export interface DocumentFilters {
  q?: string;
  sort?: string;
  status?: DocumentStatusFilter;
  customerId?: string;
  supplierId?: string;
  /** Quotes of one opportunity. */
  opportunityId?: string;
  /** Issue date range, inclusive, `YYYY-MM-DD`. */
  from?: string;
  to?: string;
}

export interface DocumentListQuery extends DocumentFilters {
  limit: number;
  offset: number;
}

/**
 * A key for `Idempotency-Key`: a retry of the same request with it creates nothing twice.
 * `crypto.randomUUID` exists only on secure origins (HTTPS, localhost); elsewhere the same
 * version-4 UUID is built from `getRandomValues`.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One idempotency key per distinct request body: a double click or a retry of the same
 * request reuses the key (the server answers the first response), while a request the
 * user changed after an error gets a new key (the server refuses a reused key with
 * another body).
 */
export class IdempotencyKeys {
  private key = newIdempotencyKey();
  private body: string | null = null;

  for(request: unknown): string {
    const body = JSON.stringify(request);
    if (this.body !== null && this.body !== body) this.key = newIdempotencyKey();
    this.body = body;
    return this.key;
  }
}

/** One kind of business document under its API path, e.g. /api/v1/sales/invoices. */
export class DocumentResource {
  constructor(
    private readonly http: HttpClient,
    readonly api: string,
    private readonly csvName: string,
  ) {}

  list(query: DocumentListQuery): Observable<ListResponse<DocumentSummary>> {
    return this.http.get<ListResponse<DocumentSummary>>(this.api, { params: toParams(query) });
  }

  exportCsv(filters: DocumentFilters): Observable<DownloadedFile> {
    return downloadFile(this.http, `${this.api}/export`, toParams(filters), this.csvName);
  }

  get(id: string): Observable<DocumentDetail> {
    return this.http.get<DocumentDetail>(this.url(id));
  }

  /** Creates a draft invoice/bill/quote, or issues a credit note/return, at most once per key. */
  create(request: InvoiceInput | CorrectionInput | QuoteInput, idempotencyKey: string): Observable<DocumentDetail> {
    return this.http.post<DocumentDetail>(this.api, request, { headers: { 'Idempotency-Key': idempotencyKey } });
  }

  update(id: string, request: UpdateInvoiceRequest | UpdateQuoteRequest): Observable<DocumentDetail> {
    return this.http.patch<DocumentDetail>(this.url(id), request);
  }

  delete(id: string): Observable<void> {
    return this.http.delete<void>(this.url(id));
  }

  /**
   * `issue`, `post` or `void` (with its reason); for quotes `send`, `accept`, `reject`, and
   * `convert`, which answers the draft invoice the quote became (not the quote).
   */
  action(id: string, action: DocumentAction, body: object = {}): Observable<DocumentDetail> {
    return this.http.post<DocumentDetail>(`${this.url(id)}/${action}`, body);
  }

  pdf(id: string, fallbackName: string): Observable<DownloadedFile> {
    return downloadFile(this.http, `${this.url(id)}/pdf`, new HttpParams(), fallbackName);
  }

  private url(id: string): string {
    return `${this.api}/${encodeURIComponent(id)}`;
  }
}

/**
 * Sales invoices and credit notes, bills and purchase returns, and quotes. All share one
 * API shape; only the paths (and the party: customer or supplier) differ.
 */
@Injectable({ providedIn: 'root' })
export class DocumentsApi {
  private readonly http = inject(HttpClient);
  private readonly documents = {
    sales: new DocumentResource(this.http, '/api/v1/sales/invoices', 'invoices.csv'),
    purchases: new DocumentResource(this.http, '/api/v1/purchase/invoices', 'bills.csv'),
    quotes: new DocumentResource(this.http, '/api/v1/crm/quotes', 'quotes.csv'),
  } satisfies Record<DocumentSide, DocumentResource>;
  private readonly correctionResources = {
    sales: new DocumentResource(this.http, '/api/v1/sales/credit-notes', 'credit-notes.csv'),
    purchases: new DocumentResource(this.http, '/api/v1/purchase/returns', 'purchase-returns.csv'),
  } satisfies Record<InvoiceSide, DocumentResource>;

  /** The main documents of a side: sales invoices, bills or quotes. */
  invoices(side: DocumentSide): DocumentResource {
    return this.documents[side];
  }

  /** Credit notes or purchase returns. */
  corrections(side: InvoiceSide): DocumentResource {
    return this.correctionResources[side];
  }
}
