import type { Clock } from '../domain/calendar';

/** A clock the demo (and tests) can move forward: the business date follows it. */
export interface MovableClock extends Clock {
  advance(ms: number): void;
}

export const isMovable = (clock: Clock): clock is MovableClock =>
  typeof (clock as Partial<MovableClock>).advance === 'function';

/** The demo's clock: real time plus an offset the developer page moves (never used in production). */
export class DemoClock implements MovableClock {
  private offsetMs = 0;
  now = () => new Date(Date.now() + this.offsetMs);
  /** Real time without the offset (TOTP codes follow the phone's clock, not the demo's business date). */
  wallNow = () => new Date(Date.now());
  advance(ms: number) {
    this.offsetMs += ms;
  }
}
