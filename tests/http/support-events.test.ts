import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffClient } from '../support/staff';
import { registerBorrower, startTestApp, TestClient, type TestApp } from '../support/test-app';

/** Reads a Server-Sent Events stream, collecting `event: name` + data lines. */
function readEvents(response: Response) {
  const events: { event: string; data: string }[] = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: ?(.*)$/m.exec(block)?.[1] ?? 'message';
        const data = /^data: ?(.*)$/m.exec(block)?.[1] ?? '';
        if (!block.startsWith(':')) events.push({ event, data });
      }
    }
  })();
  return {
    events,
    cancel: () => reader.cancel().catch(() => undefined),
    waitFor: async (predicate: (e: { event: string; data: string }) => boolean, ms = 5000) => {
      const until = Date.now() + ms;
      while (Date.now() < until) {
        const found = events.find(predicate);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`no such event within ${ms} ms; got ${JSON.stringify(events)}`);
    },
  };
}

const cookieOf = (client: TestClient) =>
  [...(client['cookies'] as Map<string, string>)].map(([k, v]) => `${k}=${v}`).join('; ');

describe('live delivery of support events (SSE through route(), ids only)', () => {
  let t: TestApp;
  let base = '';
  beforeAll(async () => {
    t = await startTestApp({
      env: {
        SUPPORT_POLL_MS: '100',
        SUPPORT_STREAM_SESSION_CHECK_MS: '100',
        STORAGE_DIR: mkdtempSync(join(tmpdir(), 'support-sse-')),
      },
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());

  it("a borrower's open stream hears of a specialist's answer; another borrower's stream does not", async () => {
    const a = new TestClient(t.app, '198.51.100.81');
    await registerBorrower(a, t.deps);
    const b = new TestClient(t.app, '198.51.100.82');
    await registerBorrower(b, t.deps);
    const asked = (await a.post('/api/me/support', { topic: 'payment', text: 'Где мой платёж?' })).json();

    const open = (client: TestClient, path: string) =>
      fetch(`${base}${path}`, { headers: { cookie: cookieOf(client), accept: 'text/event-stream' } });
    const guest = await fetch(`${base}/api/me/support-events`, { headers: { accept: 'text/event-stream' } });
    expect(guest.status).toBe(401);

    const streamA = await open(a, '/api/me/support-events');
    expect(streamA.status).toBe(200);
    expect(streamA.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const eventsA = readEvents(streamA);
    const eventsB = readEvents(await open(b, '/api/me/support-events'));
    const specialist = await staffClient(t, 'specialist');
    const desk = readEvents(await open(specialist.client, '/api/backoffice/support/events'));
    await eventsA.waitFor((e) => e.event === 'ready');
    await eventsB.waitFor((e) => e.event === 'ready');
    await desk.waitFor((e) => e.event === 'ready');

    t.clock.advance(1000);
    const answered = await specialist.client.post(
      `/api/backoffice/support/conversations/${asked.id}/messages`,
      {
        text: 'Зачислен',
        internal: false,
      },
    );
    expect(answered.statusCode, answered.body).toBe(200);
    const heard = await eventsA.waitFor((e) => e.event === 'conversation');
    expect(JSON.parse(heard.data)).toEqual({ conversationId: asked.id });
    await desk.waitFor((e) => e.event === 'conversation' && e.data.includes(asked.id));
    // The event carries only the id: the borrower reads the answer through the ordinary endpoint.
    expect((await a.get(`/api/me/support/${asked.id}`)).json().messages.at(-1).text).toBe('Зачислен');
    await new Promise((r) => setTimeout(r, 300));
    expect(eventsB.events.filter((e) => e.event === 'conversation')).toEqual([]);
    await Promise.all([eventsA.cancel(), eventsB.cancel(), desk.cancel()]);
  });

  it('a staff member without support.answer cannot open the desk stream', async () => {
    const admin = await staffClient(t, 'admin');
    const answer = await fetch(`${base}/api/backoffice/support/events`, {
      headers: { cookie: cookieOf(admin.client), accept: 'text/event-stream' },
    });
    expect(answer.status).toBe(403);
    await answer.body?.cancel();
  });

  it('an open stream ends with its session: a specialist signing out, a borrower signing out', async () => {
    const specialist = await staffClient(t, 'specialist');
    const open = (client: TestClient, path: string) =>
      fetch(`${base}${path}`, { headers: { cookie: cookieOf(client), accept: 'text/event-stream' } });
    const desk = readEvents(await open(specialist.client, '/api/backoffice/support/events'));
    await desk.waitFor((e) => e.event === 'ready');
    expect((await specialist.client.post('/api/backoffice/sign-out')).statusCode).toBeLessThan(300);
    await desk.waitFor((e) => e.event === 'session-ended');

    const borrower = new TestClient(t.app, '198.51.100.150');
    await registerBorrower(borrower, t.deps);
    const mine = readEvents(await open(borrower, '/api/me/support-events'));
    await mine.waitFor((e) => e.event === 'ready');
    expect((await borrower.post('/api/auth/logout')).statusCode).toBe(200);
    await mine.waitFor((e) => e.event === 'session-ended');
    await Promise.all([desk.cancel(), mine.cancel()]);
  });

  it('a stream whose staff session idles out ends too (the stream itself does not keep the session alive)', async () => {
    const specialist = await staffClient(t, 'specialist');
    const desk = readEvents(
      await fetch(`${base}/api/backoffice/support/events`, {
        headers: { cookie: cookieOf(specialist.client), accept: 'text/event-stream' },
      }),
    );
    await desk.waitFor((e) => e.event === 'ready');
    t.clock.advance(t.deps.config.staffSession.idleMs + 1_000);
    await desk.waitFor((e) => e.event === 'session-ended');
    await desk.cancel();
  });
});
