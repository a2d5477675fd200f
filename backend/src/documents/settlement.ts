import type { DocumentStatus } from '@billinator/contracts';
import { dec, DecimalInput, money } from '@billinator/money';

export interface Settlement {
  amountPaid: string;
  amountCredited: string;
  balance: string;
  status: DocumentStatus;
}

/**
 * Where an open invoice or bill stands after payments and credits: the balance is
 * what is still owed; it is `paid` once nothing is, `partially_paid` once something
 * has been paid or credited, else still in its open status.
 */
export function settle(
  openStatus: DocumentStatus,
  total: DecimalInput,
  amountPaid: DecimalInput,
  amountCredited: DecimalInput,
): Settlement {
  const balance = dec(total).minus(dec(amountPaid)).minus(dec(amountCredited));
  if (balance.lt(0)) throw new Error('A document cannot be settled beyond its total');
  const touched = dec(amountPaid).plus(dec(amountCredited)).gt(0);
  return {
    amountPaid: money(amountPaid),
    amountCredited: money(amountCredited),
    balance: money(balance),
    status: balance.eq(0) ? 'paid' : touched ? 'partially_paid' : openStatus,
  };
}
