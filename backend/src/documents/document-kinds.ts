import type { DocumentKind, DocumentStatus, Permission } from '@billinator/contracts';
import type { PartyTable } from '../parties/party.repository';

/** What differs between the four kinds of document; everything else is shared. */
export interface DocumentKindConfig {
  kind: DocumentKind;
  /** "invoice", "bill", "credit note", "purchase return": used in messages. */
  label: string;
  /** Number series: `${series}-${year}-000001`; sales invoices take the tenant's prefix. */
  series: string;
  partyTable: PartyTable;
  /** Field name of the party in requests and answers. */
  partyField: 'customerId' | 'supplierId';
  /** The status after draft. */
  openStatus: DocumentStatus;
  /** Direction of stock when the document takes effect: -1 out, +1 in, 0 none (quotes). */
  stockSign: -1 | 0 | 1;
  stockKind: 'sale' | 'purchase' | 'sale_return' | 'purchase_return' | null;
  read: Permission;
  write: Permission;
}

export const DOCUMENT_KIND_CONFIG: Readonly<Record<DocumentKind, DocumentKindConfig>> = {
  sales_invoice: {
    kind: 'sales_invoice',
    label: 'invoice',
    series: 'INV',
    partyTable: 'customers',
    partyField: 'customerId',
    openStatus: 'issued',
    stockSign: -1,
    stockKind: 'sale',
    read: 'sales.read',
    write: 'sales.write',
  },
  credit_note: {
    kind: 'credit_note',
    label: 'credit note',
    series: 'CN',
    partyTable: 'customers',
    partyField: 'customerId',
    openStatus: 'issued',
    stockSign: 1,
    stockKind: 'sale_return',
    read: 'sales.read',
    write: 'accounting.write',
  },
  purchase_invoice: {
    kind: 'purchase_invoice',
    label: 'bill',
    series: 'BILL',
    partyTable: 'suppliers',
    partyField: 'supplierId',
    openStatus: 'posted',
    stockSign: 1,
    stockKind: 'purchase',
    read: 'purchase.read',
    write: 'purchase.write',
  },
  purchase_return: {
    kind: 'purchase_return',
    label: 'purchase return',
    series: 'DN',
    partyTable: 'suppliers',
    partyField: 'supplierId',
    openStatus: 'issued',
    stockSign: -1,
    stockKind: 'purchase_return',
    read: 'purchase.read',
    write: 'purchase.write',
  },
  quote: {
    kind: 'quote',
    label: 'quote',
    series: 'QT',
    partyTable: 'customers',
    partyField: 'customerId',
    openStatus: 'sent',
    stockSign: 0,
    stockKind: null,
    read: 'crm.read',
    write: 'crm.write',
  },
};

/** The correction kind of an invoice kind and back. */
export const CORRECTION_OF: Readonly<Partial<Record<DocumentKind, DocumentKind>>> = {
  sales_invoice: 'credit_note',
  purchase_invoice: 'purchase_return',
};

export function isPurchaseKind(kind: DocumentKind): boolean {
  return kind === 'purchase_invoice' || kind === 'purchase_return';
}

export function partyTableOf(kind: DocumentKind): PartyTable {
  return DOCUMENT_KIND_CONFIG[kind].partyTable;
}

/** `INV-2026-000042`. */
export function formatNumber(series: string, year: string, value: number): string {
  return `${series}-${year}-${String(value).padStart(6, '0')}`;
}
