import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for YooKassa payments with one payment, `pay-0001` (1 000 ₽): POST answers "pending", GET answers
 * "succeeded" — except, with `holdFirstGet`, the first GET, which it accepts and never answers (the server that asked
 * is killed while it waits; `firstGet` resolves when it arrives).
 */
export function yookassaPaymentStandIn(options: { holdFirstGet: boolean }) {
  const gets: string[] = [];
  const hanging: ServerResponse[] = [];
  let received: () => void = () => undefined;
  const firstGet = new Promise<void>((resolve) => (received = resolve));
  const payment = (status: string) => ({
    id: 'pay-0001',
    status,
    paid: status === 'succeeded',
    amount: { value: '1000.00', currency: 'RUB' },
    created_at: '2026-11-24T09:00:00.000Z',
    ...(status === 'succeeded' ? { captured_at: '2026-11-24T09:05:00.000Z' } : {}),
    confirmation: { type: 'redirect', confirmation_url: 'https://yoomoney.example/checkout' },
    metadata: {},
  });
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      if (req.method === 'GET' && req.url === '/v3/payments/pay-0001') {
        gets.push(req.url);
        if (options.holdFirstGet && gets.length === 1) {
          hanging.push(res);
          received();
          return;
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payment(req.method === 'POST' ? 'pending' : 'succeeded')));
    });
  });
  return {
    gets,
    firstGet,
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        ),
      ),
    close: () => {
      for (const res of hanging) res.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
