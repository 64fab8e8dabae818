import { OPTIONAL_NOTIFICATION_KINDS } from '../../../contracts/servicing';
import type { DbOrTx } from '../../adapters/db/database';
import { findSmsOptOut, insertMessage, type MessageKind, type NewMessage } from './messaging-repository';

const isOptional = (kind: MessageKind) => (OPTIONAL_NOTIFICATION_KINDS as readonly string[]).includes(kind);

/**
 * A message about a loan: always shown in the account; its SMS is queued unless the borrower switched this kind
 * off (only optional kinds can be). `dedupeKey` makes a repeated event (a webhook ten times, a rerun of the close)
 * produce one message. Runs inside the caller's transaction, so the message and its SMS job exist exactly when the
 * event does; the SMS goes out through the job queue (send-message-sms.ts), within the hours the law allows.
 */
export async function postMessage(
  db: DbOrTx,
  message: Pick<NewMessage, 'borrowerId' | 'loanId' | 'kind' | 'text' | 'dedupeKey'> & { now: Date },
): Promise<void> {
  const optedOut =
    isOptional(message.kind) && (await findSmsOptOut(db, message.borrowerId)).includes(message.kind);
  const { now, ...fields } = message;
  await insertMessage(db, {
    ...fields,
    smsStatus: optedOut ? 'opted_out' : 'queued',
    notBefore: now,
    createdAt: now,
  });
}
