import type { CannedAnswer } from '../../../contracts/backoffice-support';
import type { StaffActor } from '../../actor';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { audit } from '../audit/audit';
import {
  insertCannedAnswer,
  listAnsweringStaff,
  listCannedAnswers,
  updateCannedAnswer,
  type CannedAnswerRow,
} from './support-repository';

const view = (row: CannedAnswerRow): CannedAnswer => ({
  id: row.id,
  title: row.title,
  text: row.text,
  active: row.active,
});

/** The canned answers: active ones for answering, all (switched-off included) for those who manage them. */
export async function showCannedAnswers(
  deps: Pick<Deps, 'db'>,
  request: { all: boolean },
): Promise<{ items: CannedAnswer[] }> {
  return { items: (await listCannedAnswers(deps.db, { activeOnly: !request.all })).map(view) };
}

type CannedInput = { title: string; text: string; active: boolean };

/** A senior adds a canned answer. Audited. */
export async function createCannedAnswer(
  deps: Deps,
  request: { actor: StaffActor; input: CannedInput; meta: RequestMeta },
): Promise<CannedAnswer> {
  return deps.db.transaction(async (tx) => {
    const row = await insertCannedAnswer(tx, {
      ...request.input,
      createdBy: request.actor.staffId,
      now: deps.clock.now(),
    });
    await audit(tx, {
      actor: request.actor,
      action: 'support.canned-answer.created',
      subjectId: row.id,
      meta: request.meta,
    });
    return view(row);
  });
}

/** A senior edits or switches off a canned answer (never deleted). Throws CANNED_ANSWER_NOT_FOUND. Audited. */
export async function changeCannedAnswer(
  deps: Deps,
  request: { actor: StaffActor; id: string; input: CannedInput; meta: RequestMeta },
): Promise<CannedAnswer> {
  return deps.db.transaction(async (tx) => {
    const row = await updateCannedAnswer(tx, request.id, { ...request.input, now: deps.clock.now() });
    if (!row) throw new AppError('CANNED_ANSWER_NOT_FOUND');
    await audit(tx, {
      actor: request.actor,
      action: 'support.canned-answer.changed',
      subjectId: row.id,
      details: { active: row.active },
      meta: request.meta,
    });
    return view(row);
  });
}

/** Who a conversation can be given to: active specialists and seniors. */
export async function showSpecialists(deps: Pick<Deps, 'db'>) {
  return { items: await listAnsweringStaff(deps.db) };
}
