import type { LimitRule } from '../../adapters/limits/limiter';

/**
 * Abuse limits. The sign-in rule (also in the README):
 * - per phone and IP, consecutive failures earn a growing pause: none for the first 3, then 5 s, 15 s, 1 min,
 *   5 min, and 15 min from the 8th on; a success clears it. An attacker from one address only slows himself.
 * - per phone from all addresses: 30 failures an hour lock that phone's password sign-in for 15 minutes, never
 *   longer, except for a device (signed device cookie) or address the account signed in from before, and
 *   «Забыли пароль» keeps working, so strangers cannot lock a borrower out.
 * SMS codes (sms*): 10 per phone, 30 per IP, 30 per device a day, each counted per purpose (one-time-codes.ts).
 * - per IP: 100 failures an hour lock the address for an hour.
 */
export const LIMITS = {
  loginFailuresPhoneIp: { name: 'login-fail-phone-ip', points: 1000, durationSec: 3600 },
  loginPausePhoneIp: { name: 'login-pause-phone-ip', points: 1, durationSec: 1 },
  loginFailuresPhone: { name: 'login-fail-phone', points: 30, durationSec: 3600, blockSec: 900 },
  loginFailuresIp: { name: 'login-fail-ip', points: 100, durationSec: 3600, blockSec: 3600 },
  smsPerPhoneDay: { name: 'sms-phone-day', points: 10, durationSec: 86_400 },
  smsPerIpDay: { name: 'sms-ip-day', points: 30, durationSec: 86_400 },
  smsPerDeviceDay: { name: 'sms-device-day', points: 30, durationSec: 86_400 },
  captchaPerIp: { name: 'captcha-ip', points: 60, durationSec: 3600 },
  /** Gosuslugi / T-ID sign-ins started per IP an hour (each stores an attempt). */
  providerStartPerIp: { name: 'provider-start-ip', points: 60, durationSec: 3600 },
  /** Telegram deep links asked per borrower an hour (each stores a token; a newer one voids the older). */
  telegramLinksPerBorrower: { name: 'telegram-link-borrower', points: 10, durationSec: 3600 },
} satisfies Record<string, LimitRule>;

/** The pause, in seconds, after the 1st, 2nd, ... consecutive sign-in failure; the last repeats. */
export const LOGIN_PAUSES_SEC = [0, 0, 0, 5, 15, 60, 300, 900] as const;
/** Seconds to wait after the n-th consecutive failure (1-based). */
export const loginPauseAfter = (failures: number): number =>
  LOGIN_PAUSES_SEC[Math.min(failures, LOGIN_PAUSES_SEC.length) - 1] ?? 0;

/** SMS codes: 6 digits, valid 5 minutes, burnt after 5 wrong tries, a new one after 60 s. */
export const OTP_RULES = {
  length: 6,
  ttlSec: 300,
  maxFailedAttempts: 5,
  resendCooldownSec: 60,
} as const;

/** How long a captcha can be answered, in seconds. */
export const CAPTCHA_TTL_SEC = 300;
/** How long step 1 of a registration stays open, in seconds. */
export const REGISTRATION_TTL_SEC = 3600;
/** How long a password recovery stays open, in seconds. */
export const RECOVERY_TTL_SEC = 1800;
