import { z } from 'zod';

/** Where a registration after a provider is; kept in sessionStorage so a reload keeps it. */
export const ZFederatedRegistrationState = z.union([
  z.object({ step: z.literal('start') }),
  z.object({ step: z.literal('confirm'), id: z.string(), phoneMasked: z.string(), resendAt: z.number() }),
  z.object({ step: z.literal('details'), id: z.string(), phoneMasked: z.string() }),
]);
export type FederatedRegistrationState = z.infer<typeof ZFederatedRegistrationState>;

export const federatedRegistrationKey = (attemptId: string) => `federated-registration:${attemptId}`;

export const PROVIDER_LABELS = { esia: 'Госуслуги', tid: 'T-ID' } as const;
