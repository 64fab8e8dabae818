import type { FastifyInstance } from 'fastify';
import { DOCUMENT_PDF_PATHS, dataApi } from '../../../contracts';
import type { Deps } from '../../deps';
import {
  consentCopy,
  letterPdf,
  signedAddendumCopy,
  signedContractCopy,
} from '../../modules/borrower-data/document-pdfs';
import { listActivity } from '../../modules/borrower-data/list-activity';
import { reportSignIn } from '../../modules/borrower-data/report-sign-in';
import { listDocuments } from '../../modules/borrower-data/list-documents';
import { saveEmployment } from '../../modules/borrower-data/save-employment';
import { saveIdentifiers } from '../../modules/borrower-data/save-identifiers';
import { confirmEmail, requestEmailCode } from '../../modules/borrower-data/email-confirmation';
import { saveAddresses } from '../../modules/borrower-data/save-addresses';
import { showPersonalData } from '../../modules/borrower-data/show-personal-data';
import { suggestAddress } from '../../modules/borrower-data/suggest-address';
import { route } from '../route';
import { pdfRoute } from './pdf-route';

const borrower = { audience: 'borrower' } as const;

/** The borrower's own data (addresses, place of birth): ids come from the session, never from the request. */
export function borrowerDataRoutes(app: FastifyInstance, deps: Deps) {
  route(app, deps, dataApi.addressSuggestions, borrower, ({ body }) => suggestAddress(deps, body));
  route(app, deps, dataApi.personalData, borrower, ({ actor }) =>
    showPersonalData(deps, { borrowerId: actor.borrowerId }),
  );
  route(app, deps, dataApi.saveAddresses, borrower, ({ actor, body, meta }) =>
    saveAddresses(deps, { borrowerId: actor.borrowerId, update: body, meta }),
  );
  route(app, deps, dataApi.documents, borrower, ({ actor }) =>
    listDocuments(deps, { borrowerId: actor.borrowerId }),
  );
  pdfRoute(app, deps, {
    path: DOCUMENT_PDF_PATHS.consent,
    summary: 'Согласие (PDF)',
    notFound: 'NOT_FOUND',
    load: (borrowerId, id) => consentCopy(deps, { borrowerId, consentId: id }),
  });
  pdfRoute(app, deps, {
    path: DOCUMENT_PDF_PATHS.signedContract,
    summary: 'Подписанный договор с листом подписания (PDF)',
    notFound: 'CONTRACT_NOT_FOUND',
    load: (borrowerId, id) => signedContractCopy(deps, { borrowerId, contractId: id }),
  });
  pdfRoute(app, deps, {
    path: DOCUMENT_PDF_PATHS.signedAddendum,
    summary: 'Подписанное дополнительное соглашение с листом подписания (PDF)',
    notFound: 'PROLONGATION_NOT_FOUND',
    load: (borrowerId, id) => signedAddendumCopy(deps, { borrowerId, prolongationId: id }),
  });
  pdfRoute(app, deps, {
    path: DOCUMENT_PDF_PATHS.letter,
    summary: 'Письмо специалиста (PDF)',
    notFound: 'NOT_FOUND',
    load: (borrowerId, id) => letterPdf(deps, { borrowerId, letterId: id }),
  });
  route(app, deps, dataApi.activity, borrower, ({ actor, body }) =>
    listActivity(deps, { borrowerId: actor.borrowerId, page: body.page, category: body.category }),
  );
  route(app, deps, dataApi.reportSignIn, borrower, ({ actor, body, meta }) =>
    reportSignIn(deps, { borrowerId: actor.borrowerId, eventId: body.eventId, meta }),
  );
  route(app, deps, dataApi.saveEmployment, borrower, ({ actor, body, meta }) =>
    saveEmployment(deps, { borrowerId: actor.borrowerId, update: body, meta }),
  );
  route(app, deps, dataApi.saveIdentifiers, borrower, ({ actor, body, meta }) =>
    saveIdentifiers(deps, { borrowerId: actor.borrowerId, update: body, meta }),
  );
  route(app, deps, dataApi.requestEmailCode, borrower, ({ actor, body, meta }) =>
    requestEmailCode(deps, { borrowerId: actor.borrowerId, email: body.email, meta }),
  );
  route(app, deps, dataApi.confirmEmail, borrower, ({ actor, body, meta }) =>
    confirmEmail(deps, { borrowerId: actor.borrowerId, code: body.code, meta }),
  );
}
