import Big from 'big.js';
import { dec } from '@billinator/money';

export const COST_SCALE = 4;

/**
 * Moving average cost after a movement. Stock coming in at `unitCost` blends into
 * the average; stock going out leaves it unchanged. When nothing (or less than
 * nothing) is on hand, the incoming cost becomes the average.
 */
export function averageCostAfter(
  onHand: string,
  averageCost: string | null,
  quantity: string,
  unitCost: string,
): string {
  const before = dec(onHand);
  const qty = dec(quantity);
  if (qty.lte(0)) return dec(averageCost ?? unitCost).toFixed(COST_SCALE);
  if (before.lte(0) || averageCost === null) return dec(unitCost).toFixed(COST_SCALE);
  const total = before.times(dec(averageCost)).plus(qty.times(dec(unitCost)));
  return total.div(before.plus(qty)).round(COST_SCALE, Big.roundHalfUp).toFixed(COST_SCALE);
}
