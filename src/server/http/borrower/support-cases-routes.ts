import type { FastifyInstance } from 'fastify';
import { supportCasesApi } from '../../../contracts/support-cases';
import type { Deps } from '../../deps';
import {
  confirmPhoneChange,
  listMyPhoneChanges,
  requestPhoneChange,
  requestPhoneChangeAsGuest,
} from '../../modules/support/phone-change';
import { requestRelationshipEnd, showMyRelationshipEnd } from '../../modules/support/relationship-end';
import { route } from '../route';

/**
 * The borrower's phone change and «Прекратить отношения» requests; the guest's phone change request (by passport,
 * answered alike whatever the data) and the confirmation of the new number by its SMS code (no sign-in needed).
 */
export function supportCasesRoutes(app: FastifyInstance, deps: Deps) {
  const borrower = { audience: 'borrower' } as const;
  const guest = { audience: 'public' } as const;
  route(app, deps, supportCasesApi.myPhoneChanges, borrower, ({ actor }) =>
    listMyPhoneChanges(deps, { borrowerId: actor.borrowerId }),
  );
  route(app, deps, supportCasesApi.requestPhoneChange, borrower, ({ actor, body, meta }) =>
    requestPhoneChange(deps, { borrowerId: actor.borrowerId, newPhone: body.newPhone, meta }),
  );
  route(app, deps, supportCasesApi.requestPhoneChangeAsGuest, guest, ({ body, meta }) =>
    requestPhoneChangeAsGuest(deps, { ...body, meta }),
  );
  route(app, deps, supportCasesApi.confirmPhoneChange, guest, ({ body, meta }) =>
    confirmPhoneChange(deps, { newPhone: body.newPhone, code: body.code, meta }),
  );
  route(app, deps, supportCasesApi.myRelationshipEnd, borrower, ({ actor }) =>
    showMyRelationshipEnd(deps, { borrowerId: actor.borrowerId }),
  );
  route(app, deps, supportCasesApi.requestRelationshipEnd, borrower, ({ actor, meta }) =>
    requestRelationshipEnd(deps, { borrowerId: actor.borrowerId, meta }),
  );
}
