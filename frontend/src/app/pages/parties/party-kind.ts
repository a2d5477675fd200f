import { inject } from '@angular/core';
import type { Customer, CustomerInput, Permission, Supplier } from '@billinator/contracts';
import { CustomersApi, PartiesApi, SuppliersApi } from '../../core/parties-api.service';

export type PartyKind = 'customers' | 'suppliers';

/** The phone numbers the API accepts. */
export const PHONE_PATTERN = /^[+0-9 ()./-]{3,40}$/;

/** A customer or a supplier as the screens see it: suppliers simply have no credit limit. */
export type AnyParty = Customer | (Supplier & { creditLimit?: undefined });

export interface PartyConfig {
  kind: PartyKind;
  title: string;
  singular: string;
  /** Where its screens live, e.g. /sales/customers. */
  base: string;
  write: Permission;
  creditLimit: boolean;
  contacts: boolean;
}

export const PARTY_CONFIG: Record<PartyKind, PartyConfig> = {
  customers: {
    kind: 'customers',
    title: 'Customers',
    singular: 'customer',
    base: '/sales/customers',
    write: 'sales.write',
    creditLimit: true,
    contacts: true,
  },
  suppliers: {
    kind: 'suppliers',
    title: 'Suppliers',
    singular: 'supplier',
    base: '/purchases/suppliers',
    write: 'purchase.write',
    creditLimit: false,
    contacts: false,
  },
};

/**
 * Picks the API of a party kind (known only once the route inputs are set); call in an
 * injection context. Suppliers are never sent a credit limit: the forms leave it out for them.
 */
export function injectPartyApis(): (kind: PartyKind) => PartiesApi<AnyParty, CustomerInput> {
  const customers = inject(CustomersApi);
  const suppliers = inject(SuppliersApi);
  return (kind) => (kind === 'customers' ? customers : suppliers) as PartiesApi<AnyParty, CustomerInput>;
}
