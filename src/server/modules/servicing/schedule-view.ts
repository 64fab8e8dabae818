import type { z } from 'zod';
import type { ZInstalment } from '../../../contracts/loans';
import { toWire } from '../../../domain/money';
import type { Instalment } from '../../../domain/schedule';

/** One instalment as the API sends it (kopecks as decimal strings). */
export type InstalmentView = z.infer<typeof ZInstalment>;

/**
 * A payment schedule to the wire: every instalment with its amounts as kopeck decimal strings. The one mapping of
 * the quote (lending), the loan card and the early-repayment options.
 */
export function scheduleView(instalments: readonly Instalment[]): InstalmentView[] {
  return instalments.map((i) => instalmentView(i));
}

/** One instalment to the wire (kopecks as decimal strings); other fields (a status) are kept as they are. */
export function instalmentView<T extends Instalment>(i: T): Omit<T, keyof Instalment> & InstalmentView {
  return {
    ...i,
    n: i.n,
    dueDate: i.dueDate,
    principal: toWire(i.principal),
    interest: toWire(i.interest),
    total: toWire(i.total),
    remainingPrincipal: toWire(i.remainingPrincipal),
  };
}
