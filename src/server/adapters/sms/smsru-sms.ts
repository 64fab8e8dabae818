import { z } from 'zod';
import { SmsSendError, type SmsPort } from './sms-port';

const ZSmsRuAnswer = z.object({
  status: z.string(),
  status_code: z.number(),
  status_text: z.string().optional(),
  sms: z
    .record(
      z.string(),
      z.object({
        status: z.string(),
        status_code: z.number(),
        sms_id: z.string().optional(),
        status_text: z.string().optional(),
      }),
    )
    .optional(),
});

export type SmsRuOptions = {
  apiId: string;
  baseUrl: string;
  sender?: string | undefined;
  timeoutMs?: number;
};

/** SMS.ru: one POST to /sms/send with json=1. Status codes per the provider's API reference (100 = accepted). */
export class SmsRuSms implements SmsPort {
  readonly provider = 'smsru';
  constructor(private readonly options: SmsRuOptions) {}

  async send({ phone, text }: { phone: string; text: string }) {
    const to = phone.replace(/\D/g, '');
    const form = new URLSearchParams({ api_id: this.options.apiId, to, msg: text, json: '1' });
    if (this.options.sender) form.set('from', this.options.sender);
    let response: Response;
    try {
      response = await fetch(new URL('/sms/send', this.options.baseUrl), {
        method: 'POST',
        body: form,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new SmsSendError(`sms.ru unreachable: ${(error as Error).message}`, true, 'smsru');
    }
    if (!response.ok)
      throw new SmsSendError(`sms.ru HTTP ${response.status}`, response.status >= 500, 'smsru');
    const parsed = ZSmsRuAnswer.safeParse(await response.json().catch(() => null));
    if (!parsed.success) throw new SmsSendError('sms.ru answered in an unknown format', true, 'smsru');
    const answer = parsed.data;
    if (answer.status !== 'OK')
      throw new SmsSendError(`sms.ru refused: ${answer.status_code}`, false, 'smsru');
    const item = answer.sms?.[to];
    if (!item || item.status !== 'OK' || !item.sms_id)
      throw new SmsSendError(`sms.ru refused the message: ${item?.status_code ?? 'no item'}`, false, 'smsru');
    return { providerMessageId: item.sms_id };
  }
}
