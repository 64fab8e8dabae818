import type { Deps } from '../deps';

/**
 * Runs `pass` every `intervalMs` (the first time at once when `immediately`), one pass at a time, until the
 * returned stop function is called; stop waits for the pass in progress. A failing pass is logged, never fatal:
 * the work lives in the database, so the next pass picks it up.
 */
export function runPeriodically(
  deps: Pick<Deps, 'log'>,
  name: string,
  pass: () => Promise<unknown>,
  intervalMs: number,
  immediately = false,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running.then(pass).catch((error) => deps.log.error({ err: error }, name));
  };
  if (immediately) tick();
  const timer = setInterval(tick, intervalMs);
  return async () => {
    clearInterval(timer);
    await running;
  };
}
