import { buildApp } from './app';
import { openDatabase } from './adapters/db/database';
import { ConfigError, loadConfig } from './config';
import { startPayoutWorker } from './modules/lending/process-payouts';
import { startCloseOfBusinessWorker } from './modules/servicing/close-business-day';
import { startMessageWorker } from './modules/messaging/notify-borrower';

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
  // The payout queue lives in the database; every instance may run this worker (claims use SKIP LOCKED).
  const stopPayouts = startPayoutWorker(deps);
  // The nightly close (safe with many instances: loans are claimed with SKIP LOCKED) and the SMS queue.
  const stopClose = config.servicing.closeOfBusiness
    ? startCloseOfBusinessWorker(deps)
    : async () => undefined;
  const stopMessages = startMessageWorker(deps);
  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await Promise.all([stopPayouts(), stopClose(), stopMessages()]);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void close('SIGTERM'));
  process.on('SIGINT', () => void close('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { database: database.kind, demo: config.demo, url: `http://${config.host}:${config.port}` },
    config.demo ? 'Личный кабинет запущен (демо-режим)' : 'Личный кабинет запущен',
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
