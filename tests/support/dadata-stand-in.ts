import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the stand-in received: the path, the Authorization header and the JSON body. */
export type DaDataRequest = { url: string; authorization: string | undefined; body: unknown };

/**
 * A local stand-in for DaData's address suggestions (`POST /suggestions/api/4_1/rs/suggest/address`): it records
 * each request and answers with what `answer` returns (by default, one suggestion shaped as DaData documents it:
 * a flat in a Kazan house).
 */
export function dadataStandIn() {
  const requests: DaDataRequest[] = [];
  let answer: (request: DaDataRequest) => { status: number; body: unknown } = () => ({
    status: 200,
    body: { suggestions: [KAZAN_FLAT] },
  });
  const server: Server = createServer((req: IncomingMessage, res) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => {
      const request = {
        url: req.url ?? '',
        authorization: req.headers.authorization,
        body: data ? (JSON.parse(data) as unknown) : null,
      };
      requests.push(request);
      const { status, body } =
        request.url === '/suggestions/api/4_1/rs/suggest/address'
          ? answer(request)
          : { status: 404, body: {} };
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  return {
    requests,
    answerWith: (fn: typeof answer) => void (answer = fn),
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        ),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A suggestion as DaData returns it (fields trimmed to a realistic subset; the rest are null in DaData too). */
export const KAZAN_FLAT = {
  value: 'г Казань, ул Баумана, д 5, кв 12',
  unrestricted_value: '420111, Респ Татарстан, г Казань, Вахитовский р-н, ул Баумана, д 5, кв 12',
  data: {
    postal_code: '420111',
    country: 'Россия',
    region_with_type: 'Респ Татарстан',
    region: 'Татарстан',
    city_with_type: 'г Казань',
    city: 'Казань',
    settlement_with_type: null,
    street_with_type: 'ул Баумана',
    house_type: 'д',
    house: '5',
    block_type: null,
    block: null,
    flat_type: 'кв',
    flat: '12',
    fias_id: '5f0a1b2c-0000-4000-8000-000000000012',
    fias_level: '9',
  },
};
