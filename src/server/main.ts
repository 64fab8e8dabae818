import { buildApp } from './app';
import { openDatabase } from './adapters/db/database';
import { ConfigError, loadConfig } from './config';
import { startWorkers } from './workers';
import type { GrammyTelegramBot } from './adapters/telegram/grammy-telegram-bot';

/** How long after listening the background workers start (see main). */
const WORKERS_START_DELAY_MS = 500;

/** Start-up failed: say why and stop with a failure code. */
const fail = (error: unknown) => {
  console.error(error);
  process.exit(1);
};

/** config → database → app → listen; SIGTERM/SIGINT close the server, then the database. */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const database = await openDatabase(
    config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir },
  );
  const { app, deps } = await buildApp({ config, database });
  // The job queue: payouts, SMS, and the nightly close where CLOSE_OF_BUSINESS is on (safe on many instances).
  let stopWorkers: () => Promise<void> = async () => undefined;
  let workersTimer: NodeJS.Timeout | undefined;
  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    clearTimeout(workersTimer);
    await stopWorkers();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void close('SIGTERM'));
  process.on('SIGINT', () => void close('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  // The background workers (jobs, the close's schedule) start a moment after the server answers: the first requests
  // of a restart (its health check among them) are served before the catch-up of due jobs takes the database (PGlite
  // runs on this thread), and nothing a request does waits for them (jobs are rows in the database; the workers pick
  // them up). A failure to start them stops the process, as before.
  await new Promise<void>((resolve) => {
    workersTimer = setTimeout(() => {
      if (closing) return resolve();
      startWorkers(deps).then((stop) => {
        stopWorkers = stop;
        // A signal that came while they were starting found nothing to stop yet.
        if (closing) void stop();
        resolve();
      }, fail);
    }, WORKERS_START_DELAY_MS);
  });
  // TELEGRAM_SET_WEBHOOK: tell the Bot API where to post updates (idempotent; every instance may do it).
  if (config.telegram.setWebhook && deps.telegram?.provider === 'grammy' && config.publicUrl) {
    const url = new URL('/api/webhooks/telegram', config.publicUrl).toString();
    await (deps.telegram as GrammyTelegramBot)
      .setWebhook(url, config.telegram.webhookSecret)
      .then(() => app.log.info({ url }, 'Telegram webhook set'))
      .catch((error: unknown) => app.log.error({ err: error }, 'Telegram webhook not set'));
  }
  app.log.info(
    { database: database.kind, demo: config.demo, url: `http://${config.host}:${config.port}` },
    config.demo ? 'Личный кабинет запущен (демо-режим)' : 'Личный кабинет запущен',
  );
}

main().catch(fail);
