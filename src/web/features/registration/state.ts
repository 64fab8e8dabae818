import { z } from 'zod';

/** Where the registration is; kept in sessionStorage so a reload keeps the registration id. */
export const ZRegistrationState = z.union([
  z.object({ step: z.literal('start') }),
  z.object({ step: z.literal('confirm'), id: z.string(), phoneMasked: z.string(), resendAt: z.number() }),
  z.object({ step: z.literal('details'), id: z.string(), phoneMasked: z.string() }),
]);
export type RegistrationState = z.infer<typeof ZRegistrationState>;
export type ConfirmState = Extract<RegistrationState, { step: 'confirm' }>;
export type DetailsState = Extract<RegistrationState, { step: 'details' }>;

export const REGISTRATION_START: RegistrationState = { step: 'start' };
export const REGISTRATION_STORAGE_KEY = 'registration';
