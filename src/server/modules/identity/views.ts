import type { z } from 'zod';
import type { Me, SessionView, ZPassportHistoryItem } from '../../../contracts';
import { maskPassport } from '../../../domain/person';
import type { FieldCipher } from '../../security/secrets';
import { openPassport } from './borrower-view';
import type { BorrowerRow, PassportHistoryRow } from './borrower-repository';
import type { SessionRow } from './session-repository';

/** What the borrower sees of themself: passport opened, dates 'YYYY-MM-DD', registeredAt an ISO instant. */
export function toMe(cipher: FieldCipher, row: BorrowerRow): Me {
  return {
    id: row.id,
    phone: row.phone,
    surname: row.surname,
    name: row.name,
    patronymic: row.patronymic,
    birthDate: row.birthDate,
    sex: row.sex,
    passport: {
      ...openPassport(cipher, row.passportEncrypted),
      issueDate: row.passportIssueDate,
      issuedBy: row.passportIssuedBy,
      divisionCode: row.passportDivisionCode,
    },
    registeredAt: row.createdAt.toISOString(),
  };
}

/** A former passport as listed to its owner: series and number masked. */
export function toPassportHistoryItem(
  cipher: FieldCipher,
  row: PassportHistoryRow,
  contracts: string[] = [],
): z.infer<typeof ZPassportHistoryItem> {
  const { series, number } = openPassport(cipher, row.passportEncrypted);
  return {
    seriesAndNumberMasked: maskPassport(series, number),
    fullName: row.fullName,
    contracts,
    issueDate: row.issueDate,
    validFrom: row.validFrom.toISOString(),
    replacedAt: row.replacedAt.toISOString(),
  };
}

/** A session in the borrower's list; `current` marks the one making the request. */
export function toSessionView(row: SessionRow, currentSessionId: string): SessionView {
  return {
    id: row.id,
    current: row.id === currentSessionId,
    device: describeDevice(row.userAgent),
    ip: row.ip,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    method: row.method,
  };
}

/** A readable device name from a User-Agent, without a parsing library: browser and OS families only. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return 'Неизвестное устройство';
  const browser =
    [/YaBrowser/, /Edg\//, /OPR\//, /Firefox\//, /Chrome\//, /Safari\//].find((r) => r.test(userAgent))
      ?.source ?? '';
  const names: Record<string, string> = {
    YaBrowser: 'Яндекс Браузер',
    'Edg\\/': 'Edge',
    'OPR\\/': 'Opera',
    'Firefox\\/': 'Firefox',
    'Chrome\\/': 'Chrome',
    'Safari\\/': 'Safari',
  };
  const os = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : '';
  const label = [names[browser], os].filter(Boolean).join(', ');
  return label || 'Другое устройство';
}
