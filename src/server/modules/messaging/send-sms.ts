import { maskPhone } from '../../../contracts';
import { SmsSendError } from '../../adapters/sms/sms-port';
import type { Deps } from '../../deps';
import { logSms } from './messaging-repository';

/**
 * Sends one SMS through the configured gateway and logs the attempt without its text (codes must not rest in
 * the database), stamped with the app's clock like everything a person reads as a time. Throws SmsSendError when the gateway fails.
 */
export async function sendSms(deps: Deps, phone: string, kind: string, text: string): Promise<void> {
  const provider = deps.sms.provider;
  const createdAt = deps.clock.now();
  try {
    const { providerMessageId } = await deps.sms.send({ phone, text });
    await logSms(deps.db, { phone, kind, provider, createdAt, providerMessageId, status: 'sent' });
  } catch (error) {
    const reason = error instanceof SmsSendError ? error.message : 'unexpected error';
    deps.log.error({ err: error, phone: maskPhone(phone), provider, kind }, 'SMS not sent');
    await logSms(deps.db, { phone, kind, provider, createdAt, status: 'failed', error: reason });
    throw error instanceof SmsSendError ? error : new SmsSendError(reason, true);
  }
}
