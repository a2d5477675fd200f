import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import type { AllocationInput, DocumentSummary } from '@billinator/contracts';
import { dec, isDecimalString, money, type Decimal } from '@billinator/money';
import { formatDecimal } from '../../core/decimal-format';

/** Open invoices (bills) in the order automatic allocation pays them: oldest due date first. */
export function oldestFirst(documents: readonly DocumentSummary[]): DocumentSummary[] {
  return [...documents].sort(
    (a, b) =>
      a.dueDate.localeCompare(b.dueDate) ||
      a.issueDate.localeCompare(b.issueDate) ||
      (a.number ?? '').localeCompare(b.number ?? ''),
  );
}

/** A non-negative amount with at most two decimals, or null for anything else (empty included). */
export function parseAmount(text: string | null | undefined): Decimal | null {
  const value = (text ?? '').trim();
  return isDecimalString(value, 2) && !value.startsWith('-') ? dec(value) : null;
}

/**
 * What each document (in the order given) gets when `amount` is spread oldest first,
 * each up to its balance: money strings, "0.00" for those left out.
 */
export function spreadOldestFirst(documents: readonly DocumentSummary[], amount: Decimal): string[] {
  let left = amount;
  return documents.map((d) => {
    const balance = dec(d.balance);
    const take = left.gt(balance) ? balance : left.gt(0) ? left : dec(0);
    left = left.minus(take);
    return money(take);
  });
}

/** The value an allocation input shows: empty instead of zero. */
export function inputValue(amount: string): string {
  return dec(amount).eq(0) ? '' : amount;
}

/** The non-zero allocations typed against `documents` (same order), as the API takes them. */
export function toAllocations(documents: readonly DocumentSummary[], amounts: readonly string[]): AllocationInput[] {
  const allocations: AllocationInput[] = [];
  documents.forEach((d, i) => {
    const amount = parseAmount(amounts[i]);
    if (amount && amount.gt(0)) allocations.push({ invoiceId: d.id, amount: money(amount) });
  });
  return allocations;
}

export interface AllocationSummary {
  /** Sum of the valid allocations. */
  allocated: string;
  /** What is left of `available` (negative when over-allocated); null without a valid available amount. */
  remainder: string | null;
  /** Set when the allocations add up to more than what is available. */
  over: boolean;
}

export function summarize(amounts: readonly string[], available: Decimal | null): AllocationSummary {
  const allocated = amounts.reduce((acc, a) => acc.plus(parseAmount(a) ?? 0), dec(0));
  return {
    allocated: money(allocated),
    remainder: available ? money(available.minus(allocated)) : null,
    over: available !== null && allocated.gt(available),
  };
}

/** An allocation typed for one document: empty (nothing), or 0 up to the document's balance. */
export function allocationValidator(balance: string): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const text = String(control.value ?? '').trim();
    if (text === '') return null;
    const amount = parseAmount(text);
    if (!amount) return { allocation: 'Enter an amount like 12.50' };
    if (amount.gt(dec(balance))) return { allocation: `More than the balance of ${formatDecimal(balance, 2)}` };
    return null;
  };
}

/** The message under an allocation input, client-side or from the server. */
export function allocationMessage(control: AbstractControl): string | null {
  const e = control.errors;
  if (!e) return null;
  return String(e['allocation'] ?? e['server'] ?? 'Not a valid amount');
}
