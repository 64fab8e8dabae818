import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  relationshipEndConfirmationPath,
  supportCasesApi,
  ZDownloadToken,
} from '../../../contracts/support-cases';
import type { Deps } from '../../deps';
import {
  confirmPhoneChange,
  listMyPhoneChanges,
  requestPhoneChange,
  requestPhoneChangeAsGuest,
  resendPhoneChangeCode,
} from '../../modules/support/phone-change';
import {
  downloadConfirmationByLink,
  requestRelationshipEnd,
  showMyRelationshipEnd,
} from '../../modules/support/relationship-end';
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
  route(app, deps, supportCasesApi.resendPhoneChangeCode, guest, ({ body, meta }) =>
    resendPhoneChangeCode(deps, { newPhone: body.newPhone, meta }),
  );
  route(app, deps, supportCasesApi.myRelationshipEnd, borrower, ({ actor }) =>
    showMyRelationshipEnd(deps, { borrowerId: actor.borrowerId }),
  );
  route(app, deps, supportCasesApi.requestRelationshipEnd, borrower, ({ actor, meta }) =>
    requestRelationshipEnd(deps, { borrowerId: actor.borrowerId, meta }),
  );
  route(
    app,
    deps,
    {
      method: 'GET',
      path: relationshipEndConfirmationPath(':token'),
      params: z.object({ token: ZDownloadToken }),
      summary: 'Подтверждение прекращения отношений в PDF по одноразовой ссылке из СМС (без входа)',
      produces: 'application/pdf',
    } as const,
    guest,
    async ({ params, meta }) => {
      const pdf = await downloadConfirmationByLink(deps, { token: params.token, meta });
      return { file: pdf.pdf, filename: pdf.filename, sha256: pdf.sha256 };
    },
  );
}
