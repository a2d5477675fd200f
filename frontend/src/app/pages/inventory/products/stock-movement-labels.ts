import type { StockMovementKind } from '@billinator/contracts';

export const MOVEMENT_LABELS: Record<StockMovementKind, string> = {
  opening: 'Opening stock',
  adjustment: 'Adjustment',
  purchase: 'Purchase',
  purchase_return: 'Purchase return',
  sale: 'Sale',
  sale_return: 'Sale return',
  void: 'Voided document',
};
