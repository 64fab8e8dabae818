import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmsSendError } from '../../src/server/adapters/sms/sms-port';
import { SmsRuSms } from '../../src/server/adapters/sms/smsru-sms';

/** A local stand-in for SMS.ru that answers as the provider's API reference says. */
let server: Server;
let baseUrl: string;
const received: URLSearchParams[] = [];
let answer: (form: URLSearchParams) => { status: number; body: unknown };

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => resolve(data));
  });

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const form = new URLSearchParams(await readBody(req));
    received.push(form);
    const { status, body } = req.url === '/sms/send' ? answer(form) : { status: 404, body: {} };
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const accepted = (to: string) => ({
  status: 200,
  body: {
    status: 'OK',
    status_code: 100,
    sms: { [to]: { status: 'OK', status_code: 100, sms_id: '000000-10000001' } },
    balance: 100.5,
  },
});

describe('SMS.ru adapter', () => {
  it('sends with api_id, the number without +, the text and json=1; returns the message id', async () => {
    answer = (form) => accepted(form.get('to')!);
    const sms = new SmsRuSms({ apiId: 'secret-id', baseUrl, sender: 'MFO' });
    const result = await sms.send({ phone: '+79123456789', text: '123456 — код для входа' });
    expect(result).toEqual({ providerMessageId: '000000-10000001' });
    const form = received.at(-1)!;
    expect(Object.fromEntries(form)).toEqual({
      api_id: 'secret-id',
      to: '79123456789',
      msg: '123456 — код для входа',
      json: '1',
      from: 'MFO',
    });
  });

  it.each([
    [
      'a refused request',
      { status: 200, body: { status: 'ERROR', status_code: 200, status_text: 'Неправильный api_id' } },
      false,
    ],
    [
      'a refused message',
      {
        status: 200,
        body: {
          status: 'OK',
          status_code: 100,
          sms: { '79123456789': { status: 'ERROR', status_code: 207 } },
        },
      },
      false,
    ],
    ['a server error', { status: 502, body: {} }, true],
    ['an unknown answer', { status: 200, body: { hello: 'world' } }, true],
  ])('throws SmsSendError on %s', async (_name, reply, retryable) => {
    answer = () => reply;
    const sms = new SmsRuSms({ apiId: 'secret-id', baseUrl });
    const error = await sms.send({ phone: '+79123456789', text: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsSendError);
    expect((error as SmsSendError).retryable).toBe(retryable);
  });

  it('throws a retryable SmsSendError when the gateway cannot be reached', async () => {
    const sms = new SmsRuSms({ apiId: 'x', baseUrl: 'http://127.0.0.1:1', timeoutMs: 2000 });
    const error = await sms.send({ phone: '+79123456789', text: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ retryable: true });
  });
});
