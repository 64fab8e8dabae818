import type { LetterBody } from '../../../../contracts/backoffice-work';
import type { StaffActor } from '../../../actor';
import { AppError } from '../../../app-error';
import type { Deps, RequestMeta } from '../../../deps';
import { audit } from '../../audit/audit';
import { insertLetter } from '../../borrower-data/letters-repository';
import { postMessage } from '../../messaging/post-message';
import { findBorrowerRow } from './card-repository';

/**
 * A specialist's letter to the borrower (issue 15, «Мои документы» — «письма специалистов»): stored in `letters`
 * (the PDF is rendered from it on download), announced by an in-account message (`document_sent`, whose SMS
 * carries only the subject — the text stays in the account), and audited as `backoffice.letter.sent` (with the
 * subject, not the text). One transaction: the letter, its message and the audit row exist together.
 * Throws BORROWER_NOT_FOUND for an unknown borrower.
 */
export async function sendLetter(
  deps: Deps,
  options: { actor: StaffActor; borrowerId: string; letter: LetterBody; meta: RequestMeta },
): Promise<{ id: string }> {
  if (!(await findBorrowerRow(deps.db, options.borrowerId))) throw new AppError('BORROWER_NOT_FOUND');
  const now = deps.clock.now();
  const { subject, text } = options.letter;
  return deps.db.transaction(async (tx) => {
    const id = await insertLetter(tx, {
      borrowerId: options.borrowerId,
      staffId: options.actor.staffId,
      subject,
      body: text,
      createdAt: now,
    });
    await postMessage(tx, {
      borrowerId: options.borrowerId,
      loanId: null,
      kind: 'document_sent',
      text: `Письмо от специалиста: «${subject}». Текст письма — в разделе «Мои документы» (PDF).`,
      dedupeKey: `letter:${id}`,
      now,
    });
    await audit(tx, {
      meta: options.meta,
      actor: options.actor,
      action: 'backoffice.letter.sent',
      subjectId: id,
      details: { borrowerId: options.borrowerId, subject },
    });
    return { id };
  });
}
