import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZUuid } from '../../../contracts';
import { engagementApi } from '../../../contracts/engagement';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import { setAdvertisingConsent, showAdvertisingConsent } from '../../modules/engagement/advertising-consent';
import { getRaffleRules } from '../../modules/engagement/get-raffle-rules';
import { listMyRaffles } from '../../modules/engagement/list-my-raffles';
import { listMyOffers } from '../../modules/engagement/manage-offers';
import { activatePromoCode } from '../../modules/engagement/promo-codes';
import { showBonuses } from '../../modules/engagement/show-bonuses';
import { showAdvertisingLink, useAdvertisingLink } from '../../modules/engagement/send-advertising';
import { showDraw } from '../../modules/engagement/show-draw';
import { route } from '../route';

const borrower = { audience: 'borrower' } as const;

/**
 * Bonuses and raffles: the signed-in borrower's own (ids come from the session, never from the request), and the
 * public draw data and rules of a published campaign (no sign-in: anyone may verify a draw).
 */
export function engagementRoutes(app: FastifyInstance, deps: Deps) {
  route(app, deps, engagementApi.bonuses, borrower, ({ actor }) =>
    showBonuses(deps, { borrowerId: actor.borrowerId }),
  );
  route(app, deps, engagementApi.myRaffles, borrower, ({ actor }) =>
    listMyRaffles(deps, { borrowerId: actor.borrowerId }),
  );
  route(app, deps, engagementApi.myOffers, borrower, ({ actor }) =>
    listMyOffers(deps, { borrowerId: actor.borrowerId }),
  );
  route(app, deps, engagementApi.promoCode, borrower, async ({ actor, body }) => {
    await activatePromoCode(deps, { borrowerId: actor.borrowerId, code: body.code });
    return listMyOffers(deps, { borrowerId: actor.borrowerId });
  });
  route(app, deps, engagementApi.advertisingConsent, borrower, ({ actor }) =>
    showAdvertisingConsent(deps, { borrowerId: actor.borrowerId }),
  );
  route(app, deps, engagementApi.setAdvertisingConsent, borrower, ({ actor, body, meta }) =>
    setAdvertisingConsent(deps, { borrowerId: actor.borrowerId, granted: body.granted, meta }),
  );
  // The one-click withdrawal link of an advertising SMS: no sign-in, the token is the key (engagement/send-advertising.ts).
  route(app, deps, engagementApi.advertisingLink, { audience: 'public' }, ({ params }) =>
    showAdvertisingLink(deps, { token: params.token }),
  );
  route(app, deps, engagementApi.useAdvertisingLink, { audience: 'public' }, ({ params, meta }) =>
    useAdvertisingLink(deps, { token: params.token, meta }),
  );
  route(app, deps, engagementApi.publicDraw, { audience: 'public' }, ({ params }) =>
    showDraw(deps, { id: params.id }),
  );
  const rules = {
    method: 'GET',
    path: '/api/draws/:id/rules.pdf',
    params: z.object({ id: z.string().max(64) }),
    summary: 'Правила розыгрыша (PDF)',
    produces: 'application/pdf',
  } as const;
  route(app, deps, rules, { audience: 'public' }, async ({ params }) => {
    const id = ZUuid.safeParse(params.id);
    const pdf = id.success ? await getRaffleRules(deps, { id: id.data }) : null;
    if (!pdf) throw new AppError('CAMPAIGN_NOT_FOUND');
    return { file: pdf.pdf, filename: pdf.filename, sha256: pdf.sha256 };
  });
}
