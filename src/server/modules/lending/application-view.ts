import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { ApplicationView, QuoteView } from '../../../contracts';
import { refusalMessage, type ReasonCode } from '../../../domain/decision';
import { toWire } from '../../../domain/money';
import type { DbOrTx } from '../../adapters/db/database';
import {
  applicationEvents,
  contracts,
  loanApplications,
  loanProducts,
  loans,
} from '../../adapters/db/schema-loans';
import { AppError } from '../../app-error';
import { loanBalance } from '../ledger/ledger-repository';
import { termUnitOf } from './loan-products';

export const STATUS_TEXT: Record<ApplicationView['status'], string> = {
  submitted: 'Заявка принята',
  under_review: 'На рассмотрении у специалиста',
  approved: 'Одобрена: подпишите договор',
  refused: 'Отказ',
  signed: 'Договор подписан',
  paid_out: 'Деньги отправлены',
  cancelled: 'Отменена',
  payout_failed: 'Не удалось перечислить деньги',
};

type ApplicationRow = typeof loanApplications.$inferSelect;
export type StoredPayoutMethod =
  | { kind: 'card'; token: string; last4: string; paymentSystem: string }
  | { kind: 'sbp'; phone: string; bankId: string }
  | { kind: 'bank_account'; accountNumber: string; bik: string };

const SYSTEM_NAMES: Record<string, string> = {
  mir: 'МИР',
  visa: 'Visa',
  mastercard: 'Mastercard',
  unionpay: 'UnionPay',
};

export function payoutMethodLabel(method: StoredPayoutMethod): string {
  switch (method.kind) {
    case 'card':
      return `Карта ${SYSTEM_NAMES[method.paymentSystem] ?? ''} •••• ${method.last4}`.replace('  ', ' ');
    case 'sbp':
      return `СБП по номеру +7 ${method.phone.slice(2, 5)} ***-**-${method.phone.slice(-2)}`;
    case 'bank_account':
      return `Счёт •••• ${method.accountNumber.slice(-4)}`;
  }
}

/** Builds what the borrower sees of their applications: status, timeline, offer, contract. */
async function toViews(db: DbOrTx, rows: ApplicationRow[]): Promise<ApplicationView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [events, products, docs, loanRows] = await Promise.all([
    db
      .select()
      .from(applicationEvents)
      .where(inArray(applicationEvents.applicationId, ids))
      .orderBy(asc(applicationEvents.seq)),
    db.select().from(loanProducts),
    db
      .select({
        id: contracts.id,
        applicationId: contracts.applicationId,
        number: contracts.number,
        sha256: contracts.documentSha256,
        signedAt: contracts.signedAt,
      })
      .from(contracts)
      .where(inArray(contracts.applicationId, ids)),
    db.select().from(loans).where(inArray(loans.applicationId, ids)),
  ]);
  const balances = new Map(
    await Promise.all(loanRows.map(async (l) => [l.id, await loanBalance(db, l.id, 'principal')] as const)),
  );
  return rows.map((row) => {
    const product = products.find((p) => p.id === row.productId)!;
    const decision = row.decision as { reasons?: ReasonCode[]; offer?: QuoteView } | null;
    const doc = docs.find((d) => d.applicationId === row.id);
    return {
      id: row.id,
      productId: row.productId,
      productName: product.name,
      amount: toWire(row.amount),
      term: row.term,
      termUnit: termUnitOf(product.kind),
      status: row.status,
      statusText: STATUS_TEXT[row.status],
      refusalMessage: row.status === 'refused' ? refusalMessage(decision?.reasons ?? []) : null,
      payoutMethod: {
        kind: (row.payoutMethod as StoredPayoutMethod).kind,
        label: payoutMethodLabel(row.payoutMethod as StoredPayoutMethod),
      },
      offer: decision?.offer ?? null,
      contract: doc
        ? {
            id: doc.id,
            number: doc.number,
            sha256: doc.sha256,
            signedAt: doc.signedAt?.toISOString() ?? null,
          }
        : null,
      loan: (() => {
        const loan = loanRows.find((l) => l.applicationId === row.id);
        return loan
          ? {
              id: loan.id,
              status: loan.status,
              disbursedOn: loan.disbursedOn,
              principalOutstanding: toWire(balances.get(loan.id) ?? 0n),
            }
          : null;
      })(),
      timeline: events
        .filter((e) => e.applicationId === row.id)
        .map((e) => ({ status: e.status, text: e.note ?? STATUS_TEXT[e.status], at: e.at.toISOString() })),
      createdAt: row.createdAt.toISOString(),
    };
  });
}

export async function listApplications(db: DbOrTx, borrowerId: string) {
  const rows = await db
    .select()
    .from(loanApplications)
    .where(eq(loanApplications.borrowerId, borrowerId))
    .orderBy(desc(loanApplications.createdAt));
  return toViews(db, rows);
}

/** One of the borrower's own applications; another person's id answers APPLICATION_NOT_FOUND. */
export async function getApplication(db: DbOrTx, borrowerId: string, id: string) {
  const rows = await db
    .select()
    .from(loanApplications)
    .where(and(eq(loanApplications.id, id), eq(loanApplications.borrowerId, borrowerId)));
  const [view] = await toViews(db, rows);
  if (!view) throw new AppError('APPLICATION_NOT_FOUND');
  return view;
}
