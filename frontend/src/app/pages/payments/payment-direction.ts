import type { Permission, PaymentDirection, PaymentMethod, PaymentStatus } from '@billinator/contracts';
import type { PartyKind } from '../parties/party-kind';

export interface PaymentConfig {
  direction: PaymentDirection;
  /** "Payments received" */
  title: string;
  /** "payment received": in sentences. */
  singular: string;
  /** Where its screens live, e.g. /sales/payments. */
  base: string;
  read: Permission;
  write: Permission;
  partyKind: PartyKind;
  /** The query parameter and request field naming the party. */
  partyParam: 'customerId' | 'supplierId';
  /** "Customer" */
  partyLabel: string;
  partyBase: string;
  /** Invoices (bills) of the section, e.g. /sales/invoices. */
  documentBase: string;
  /** "Invoice" / "Bill" */
  documentLabel: string;
  /** "invoices" / "bills" */
  documentsLabel: string;
}

export const PAYMENT_CONFIG: Record<PaymentDirection, PaymentConfig> = {
  received: {
    direction: 'received',
    title: 'Payments received',
    singular: 'payment received',
    base: '/sales/payments',
    read: 'sales.read',
    write: 'accounting.write',
    partyKind: 'customers',
    partyParam: 'customerId',
    partyLabel: 'Customer',
    partyBase: '/sales/customers',
    documentBase: '/sales/invoices',
    documentLabel: 'Invoice',
    documentsLabel: 'invoices',
  },
  made: {
    direction: 'made',
    title: 'Payments made',
    singular: 'payment made',
    base: '/purchases/payments',
    read: 'purchase.read',
    write: 'accounting.write',
    partyKind: 'suppliers',
    partyParam: 'supplierId',
    partyLabel: 'Supplier',
    partyBase: '/purchases/suppliers',
    documentBase: '/purchases/invoices',
    documentLabel: 'Bill',
    documentsLabel: 'bills',
  },
};

/** Payments settle customers' invoices (received) or suppliers' bills (made). */
export function paymentConfigOf(kind: PartyKind): PaymentConfig {
  return PAYMENT_CONFIG[kind === 'customers' ? 'received' : 'made'];
}

export const METHOD_LABELS: Record<PaymentMethod, string> = {
  cash: 'Cash',
  bank_transfer: 'Bank transfer',
  card: 'Card',
  cheque: 'Cheque',
  other: 'Other',
};

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  posted: 'Posted',
  reversed: 'Reversed',
};

/** "Bank transfer"; an unknown method as sent. */
export function methodLabel(method: string): string {
  return METHOD_LABELS[method as PaymentMethod] ?? method;
}

export function statusLabel(status: string): string {
  return PAYMENT_STATUS_LABELS[status as PaymentStatus] ?? status;
}

/** Today in the user's time zone, as the API's `YYYY-MM-DD`. */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
