import type { Deps } from '../../deps';
import { sendSms } from './send-sms';

/**
 * An informational SMS (a decision, a status). A failed gateway must not undo what already happened, so the
 * failure is logged (by sendSms) and swallowed; the account shows the same news.
 */
export async function notifyBorrower(deps: Deps, phone: string, kind: string, text: string): Promise<void> {
  await sendSms(deps, phone, kind, text).catch(() => undefined);
}
