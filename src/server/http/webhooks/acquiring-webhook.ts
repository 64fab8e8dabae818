import type { FastifyInstance } from 'fastify';
import { AcquiringError } from '../../adapters/payments/acquiring-port';
import { parseYooKassaNotification } from '../../adapters/payments/yookassa-payments';
import type { Deps } from '../../deps';
import { refreshPayment } from '../../modules/payments/refresh-payment';

/**
 * The acquirer's notification. It is not signed (YooKassa), so its body only names the payment: we read the
 * payment from the provider and credit what the provider says, once. Always 200 for a payment we could read
 * (the provider stops retrying); 500 when the provider could not be asked, so it retries later.
 */
export function acquiringWebhookRoutes(app: FastifyInstance, deps: Deps) {
  app.post(
    '/api/webhooks/acquiring/:provider',
    { schema: { summary: 'Уведомление эквайера о платеже', tags: ['webhooks'] } },
    async (request, reply) => {
      const notification = parseYooKassaNotification(request.body);
      if (!notification) return reply.code(400).send({ ok: false });
      try {
        await refreshPayment(deps, { providerPaymentId: notification.providerPaymentId });
      } catch (error) {
        if (!(error instanceof AcquiringError) || error.retryable) throw error;
        // The provider does not know this payment: nothing to credit, and no point in retrying.
        request.log.warn({ err: error }, 'notification for a payment the provider does not know');
        return reply.send({ ok: false });
      }
      return reply.send({ ok: true });
    },
  );
}
