import type { MantineColor } from '@mantine/core';
import type { ApplicationView, EMPLOYMENT_KINDS } from '../../../contracts';

export type Employment = (typeof EMPLOYMENT_KINDS)[number];

export const EMPLOYMENT_LABELS: Record<Employment, string> = {
  employed: 'Работаю по найму',
  self_employed: 'Самозанятый',
  entrepreneur: 'ИП',
  pensioner: 'Пенсионер',
  student: 'Студент',
  unemployed: 'Не работаю',
};

export type PayoutKind = ApplicationView['payoutMethod']['kind'];

export const PAYOUT_LABELS: Record<PayoutKind, string> = {
  card: 'На карту',
  sbp: 'По СБП',
  bank_account: 'На счёт в банке',
};

/** Banks of the Faster Payments System (СБП) by their participant ids. */
export const SBP_BANKS = [
  { value: '100000000111', label: 'Сбербанк' },
  { value: '100000000004', label: 'Т-Банк' },
  { value: '110000000005', label: 'ВТБ' },
  { value: '100000000008', label: 'Альфа-Банк' },
  { value: '100000000001', label: 'Газпромбанк' },
] as const;

export const STATUS_COLORS: Record<ApplicationView['status'], MantineColor> = {
  submitted: 'blue',
  under_review: 'yellow',
  approved: 'teal',
  refused: 'red',
  signed: 'blue',
  paid_out: 'green',
  cancelled: 'gray',
  payout_failed: 'red',
};
