import { formatAddress, type AddressParts } from '../../../domain/address';
import type { AddressSuggestPort, AddressSuggestion } from './address-port';

type Entry = AddressParts & { fiasId: string };

/**
 * A small built-in list of real-looking Russian addresses: houses with flats (the flat is left to the borrower)
 * and private houses. Invented data for the demo; no service is asked.
 */
const ADDRESSES: readonly Entry[] = [
  {
    postalCode: '125009',
    region: 'г Москва',
    city: 'г Москва',
    street: 'ул Тверская',
    house: '7',
    flat: null,
    privateHouse: false,
    fiasId: 'demo-0001',
  },
  {
    postalCode: '119019',
    region: 'г Москва',
    city: 'г Москва',
    street: 'ул Новый Арбат',
    house: '15',
    flat: null,
    privateHouse: false,
    fiasId: 'demo-0002',
  },
  {
    postalCode: '107589',
    region: 'г Москва',
    city: 'г Москва',
    street: 'ул Хабаровская',
    house: '2 к 1',
    flat: null,
    privateHouse: false,
    fiasId: 'demo-0003',
  },
  {
    postalCode: '191025',
    region: 'г Санкт-Петербург',
    city: 'г Санкт-Петербург',
    street: 'Невский пр-кт',
    house: '100',
    flat: null,
    privateHouse: false,
    fiasId: 'demo-0004',
  },
  {
    postalCode: '197101',
    region: 'г Санкт-Петербург',
    city: 'г Санкт-Петербург',
    street: 'ул Кронверкская',
    house: '23',
    flat: null,
    privateHouse: false,
    fiasId: 'demo-0005',
  },
  {
    postalCode: '420111',
    region: 'Респ Татарстан',
    city: 'г Казань',
    street: 'ул Баумана',
    house: '5',
    flat: null,
    privateHouse: false,
    fiasId: 'demo-0006',
  },
  {
    postalCode: '630099',
    region: 'Новосибирская обл',
    city: 'г Новосибирск',
    street: 'Красный пр-кт',
    house: '25',
    flat: null,
    privateHouse: false,
    fiasId: 'demo-0007',
  },
  {
    postalCode: '620014',
    region: 'Свердловская обл',
    city: 'г Екатеринбург',
    street: 'ул Малышева',
    house: '31А',
    flat: null,
    privateHouse: false,
    fiasId: 'demo-0008',
  },
  {
    postalCode: '603005',
    region: 'Нижегородская обл',
    city: 'г Нижний Новгород',
    street: 'ул Большая Покровская',
    house: '12',
    flat: null,
    privateHouse: false,
    fiasId: 'demo-0009',
  },
  {
    postalCode: '344002',
    region: 'Ростовская обл',
    city: 'г Ростов-на-Дону',
    street: 'ул Большая Садовая',
    house: '47',
    flat: null,
    privateHouse: false,
    fiasId: 'demo-0010',
  },
  {
    postalCode: '350000',
    region: 'Краснодарский край',
    city: 'г Краснодар',
    street: 'ул Красная',
    house: '109',
    flat: null,
    privateHouse: false,
    fiasId: 'demo-0011',
  },
  {
    postalCode: '443099',
    region: 'Самарская обл',
    city: 'г Самара',
    street: 'ул Куйбышева',
    house: '88',
    flat: null,
    privateHouse: false,
    fiasId: 'demo-0012',
  },
  {
    postalCode: '141701',
    region: 'Московская обл',
    city: 'г Долгопрудный',
    street: 'ул Первомайская',
    house: '3',
    flat: null,
    privateHouse: false,
    fiasId: 'demo-0013',
  },
  {
    postalCode: '143581',
    region: 'Московская обл',
    city: 'д Ильинское',
    street: 'ул Садовая',
    house: '14',
    flat: null,
    privateHouse: true,
    fiasId: 'demo-0014',
  },
  {
    postalCode: '422540',
    region: 'Респ Татарстан',
    city: 'с Верхний Услон',
    street: 'ул Медгородок',
    house: '9',
    flat: null,
    privateHouse: true,
    fiasId: 'demo-0015',
  },
  {
    postalCode: '390000',
    region: 'Рязанская обл',
    city: 'г Рязань',
    street: 'ул Почтовая',
    house: '54',
    flat: null,
    privateHouse: false,
    fiasId: 'demo-0016',
  },
];

const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(/[\s,.]+/)
    .filter((w) => w !== '');

/**
 * The demo address service: every word typed must begin a word of the address (so «моск тверс» finds «г Москва,
 * ул Тверская, д 7»). Records what it was asked, like the other fakes.
 */
export class FakeAddressSuggest implements AddressSuggestPort {
  readonly provider = 'fake';
  readonly queries: string[] = [];

  async suggest(query: string, count: number): Promise<AddressSuggestion[]> {
    this.queries.push(query);
    const typed = words(query);
    if (typed.length === 0) return [];
    return ADDRESSES.filter((a) => {
      const own = words(formatAddress(a));
      return typed.every((t) => own.some((w) => w.startsWith(t)));
    })
      .slice(0, count)
      .map(({ fiasId, privateHouse, ...parts }) => ({
        value: formatAddress({ ...parts, privateHouse }),
        parts,
        privateHouse: privateHouse ? true : null,
        fiasId,
      }));
  }
}
