import type { ProlongationView } from '../../../contracts/servicing';
import { toWire } from '../../../domain/money';
import type { ProlongationRow } from './prolongation-repository';

const STATUS_TEXT: Record<ProlongationRow['status'], string> = {
  awaiting_signature: 'Ожидает подписи кодом из СМС',
  awaiting_payment: 'Подписано: оплатите проценты, чтобы продление вступило в силу',
  in_force: 'Действует',
  expired: 'Не вступило в силу',
};

/** A prolongation to the wire: amounts as kopeck strings, its status in words, the addendum's URL. */
export function prolongationView(row: ProlongationRow): ProlongationView {
  return {
    id: row.id,
    number: row.number,
    days: row.days,
    payNow: toWire(row.payNow),
    oldDueDate: row.oldDueDate,
    newDueDate: row.newDueDate,
    status: row.status,
    statusText: STATUS_TEXT[row.status],
    sha256: row.documentSha256,
    documentUrl: `/api/me/prolongations/${row.id}/pdf`,
    signedAt: row.signedAt?.toISOString() ?? null,
  };
}
