export const PRODUCT_KINDS = ['goods', 'service'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

/** Amounts and quantities are decimal strings: "12.50", "1.250". */
export interface Product {
  id: string;
  sku: string;
  name: string;
  unit: string;
  kind: ProductKind;
  salePrice: string;
  purchasePrice: string;
  taxRate: string;
  reorderLevel: string;
  active: boolean;
  /** Sum of the stock ledger; "0.000" for services. */
  onHand: string;
  /** Moving average cost; null before the first movement. */
  averageCost: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ProductInput {
  sku: string;
  name: string;
  unit: string;
  kind: ProductKind;
  salePrice: string;
  purchasePrice: string;
  taxRate: string;
  reorderLevel: string;
  active?: boolean;
}

export interface CreateProductRequest extends ProductInput {
  /** Opening stock, booked as an `opening` movement (goods only). */
  openingQuantity?: string;
  openingUnitCost?: string;
}

export type UpdateProductRequest = Partial<ProductInput> & { version: number };

export interface Party {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  taxId: string | null;
  address: string | null;
  paymentTermsDays: number;
  openingBalance: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Customer extends Party {
  creditLimit: string | null;
}

export type Supplier = Party;

export interface PartyInput {
  name: string;
  email?: string | null;
  phone?: string | null;
  taxId?: string | null;
  address?: string | null;
  paymentTermsDays?: number;
  openingBalance?: string;
  active?: boolean;
}

export interface CustomerInput extends PartyInput {
  creditLimit?: string | null;
}

export interface Contact {
  id: string;
  customerId: string;
  name: string;
  email: string | null;
  phone: string | null;
  position: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ContactInput {
  name: string;
  email?: string | null;
  phone?: string | null;
  position?: string | null;
}

export interface ImportProblem {
  /** Line in the file, counting the header as line 1. */
  line: number;
  field: string | null;
  message: string;
}

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  valid: number;
  imported: number;
  problems: ImportProblem[];
}

/** Columns of the CSV files that import products, customers and suppliers. */
export const PRODUCT_IMPORT_COLUMNS = [
  'sku',
  'name',
  'unit',
  'kind',
  'salePrice',
  'purchasePrice',
  'taxRate',
  'reorderLevel',
  'active',
  'openingQuantity',
  'openingUnitCost',
] as const;

export const SUPPLIER_IMPORT_COLUMNS = [
  'name',
  'email',
  'phone',
  'taxId',
  'address',
  'paymentTermsDays',
  'openingBalance',
  'active',
] as const;

export const CUSTOMER_IMPORT_COLUMNS = [...SUPPLIER_IMPORT_COLUMNS, 'creditLimit'] as const;
