import { inject } from '@angular/core';
import { CUSTOMER_IMPORT_COLUMNS, PRODUCT_IMPORT_COLUMNS, SUPPLIER_IMPORT_COLUMNS } from '@billinator/contracts';
import type { CsvResource } from '../../core/csv-file';
import { CustomersApi, SuppliersApi } from '../../core/parties-api.service';
import { ProductsApi } from '../../core/products-api.service';

export type ImportResourceName = 'products' | 'customers' | 'suppliers';

export interface ImportResource {
  title: string;
  plural: string;
  /** The list to go back to. */
  back: string;
  /** The columns of the file, in the order of the template. */
  columns: readonly string[];
  required: readonly string[];
  hint: string;
}

export const IMPORT_RESOURCES: Record<ImportResourceName, ImportResource> = {
  products: {
    title: 'Import products',
    plural: 'products',
    back: '/inventory/products',
    columns: PRODUCT_IMPORT_COLUMNS,
    required: ['sku', 'name', 'salePrice'],
    hint: 'kind is goods or service (default goods); unit defaults to pcs; amounts use a dot for decimals, e.g. 12.50; openingQuantity books opening stock of goods.',
  },
  customers: {
    title: 'Import customers',
    plural: 'customers',
    back: '/sales/customers',
    columns: CUSTOMER_IMPORT_COLUMNS,
    required: ['name'],
    hint: 'paymentTermsDays is a whole number of days (default 30); amounts use a dot for decimals; an empty creditLimit means no limit.',
  },
  suppliers: {
    title: 'Import suppliers',
    plural: 'suppliers',
    back: '/purchases/suppliers',
    columns: SUPPLIER_IMPORT_COLUMNS,
    required: ['name'],
    hint: 'paymentTermsDays is a whole number of days (default 30); amounts use a dot for decimals.',
  },
};

/** The CSV endpoints of each resource; call in an injection context. */
export function injectCsvResources(): Record<ImportResourceName, CsvResource> {
  return { products: inject(ProductsApi), customers: inject(CustomersApi), suppliers: inject(SuppliersApi) };
}
