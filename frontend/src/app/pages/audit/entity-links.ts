/** Where the SPA shows an entity of a given type, for links from the audit trail and the reports. */
const ENTITY_PAGES: Readonly<Record<string, string>> = {
  sales_invoice: '/sales/invoices',
  credit_note: '/sales/credit-notes',
  purchase_invoice: '/purchases/invoices',
  purchase_return: '/purchases/returns',
  quote: '/crm/quotes',
  product: '/inventory/products',
  customer: '/sales/customers',
  supplier: '/purchases/suppliers',
  opportunity: '/crm/opportunities',
};

export const ENTITY_TYPE_LABELS: Readonly<Record<string, string>> = {
  sales_invoice: 'Sales invoice',
  credit_note: 'Credit note',
  purchase_invoice: 'Bill',
  purchase_return: 'Purchase return',
  quote: 'Quote',
  payment: 'Payment',
  product: 'Product',
  customer: 'Customer',
  supplier: 'Supplier',
  contact: 'Contact',
  opportunity: 'Opportunity',
  activity: 'Activity',
  note: 'Note',
  user: 'User',
  session: 'Session',
  tenant: 'Business',
  report: 'Report',
  audit_log: 'Audit trail',
};

/**
 * The page of an entity, when the SPA has one. A payment's page depends on its direction,
 * which its action tells (`payment_received.created`, `payment_made.reversed`).
 */
export function entityPage(entityType: string, entityId: string | null, action = ''): string | null {
  if (!entityId) return null;
  if (entityType === 'payment') {
    if (action.startsWith('payment_received')) return `/sales/payments/${entityId}`;
    if (action.startsWith('payment_made')) return `/purchases/payments/${entityId}`;
    return null;
  }
  const base = ENTITY_PAGES[entityType];
  return base ? `${base}/${entityId}` : null;
}
