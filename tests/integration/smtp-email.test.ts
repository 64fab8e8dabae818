import { createHash } from 'node:crypto';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dataApi } from '../../src/contracts';
import { EmailSendError } from '../../src/server/adapters/email/email-port';
import { SmtpEmail } from '../../src/server/adapters/email/smtp-email';
import { freePort } from '../support/server-process';
import { clientsOf, registerBorrower, useTestApp } from '../support/test-app';

/**
 * A local stand-in for the lender's mail server (smtp-server, from Nodemailer's authors): it asks for a login, keeps
 * every letter it accepts, and refuses a recipient when the test says so — with a permanent 550 or a temporary 451,
 * as RFC 5321 § 4.2 has them.
 */
const USER = 'lk-mailer';
const PASSWORD = 'p@ss:word';
const received: { to: string[]; mail: ParsedMail }[] = [];
const refusals = new Map<string, 550 | 451>();
let mailServer: SMTPServer;
let smtpUrl: string;

beforeAll(async () => {
  mailServer = new SMTPServer({
    // Plain SMTP on 127.0.0.1: no STARTTLS to offer, and the login allowed without it.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASSWORD) callback(null, { user: USER });
      else callback(Object.assign(new Error('Неверный логин или пароль'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      const refusal = refusals.get(address.address);
      if (!refusal) return callback();
      callback(Object.assign(new Error(`Mailbox ${address.address} refused`), { responseCode: refusal }));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => mailServer.listen(0, '127.0.0.1', resolve));
  const { port } = mailServer.server.address() as AddressInfo;
  smtpUrl = `smtp://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}`;
});
afterAll(() => new Promise<void>((resolve) => mailServer.close(resolve)));
beforeEach(() => {
  received.length = 0;
  refusals.clear();
});

const FROM = 'Смсфинанс <noreply@example.ru>';
const failureOf = (send: Promise<void>) =>
  send.then(
    () => {
      throw new Error('the letter was sent');
    },
    (error: unknown) => error,
  );

describe('SmtpEmail (the SMTP adapter of the e-mail port)', () => {
  it('delivers a plain-text letter with a Cyrillic subject and sender and a PDF attached, byte for byte', async () => {
    const pdf = Buffer.from('%PDF-1.7\n% подтверждение\n%%EOF\n');
    await new SmtpEmail({ url: smtpUrl, from: FROM }).send({
      to: 'maria@example.ru',
      subject: 'Смсфинанс: подтверждение прекращения отношений',
      text: 'Отношения с компанией прекращены. Подтверждение — во вложении (PDF).',
      attachments: [{ filename: 'подтверждение.pdf', contentType: 'application/pdf', content: pdf }],
    });
    expect(received).toHaveLength(1);
    const [{ to, mail }] = received as [(typeof received)[number]];
    expect(to).toEqual(['maria@example.ru']);
    expect(mail.subject).toBe('Смсфинанс: подтверждение прекращения отношений');
    expect(mail.from?.value).toEqual([{ name: 'Смсфинанс', address: 'noreply@example.ru' }]);
    expect(mail.text?.trim()).toBe('Отношения с компанией прекращены. Подтверждение — во вложении (PDF).');
    expect(mail.attachments).toHaveLength(1);
    const [attachment] = mail.attachments;
    expect(attachment).toMatchObject({ filename: 'подтверждение.pdf', contentType: 'application/pdf' });
    expect(createHash('sha256').update(attachment!.content).digest('hex')).toBe(
      createHash('sha256').update(pdf).digest('hex'),
    );
  });

  it('a mailbox refused for good (550) is not retryable; a temporary refusal (451) is', async () => {
    const mailer = new SmtpEmail({ url: smtpUrl, from: FROM });
    refusals.set('nobody@example.ru', 550);
    refusals.set('busy@example.ru', 451);
    const permanent = await failureOf(mailer.send({ to: 'nobody@example.ru', subject: 'Код', text: '1' }));
    expect(permanent).toBeInstanceOf(EmailSendError);
    expect(permanent).toMatchObject({ retryable: false, provider: 'smtp' });
    expect((permanent as Error).message).toContain('SMTP 550');
    const temporary = await failureOf(mailer.send({ to: 'busy@example.ru', subject: 'Код', text: '1' }));
    expect(temporary).toMatchObject({ retryable: true, provider: 'smtp' });
    expect(received).toHaveLength(0);
  });

  it('a wrong password is refused (535), not retried; an unreachable server or one that never greets is retryable', async () => {
    const wrongLogin = smtpUrl.replace(encodeURIComponent(PASSWORD), 'wrong');
    const refused = await failureOf(
      new SmtpEmail({ url: wrongLogin, from: FROM }).send({ to: 'a@example.ru', subject: 'Код', text: '1' }),
    );
    expect(refused).toMatchObject({ name: 'EmailSendError', retryable: false });

    const closed = `smtp://127.0.0.1:${await freePort()}`;
    const unreachable = await failureOf(
      new SmtpEmail({ url: closed, from: FROM }).send({ to: 'a@example.ru', subject: 'Код', text: '1' }),
    );
    expect(unreachable).toMatchObject({ name: 'EmailSendError', retryable: true });

    // A server that takes the connection and says nothing: the adapter gives up after its timeout.
    const silent: TcpServer = createTcpServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const url = `smtp://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const started = Date.now();
      const timedOut = await failureOf(
        new SmtpEmail({ url, from: FROM, timeoutMs: 300 }).send({
          to: 'a@example.ru',
          subject: 'Код',
          text: '1',
        }),
      );
      expect(timedOut).toMatchObject({ name: 'EmailSendError', retryable: true });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      silent.close();
    }
  });
});

describe("the borrower's e-mail confirmation through SMTP", () => {
  const t = useTestApp({
    env: { EMAIL_PROVIDER: 'smtp', SMTP_URL: 'smtp://127.0.0.1:1', EMAIL_FROM: FROM },
  });
  const client = clientsOf(t, '198.51.100');
  // The app is configured before the stand-in's port is known: point the adapter at it once both are up.
  beforeAll(() => {
    t.deps.email = new SmtpEmail({ url: smtpUrl, from: FROM });
  });
  const codeIn = (mail: ParsedMail) => /Код подтверждения: (\d{6})/.exec(mail.text ?? '')?.[1];

  it('sends the code in a letter from the lender; the address is the borrower’s once confirmed', async () => {
    const c = client();
    await registerBorrower(c, t.deps);
    const sent = await c.post(dataApi.requestEmailCode.path, { email: 'maria.smtp@example.ru' });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(['maria.smtp@example.ru']);
    expect(received[0]!.mail.subject).toMatch(/^Подтверждение почты в личном кабинете /);
    const confirmed = await c.post(dataApi.confirmEmail.path, { code: codeIn(received[0]!.mail) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ email: 'maria.smtp@example.ru', emailPending: null });
  });

  it('an address the server refuses answers 422 EMAIL_ADDRESS_REFUSED, a server down 503 EMAIL_SEND_FAILED; neither keeps a code nor makes the borrower wait', async () => {
    const c = client();
    await registerBorrower(c, t.deps);
    refusals.set('typo@exmaple.ru', 550);
    const refused = await c.post(dataApi.requestEmailCode.path, { email: 'typo@exmaple.ru' });
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({
      code: 'EMAIL_ADDRESS_REFUSED',
      detail: 'Почтовый сервер не принял письмо на этот адрес. Проверьте адрес или укажите другой',
    });
    expect((await c.get(dataApi.personalData.path)).json()).toMatchObject({
      email: null,
      emailPending: null,
    });

    const working = t.deps.email;
    t.deps.email = new SmtpEmail({ url: `smtp://127.0.0.1:${await freePort()}`, from: FROM });
    try {
      const down = await c.post(dataApi.requestEmailCode.path, { email: 'maria.down@example.ru' });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toMatchObject({
        code: 'EMAIL_SEND_FAILED',
        detail: 'Не удалось отправить письмо. Попробуйте ещё раз через несколько минут',
      });
    } finally {
      t.deps.email = working;
    }
    // Right away, no minute's pause: nothing was sent.
    const again = await c.post(dataApi.requestEmailCode.path, { email: 'maria.fixed@example.ru' });
    expect(again.statusCode, again.body).toBe(200);
    expect(received.map((r) => r.to)).toEqual([['maria.fixed@example.ru']]);
  });
});
