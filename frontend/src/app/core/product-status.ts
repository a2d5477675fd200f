import type { Product } from '@billinator/contracts';
import { dec } from '@billinator/money';

/** Goods at or below their reorder level, the same rule as the API's lowStock filter. */
export function isLowStock(product: Pick<Product, 'kind' | 'onHand' | 'reorderLevel'>): boolean {
  return product.kind === 'goods' && dec(product.onHand).lte(dec(product.reorderLevel));
}

export const KIND_LABELS: Record<Product['kind'], string> = { goods: 'Goods', service: 'Service' };
