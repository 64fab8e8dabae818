import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AcquiringError } from '../../adapters/payments/acquiring-port';
import { parseYooKassaNotification } from '../../adapters/payments/yookassa-payments';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import { refreshPayment } from '../../modules/payments/refresh-payment';
import { route } from '../route';

/** The acquirer's notification endpoint: any JSON object; its provider-specific shape is checked by the adapter. */
const acquiringNotification = {
  method: 'POST',
  path: '/api/webhooks/acquiring/:provider',
  params: z.object({ provider: z.enum(['fake', 'yookassa']) }),
  body: z.record(z.string(), z.unknown()),
  response: z.object({ ok: z.boolean() }),
  summary: 'Уведомление эквайера о платеже',
} as const;

/**
 * The acquirer's notification. It is not signed (YooKassa), so its body only names the payment: we read the
 * payment from the provider and credit what the provider says, once. 200 for a payment we could read (the provider
 * stops retrying); 400 problem+json for a body that is not a notification; 500 when the provider could not be asked,
 * so it retries later.
 */
export function acquiringWebhookRoutes(app: FastifyInstance, deps: Deps) {
  route(app, deps, acquiringNotification, { audience: 'webhook' }, async ({ body, request }) => {
    const notification = parseYooKassaNotification(body);
    if (!notification)
      throw new AppError('VALIDATION_FAILED', { detail: 'Тело запроса не похоже на уведомление о платеже' });
    try {
      await refreshPayment(deps, { providerPaymentId: notification.providerPaymentId });
    } catch (error) {
      if (!(error instanceof AcquiringError) || error.retryable) throw error;
      // The provider does not know this payment: nothing to credit, and no point in retrying.
      request.log.warn({ err: error }, 'notification for a payment the provider does not know');
      return { ok: false };
    }
    return { ok: true };
  });
}
