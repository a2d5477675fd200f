import { HttpClient, HttpHeaders } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  AllocationInput,
  DocumentSummary,
  ListResponse,
  PartyAccount,
  Payment,
  PaymentDirection,
  PaymentInput,
  PaymentStatus,
} from '@billinator/contracts';
import { toParams } from './http-params';

export interface PaymentFilters {
  q?: string;
  customerId?: string;
  supplierId?: string;
  /** Payment date range, `YYYY-MM-DD`, both ends included. */
  from?: string;
  to?: string;
  status?: PaymentStatus;
}

export interface PaymentListQuery extends PaymentFilters {
  limit: number;
  offset: number;
}

/** `POST …/payments/:id/allocate`: omitted allocations mean oldest due first. */
export interface AllocatePaymentRequest {
  allocations?: AllocationInput[];
}

/** `POST …/payments/:id/reverse`. */
export interface ReversePaymentRequest {
  reason: string;
}

const PAYMENTS: Record<PaymentDirection, string> = {
  received: '/api/v1/sales/payments',
  made: '/api/v1/purchase/payments',
};
const INVOICES: Record<PaymentDirection, string> = {
  received: '/api/v1/sales/invoices',
  made: '/api/v1/purchase/invoices',
};
const PARTIES: Record<PaymentDirection, string> = {
  received: '/api/v1/customers',
  made: '/api/v1/suppliers',
};

/**
 * A fresh random key for `Idempotency-Key` (UUID v4). `crypto.randomUUID` exists only in
 * secure contexts (HTTPS, localhost); `getRandomValues` everywhere.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Payments received (customers, `/sales/payments`) and made (suppliers, `/purchase/payments`),
 * and the account of the party they settle.
 */
@Injectable({ providedIn: 'root' })
export class PaymentsApi {
  private readonly http = inject(HttpClient);

  list(direction: PaymentDirection, query: PaymentListQuery): Observable<ListResponse<Payment>> {
    return this.http.get<ListResponse<Payment>>(PAYMENTS[direction], { params: toParams(query) });
  }

  get(direction: PaymentDirection, id: string): Observable<Payment> {
    return this.http.get<Payment>(`${PAYMENTS[direction]}/${encodeURIComponent(id)}`);
  }

  /** The same key and body sent twice create one payment: the retry answers the first response. */
  create(direction: PaymentDirection, request: PaymentInput, idempotencyKey: string): Observable<Payment> {
    return this.http.post<Payment>(PAYMENTS[direction], request, {
      headers: new HttpHeaders({ 'Idempotency-Key': idempotencyKey }),
    });
  }

  allocate(direction: PaymentDirection, id: string, request: AllocatePaymentRequest): Observable<Payment> {
    return this.http.post<Payment>(`${PAYMENTS[direction]}/${encodeURIComponent(id)}/allocate`, request);
  }

  reverse(direction: PaymentDirection, id: string, request: ReversePaymentRequest): Observable<Payment> {
    return this.http.post<Payment>(`${PAYMENTS[direction]}/${encodeURIComponent(id)}/reverse`, request);
  }

  /** Balance, credit, overdue and open invoices (bills) of a customer (supplier). */
  account(direction: PaymentDirection, partyId: string): Observable<PartyAccount> {
    return this.http.get<PartyAccount>(`${PARTIES[direction]}/${encodeURIComponent(partyId)}/account`);
  }

  /** One invoice (bill), to find whose it is when a payment is recorded from it. */
  invoice(direction: PaymentDirection, id: string): Observable<DocumentSummary> {
    return this.http.get<DocumentSummary>(`${INVOICES[direction]}/${encodeURIComponent(id)}`);
  }
}
