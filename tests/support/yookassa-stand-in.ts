import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { AddressInfo } from 'node:net';
import { YooKassaPayments } from '../../src/server/adapters/payments/yookassa-payments';
import { freshDatabaseWithTarget, primaryBackend } from './databases';
import { borrowerWithLoan, startPayment } from './servicing';
import { TestClient, TestClock, startTestApp } from './test-app';

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

/**
 * Prepares a kill test: in this process, on the real time, a borrower with a paid-out loan starts a 1 000 ₽ payment
 * at the stand-in (`providerUrl`), in a database the server process can open (`dataDir` for PGlite). Returns them,
 * the server's environment for YooKassa acquiring at the stand-in, and `drop` for the database.
 */
export async function paymentStartedAtStandIn(dataDir: string, providerUrl: string) {
  const yookassa = { shopId: 'shop', secretKey: 'secret', baseUrl: providerUrl };
  const { database, env, drop } = await freshDatabaseWithTarget(primaryBackend(), dataDir);
  const t = await startTestApp({ database, clock: new TestClock(new Date()) });
  (t.deps as { acquiring: unknown }).acquiring = new YooKassaPayments(yookassa);
  const client = new TestClient(t.app);
  const { person, loan } = await borrowerWithLoan(t, client);
  const payment = await startPayment(client, loan.id, { purpose: 'custom', amount: '100000' });
  await t.app.close();
  await database.close();
  const serverEnv = {
    ...env,
    ACQUIRING_PROVIDER: 'yookassa',
    YOOKASSA_BASE_URL: providerUrl,
    YOOKASSA_SHOP_ID: yookassa.shopId,
    YOOKASSA_SHOP_SECRET_KEY: yookassa.secretKey,
  };
  return { person, loan, payment, env, serverEnv, drop };
}

/** A request as the YooKassa stand-in received it (the body parsed as JSON). */
export type StandInRequest = { method: string; url: string; headers: IncomingHttpHeaders; body: unknown };
/** The stand-in's answer: JSON, raw text (a broken body), or 'hang' (never answers: the client's timeout fires). */
export type StandInReply = { status: number; body: unknown } | { status: number; raw: string } | 'hang';

/** A YooKassa API v3 error body (`{ type: 'error', id, code, description }`) with its HTTP status. */
export const yookassaError = (status: number, code: string, description: string) => ({
  status,
  body: { type: 'error', id: 'err-1', code, description },
});

/**
 * A local stand-in server for one describe block of YooKassa adapter tests: started before all, closed after all;
 * `answer` is the provider's logic; each request is kept in `received` (cleared before each test), and `override`,
 * when set in a test, answers instead of `answer` (cleared before each test).
 */
export function useYooKassaStandIn(answer: (req: StandInRequest) => StandInReply) {
  let server: Server | undefined;
  const stand = {
    baseUrl: '',
    received: [] as StandInRequest[],
    override: undefined as ((req: StandInRequest) => StandInReply) | undefined,
  };
  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const text = await readBody(req);
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers };
      stand.received.push({ ...request, body: text ? JSON.parse(text) : undefined });
      const reply = (stand.override ?? answer)(stand.received.at(-1)!);
      if (reply === 'hang') return;
      if ('raw' in reply)
        return res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.raw);
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    stand.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server?.closeAllConnections();
        server?.close(() => resolve());
      }),
  );
  beforeEach(() => {
    stand.override = undefined;
    stand.received.length = 0;
  });
  return stand;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => resolve(data));
  });
