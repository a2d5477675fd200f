import { foundation } from './001-foundation';
import { catalogPartiesStock } from './002-catalog-parties-stock';
import { productSearch } from './003-product-search';
import { productOrder } from './004-product-order';
import { productIndexes } from './005-product-indexes';
import { documentsPayments } from './006-documents-payments';
import { crm } from './007-crm';
import { auditIndexes } from './008-audit-indexes';
import { pointLookupIndexes } from './009-point-lookup-indexes';
import type { Migration } from './migration';

/** Every migration, in order. Append only: an applied migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  foundation,
  catalogPartiesStock,
  productSearch,
  productOrder,
  productIndexes,
  documentsPayments,
  crm,
  auditIndexes,
  pointLookupIndexes,
];
export type { Migration } from './migration';
