export const STOCK_MOVEMENT_KINDS = [
  'opening',
  'adjustment',
  'purchase',
  'purchase_return',
  'sale',
  'sale_return',
  'void',
] as const;
export type StockMovementKind = (typeof STOCK_MOVEMENT_KINDS)[number];

export interface StockLevel {
  productId: string;
  sku: string;
  name: string;
  unit: string;
  onHand: string;
  reorderLevel: string;
  averageCost: string | null;
  value: string;
  low: boolean;
}

export interface StockMovement {
  id: string;
  seq: number;
  kind: StockMovementKind;
  quantity: string;
  unitCost: string;
  averageCostAfter: string;
  /** On hand after this movement (running balance of the stock card). */
  balance: string;
  reason: string | null;
  refType: string | null;
  refId: string | null;
  occurredAt: string;
}

export interface StockAdjustmentRequest {
  productId: string;
  /** Signed: positive adds stock, negative removes it. */
  quantity: string;
  unitCost?: string;
  reason: string;
}

export interface StockValuation {
  items: StockLevel[];
  totalValue: string;
}
