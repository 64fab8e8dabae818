import type { DutyStatus } from '../../../contracts/backoffice-support';
import type { StaffActor } from '../../actor';
import type { Deps, RequestMeta } from '../../deps';
import { audit } from '../audit/audit';
import { getDutyStatus, setDutyStatus } from './staff-repository';

const toWire = (row: { onDuty: boolean; changedAt: Date | null }): DutyStatus => ({
  onDuty: row.onDuty,
  changedAt: row.changedAt?.toISOString() ?? null,
});

/** The signed-in member's «на смене» status (off duty until first set). Throws NOT_FOUND for an unknown member. */
export async function showDutyStatus(deps: Pick<Deps, 'db'>, { actor }: { actor: StaffActor }) {
  return toWire(await getDutyStatus(deps.db, actor.staffId));
}

/**
 * The member goes on or off duty («На смене» / «Не на смене»). Only members on duty (and active, specialist or
 * senior) receive new conversations by the automatic round-robin (SUPPORT_AUTO_ASSIGN). Audited as
 * `backoffice.duty.on` / `backoffice.duty.off` when the status changes; setting the same status again changes
 * nothing. Throws NOT_FOUND for an unknown member.
 */
export async function changeDutyStatus(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { actor: StaffActor; onDuty: boolean; meta: RequestMeta },
): Promise<DutyStatus> {
  await deps.db.transaction(async (tx) => {
    const before = await getDutyStatus(tx, input.actor.staffId);
    if (before.onDuty === input.onDuty) return;
    await setDutyStatus(tx, { staffId: input.actor.staffId, onDuty: input.onDuty, at: deps.clock.now() });
    await audit(tx, {
      actor: input.actor,
      action: input.onDuty ? 'backoffice.duty.on' : 'backoffice.duty.off',
      subjectId: input.actor.staffId,
      meta: input.meta,
    });
  });
  return showDutyStatus(deps, input);
}
