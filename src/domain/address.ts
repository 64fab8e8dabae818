/**
 * A Russian postal address as a borrower gives it (a passport's «место жительства» stamp, or where they live):
 * parts as the address service (ФИАС/ГАР through a suggestion API) names them, plus the text printed on documents.
 */
export type AddressParts = {
  /** Six digits («123456»), or null when unknown. */
  postalCode: string | null;
  /** «г Москва», «Респ Татарстан», «Московская обл». */
  region: string;
  /** The city or settlement with its type: «г Казань», «пгт Октябрьский», «с Ильинское». */
  city: string;
  /** The street with its type («ул Тверская»), or null where houses have no street (a village). */
  street: string | null;
  /** The house with building and structure as written: «12», «12 к 1», «5А стр 2». */
  house: string;
  /** The flat («кв 45»: only the number here), or null for a private house. */
  flat: string | null;
  /** The borrower says the house has no flats («частный дом»), or the address service knows it has none. */
  privateHouse: boolean;
};

/** A field of an address that is wrong, with a message to show (Russian). */
export type AddressProblem = {
  field: 'postalCode' | 'region' | 'city' | 'street' | 'house' | 'flat';
  message: string;
};

const filled = (s: string | null | undefined) => typeof s === 'string' && s.trim() !== '';

/**
 * Checks an address before it is stored: a region, a city (or settlement) and a house are required; a flat is
 * required unless the house is private (ticked «частный дом», or the suggestion said so) and is refused for a
 * private house; the postal code, when given, is six digits. Returns every problem (empty when valid).
 */
export function validateAddress(a: AddressParts): AddressProblem[] {
  const problems: AddressProblem[] = [];
  if (a.postalCode !== null && !/^\d{6}$/.test(a.postalCode))
    problems.push({ field: 'postalCode', message: 'Индекс — 6 цифр' });
  if (!filled(a.region)) problems.push({ field: 'region', message: 'Укажите регион' });
  if (!filled(a.city)) problems.push({ field: 'city', message: 'Укажите город или населённый пункт' });
  if (!filled(a.house)) problems.push({ field: 'house', message: 'Укажите номер дома' });
  if (a.privateHouse && filled(a.flat))
    problems.push({ field: 'flat', message: 'В частном доме нет квартир: уберите номер квартиры' });
  if (!a.privateHouse && !filled(a.flat))
    problems.push({ field: 'flat', message: 'Укажите номер квартиры или отметьте «частный дом»' });
  return problems;
}

/**
 * The address as one line, the way Russian documents print it: «420111, Респ Татарстан, г Казань, ул Баумана,
 * д 5, кв 12». The region is left out when it is the city itself (Moscow, St Petersburg, Sevastopol).
 */
export function formatAddress(a: AddressParts): string {
  const region = a.region.trim();
  const city = a.city.trim();
  const parts = [
    a.postalCode,
    region && region !== city ? region : null,
    city,
    a.street?.trim() || null,
    `д ${a.house.trim()}`,
    filled(a.flat) && !a.privateHouse ? `кв ${a.flat?.trim()}` : null,
  ];
  return parts.filter((p): p is string => filled(p)).join(', ');
}
