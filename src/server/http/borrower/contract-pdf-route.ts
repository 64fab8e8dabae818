import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps';
import { getContractPdf } from '../../modules/lending/get-contract-pdf';
import { pdfRoute } from './pdf-route';

/** The contract PDF, for its borrower only. */
export function contractPdfRoute(app: FastifyInstance, deps: Deps) {
  pdfRoute(app, deps, {
    path: '/api/me/contracts/:id/pdf',
    summary: 'Договор (PDF)',
    notFound: 'CONTRACT_NOT_FOUND',
    load: (borrowerId, id) => getContractPdf(deps, { borrowerId, contractId: id }),
  });
}
