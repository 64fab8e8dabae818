import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZUuid } from '../../../contracts';
import { supportCasesDeskApi } from '../../../contracts/support-cases';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import {
  approvePhoneChange,
  openPhoneChangeByStaff,
  recordChecklist,
  refusePhoneChange,
  showBorrowerSupportCases,
  showPhoneChange,
} from '../../modules/support/phone-change';
import {
  endRelationship,
  relationshipEndConfirmation,
  showRelationshipEnd,
} from '../../modules/support/relationship-end';
import { route } from '../route';

/**
 * Phone change cases and requests to end the relationship in the back office: a specialist (queues.work) opens a
 * case, fills the checklist, refuses, ends a relationship; a senior (decisions.approve) approves a phone change.
 */
export function supportCasesDeskRoutes(app: FastifyInstance, deps: Deps) {
  const work = { audience: 'staff', permission: 'queues.work' } as const;
  const approve = { audience: 'staff', permission: 'decisions.approve' } as const;
  const api = supportCasesDeskApi;
  route(
    app,
    deps,
    api.borrowerCases,
    { audience: 'staff', permission: 'borrowers.read' },
    ({ actor, params, meta }) => showBorrowerSupportCases(deps, { actor, borrowerId: params.id, meta }),
  );
  route(app, deps, api.openPhoneChange, work, ({ actor, body, meta }) =>
    openPhoneChangeByStaff(deps, { actor, borrowerId: body.borrowerId, newPhone: body.newPhone, meta }),
  );
  route(app, deps, api.phoneChange, work, ({ params }) => showPhoneChange(deps, { caseId: params.id }));
  route(app, deps, api.recordChecklist, work, ({ actor, params, body, meta }) =>
    recordChecklist(deps, { actor, caseId: params.id, checklist: body, meta }),
  );
  route(app, deps, api.approvePhoneChange, approve, ({ actor, params, meta }) =>
    approvePhoneChange(deps, { actor, caseId: params.id, meta }),
  );
  route(app, deps, api.refusePhoneChange, work, ({ actor, params, body, meta }) =>
    refusePhoneChange(deps, { actor, caseId: params.id, reason: body.reason, meta }),
  );
  route(app, deps, api.relationshipEnd, work, ({ params }) =>
    showRelationshipEnd(deps, { requestId: params.id }),
  );
  route(app, deps, api.endRelationship, work, ({ actor, params, meta }) =>
    endRelationship(deps, { actor, requestId: params.id, meta }),
  );
  route(
    app,
    deps,
    {
      method: 'GET',
      path: '/api/backoffice/relationship-ends/:id/confirmation.pdf',
      params: z.object({ id: ZUuid }),
      summary: 'Прекращение отношений: подтверждение в PDF (передать заёмщику)',
      produces: 'application/pdf',
    } as const,
    work,
    async ({ params }) => {
      const pdf = await relationshipEndConfirmation(deps, { requestId: params.id });
      if (!pdf) throw new AppError('CASE_NOT_FOUND');
      return { file: pdf.pdf, filename: pdf.filename, sha256: pdf.sha256 };
    },
  );
}
