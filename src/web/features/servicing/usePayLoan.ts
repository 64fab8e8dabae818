import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, type PaymentView } from '../../../contracts';
import { isApiError } from '../../api/api-error';
import { call } from '../../api/client';
import { queryKeys } from '../../api/queries';
import {
  forgetPaymentAttempt,
  forgetSettledPayment,
  paymentKeyFor,
  rememberPaymentId,
  sessionKeyStorage,
  slotOf,
  type PaymentChoice,
} from './payment-attempt';

/** Sends the payer to the provider's page (a full page load: the provider is another site). */
export function goToProvider(url: string): void {
  window.location.assign(url);
}

/**
 * «Перейти к оплате»: creates the payment with this attempt's idempotency key and sends the borrower to the
 * provider's page. A payment with no page to go to (already settled: the key made a payment that finished
 * meanwhile, or waiting for the bank) goes to `onStay`, for the loan page to follow it like a returning one;
 * a settled one also ends the attempt, so the next click starts a new one.
 */
export function usePayLoan(loanId: string, onStay: (payment: PaymentView) => void) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: async (choice: PaymentChoice): Promise<PaymentView> => {
      const storage = sessionKeyStorage();
      const idempotencyKey = paymentKeyFor(storage, loanId, choice);
      try {
        const payment = await call(api.createPayment, {
          params: { id: loanId },
          body: { ...choice, idempotencyKey },
        });
        rememberPaymentId(storage, loanId, idempotencyKey, payment.id);
        return payment;
      } catch (error) {
        // The server will not take this key again: the next click gets a new one.
        if (isApiError(error, 'IDEMPOTENCY_KEY_REUSED'))
          forgetPaymentAttempt(storage, loanId, slotOf(choice));
        throw error;
      }
    },
    onSuccess: (payment) => {
      if (payment.status === 'processing' && payment.confirmationUrl) {
        goToProvider(payment.confirmationUrl);
        return;
      }
      if (payment.status !== 'processing') {
        forgetSettledPayment(sessionKeyStorage(), loanId, payment.id);
        void queryClient.invalidateQueries({ queryKey: queryKeys.loan(loanId) });
      }
      onStay(payment);
    },
    onError: (error) => {
      if (isApiError(error, 'LOAN_NOT_ACTIVE', 'PROLONGATION_NOT_FOUND', 'PROLONGATION_NOT_AVAILABLE'))
        void queryClient.invalidateQueries({ queryKey: queryKeys.loan(loanId) });
    },
  });
  // Back from the provider's page to this page as it was left (the browser's back-forward cache): the
  // button must not keep spinning for a redirect that already happened.
  const { reset } = mutation;
  useEffect(() => {
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted) reset();
    };
    window.addEventListener('pageshow', onShow);
    return () => window.removeEventListener('pageshow', onShow);
  }, [reset]);
  return mutation;
}

/** True while the browser is leaving for the provider's page: the button keeps spinning until it has. */
export const leavingForProvider = (payment: PaymentView | undefined): boolean =>
  payment?.status === 'processing' && Boolean(payment.confirmationUrl);
