import type * as Otplib from 'otplib';
import type { Clock } from '../../domain/calendar';
import { DemoClock } from '../movable-clock';

/**
 * TOTP second factor of the back office (RFC 6238 through otplib 13): SHA-1, 6 digits, a 30-second step, and a code
 * of the previous or the next step accepted too (±1 step for clock drift). Secrets are 160-bit base32 strings.
 */
export const TOTP_RULES = { periodSec: 30, digits: 6, toleranceSteps: 1, issuer: 'Смсфинанс' } as const;

/**
 * The time authenticator apps count: real time. The demo clock, which the developer page moves forward, is taken
 * without its offset, so a phone's code still matches after the business date was moved.
 */
export const totpTime = (clock: Clock): Date => (clock instanceof DemoClock ? clock.wallNow() : clock.now());

/** otplib and qrcode are imported on first use (a staff sign-in), not at start-up (issue 9: the restart). */
let otplib: Promise<typeof Otplib> | undefined;
const loadOtplib = () => (otplib ??= import('otplib'));

/** A new random base32 secret (20 bytes). */
export const newTotpSecret = async (): Promise<string> => (await loadOtplib()).generateSecret();

/** The code for `secret` at `at` (what the authenticator app shows then). */
export const totpCode = async (secret: string, at: Date): Promise<string> =>
  (await loadOtplib()).generate({
    secret,
    epoch: Math.floor(at.getTime() / 1000),
    period: TOTP_RULES.periodSec,
  });

/**
 * The time step (RFC 6238: Unix seconds / 30) of `code` when it is the secret's code at `at` or one step before or
 * after it (constant-time compare), and later than `afterStep` (a code already accepted once is refused: RFC 6238
 * §5.2, «the verifier MUST NOT accept the second attempt of the OTP after the successful validation»); otherwise null.
 */
export async function checkTotpCode(
  secret: string,
  code: string,
  at: Date,
  afterStep: number | null = null,
): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const epoch = Math.floor(at.getTime() / 1000);
  try {
    const result = await (
      await loadOtplib()
    ).verify({
      secret,
      token: code,
      epoch,
      period: TOTP_RULES.periodSec,
      epochTolerance: TOTP_RULES.periodSec * TOTP_RULES.toleranceSteps,
      ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
    });
    return result.valid ? Math.floor(epoch / TOTP_RULES.periodSec) + result.delta : null;
  } catch {
    return null;
  }
}

/** The otpauth:// URI an authenticator app reads (issuer + login as the label). */
export const totpUri = async (secret: string, login: string): Promise<string> =>
  (await loadOtplib()).generateURI({
    issuer: TOTP_RULES.issuer,
    label: login,
    secret,
    period: TOTP_RULES.periodSec,
  });

/** The URI as a QR code: a PNG data URL (`data:image/png;base64,...`) for an <img>. */
export const totpQrDataUrl = async (uri: string): Promise<string> =>
  (await import('qrcode')).default.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
