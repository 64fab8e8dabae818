import type { FastifyInstance } from 'fastify';
import { engagementStaffApi as bo } from '../../../contracts/backoffice-engagement';
import type { Deps } from '../../deps';
import {
  closeCampaign,
  createCampaign,
  drawCampaign,
  listStaffCampaigns,
  publishCampaign,
} from '../../modules/engagement/manage-campaigns';
import { createOffer, listStaffOffers } from '../../modules/engagement/manage-offers';
import { advertiseCampaign, advertiseOffer } from '../../modules/engagement/send-advertising';
import { roleCan } from '../permissions';
import { route } from '../route';

const manage = { audience: 'staff', permission: 'engagement.manage' } as const;
const offers = { audience: 'staff', permission: 'offers.make' } as const;

/**
 * Raffle campaigns in the back office: seniors (and admins) set them up, publish, close and draw them; personal
 * offers: specialists and seniors make them; advertising sends of either («Разослать»): seniors and admins.
 */
export function engagementStaffRoutes(app: FastifyInstance, deps: Deps) {
  route(app, deps, bo.offers, offers, () => listStaffOffers(deps));
  // A senior's offer goes out as advertising at once; a specialist's waits for a senior's «Разослать».
  route(app, deps, bo.createOffer, offers, ({ actor, body, meta }) =>
    createOffer(deps, { actor, offer: body, meta, advertise: roleCan(actor.role, 'engagement.manage') }),
  );
  route(app, deps, bo.advertiseOffer, manage, ({ actor, params, meta }) =>
    advertiseOffer(deps, { actor, id: params.id, meta }),
  );
  route(app, deps, bo.advertiseCampaign, manage, ({ actor, params, meta }) =>
    advertiseCampaign(deps, { actor, id: params.id, meta }),
  );
  route(app, deps, bo.campaigns, manage, () => listStaffCampaigns(deps));
  route(app, deps, bo.createCampaign, manage, ({ actor, body, meta }) =>
    createCampaign(deps, { actor, campaign: body, meta }),
  );
  route(app, deps, bo.publishCampaign, manage, ({ actor, params, meta }) =>
    publishCampaign(deps, { actor, id: params.id, meta }),
  );
  route(app, deps, bo.closeCampaign, manage, ({ actor, params, meta }) =>
    closeCampaign(deps, { actor, id: params.id, meta }),
  );
  route(app, deps, bo.drawCampaign, manage, ({ actor, params, meta }) =>
    drawCampaign(deps, { actor, id: params.id, meta }),
  );
}
