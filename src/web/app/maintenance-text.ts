import type { SiteStatus } from '../../contracts';
import { formatInstant } from '../i18n/format';

/** What is closed during works of a scope, for the borrower's banner. */
const SCOPE_TEXT = {
  all: 'Некоторые действия сейчас недоступны. Пожалуйста, попробуйте позже.',
  applications: 'Сейчас нельзя подать новую заявку на заём. Остальное работает как обычно.',
  payments: 'Сейчас нельзя оплатить заём на сайте. Остальное работает как обычно.',
} as const;

/**
 * The banner's lines for the site's status: works under way (title, message or what is closed, planned end) or
 * announced ahead (planned start); null when there are none.
 */
export function maintenanceText(
  status: SiteStatus | undefined,
): { title: string; message: string; end: string | null } | null {
  if (!status) return null;
  const end = status.maintenancePlannedEnd
    ? `Планируемое окончание: ${formatInstant(status.maintenancePlannedEnd)} (мск).`
    : null;
  if (status.maintenance)
    return {
      title: 'На сайте проводятся технические работы',
      message: status.maintenanceMessage ?? SCOPE_TEXT[status.maintenanceScope ?? 'all'],
      end,
    };
  if (status.maintenancePlannedStart)
    return {
      title: `Запланированы технические работы с ${formatInstant(status.maintenancePlannedStart)} (мск)`,
      message: status.maintenanceMessage ?? 'В это время некоторые действия могут быть недоступны.',
      end,
    };
  return null;
}
