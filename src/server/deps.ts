import type { Logger } from 'pino';
import type { Clock } from '../domain/calendar';
import type { Db } from './adapters/db/database';
import type { BureauPort } from './adapters/bureau/bureau-port';
import type { CaptchaPort } from './adapters/captcha/captcha-port';
import type { CardTokenizerPort } from './adapters/payouts/card-tokenizer';
import type { PayoutPort } from './adapters/payouts/payout-port';
import type { AcquiringPort } from './adapters/payments/acquiring-port';
import type { AddressSuggestPort } from './adapters/address/address-port';
import type { EmailPort } from './adapters/email/email-port';
import type { Limiter } from './adapters/limits/limiter';
import type { MaintenanceState } from './modules/backoffice/settings/live-maintenance';
import type { SmsPort } from './adapters/sms/sms-port';
import type { TelegramBotPort } from './adapters/telegram/telegram-port';
import type { IdentityProviderId, IdentityProviderPort } from './adapters/identity/identity-provider-port';
import type { StoragePort } from './adapters/storage/storage-port';
import type { SupportEventHub } from './modules/support/support-events';
import type { Config } from './config';
import type { FieldCipher } from './security/secrets';

/** What every use case may use. Built once in app.ts; tests build it with fakes and a fixed clock. */
export type Deps = {
  config: Config;
  db: Db;
  clock: Clock;
  sms: SmsPort;
  /** The Telegram bot (the demo fake, or grammY); null when TELEGRAM_BOT=off: everything goes by SMS. */
  telegram: TelegramBotPort | null;
  captcha: CaptchaPort;
  bureau: BureauPort;
  cardTokenizer: CardTokenizerPort;
  payouts: PayoutPort;
  acquiring: AcquiringPort;
  /** Address suggestions for the borrower's addresses (DaData, or the built-in list in demo). */
  address: AddressSuggestPort;
  /** Gosuslugi and T-ID: only the configured ones are present (the sign-in buttons follow). */
  identityProviders: Partial<Record<IdentityProviderId, IdentityProviderPort>>;
  /** E-mail (the demo outbox); null where no mailer is configured (production for now). */
  email: EmailPort | null;
  limiter: Limiter;
  cipher: FieldCipher;
  log: Logger;
  /** The site's maintenance as it stands now, followed live across instances (back office switch + env floor). */
  maintenance: MaintenanceState;
  /** Files (support attachments): a data folder by default, S3-compatible storage in production. */
  storage: StoragePort;
  /** Live events of support conversations (SSE streams listen here). */
  supportEvents: SupportEventHub;
};

/**
 * Where a request came from (stored with consents, sessions and the audit log), as the HTTP layer saw it: the
 * client IP (X-Forwarded-For only from TRUST_PROXY), the User-Agent, and the id of the device cookie when the
 * request carried a valid (signed) one.
 */
export type RequestMeta = { ip: string; userAgent: string | undefined; deviceId?: string | undefined };
