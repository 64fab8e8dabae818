import type { Clock } from '../../../domain/calendar';
import type { Database } from '../../adapters/db/database';
import { conversationsChangedSince, SUPPORT_CHANNEL } from './support-repository';

/**
 * A change of a conversation, ids only (the client reads the rest, so nothing private crosses the event bus).
 * `null` ids: events may have been missed (the listener reconnected) — every client should catch up.
 */
export type SupportEvent =
  { conversationId: string; borrowerId: string } | { conversationId: null; borrowerId: null };

type Listener = (event: SupportEvent) => void;

/** How far back each poll looks again (a transaction may commit a little after its timestamp). */
const POLL_OVERLAP_MS = 5_000;

/**
 * Live events of support conversations for this API instance's open streams. Across instances they travel through
 * PostgreSQL NOTIFY (sent in the same transaction as the change, so only committed changes are announced) and one
 * LISTEN connection per instance; on PGlite (one process) the hub polls `updated_at` every SUPPORT_POLL_MS. The
 * source runs only while someone listens. Events are hints: a client re-reads from the database on each one and
 * after every reconnect, so a lost event loses nothing.
 */
export class SupportEventHub {
  private readonly listeners = new Set<Listener>();
  private stop: (() => Promise<void>) | undefined;
  private starting: Promise<void> | undefined;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly pollMs: number,
  ) {}

  /** Adds a listener (starting the source if it is the first); returns the function that removes it. */
  async subscribe(listener: Listener): Promise<() => void> {
    this.listeners.add(listener);
    if (!this.stop) {
      this.starting ??= this.startSource().finally(() => (this.starting = undefined));
      await this.starting;
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.stop) {
        const stop = this.stop;
        this.stop = undefined;
        void stop();
      }
    };
  }

  /** Stops the source (the app is closing). */
  async close(): Promise<void> {
    this.listeners.clear();
    const stop = this.stop;
    this.stop = undefined;
    await stop?.();
  }

  private emit(event: SupportEvent) {
    for (const listener of this.listeners) listener(event);
  }

  private async startSource(): Promise<void> {
    if (this.database.listen) {
      this.stop = await this.database.listen(
        SUPPORT_CHANNEL,
        (payload) => {
          const [conversationId, borrowerId] = payload.split(':');
          if (conversationId && borrowerId) this.emit({ conversationId, borrowerId });
        },
        () => this.emit({ conversationId: null, borrowerId: null }),
      );
      return;
    }
    this.stop = this.startPolling();
  }

  private startPolling(): () => Promise<void> {
    const seen = new Map<string, { at: number; version: number }>();
    let since = this.clock.now().getTime();
    let running = false;
    const timer = setInterval(async () => {
      if (running) return;
      running = true;
      try {
        const rows = await conversationsChangedSince(this.database.db, new Date(since - POLL_OVERLAP_MS));
        for (const row of rows) {
          const at = row.changedAt.getTime();
          if (seen.get(row.conversationId)?.version === row.version) continue;
          seen.set(row.conversationId, { at, version: row.version });
          since = Math.max(since, at);
          this.emit({ conversationId: row.conversationId, borrowerId: row.borrowerId });
        }
        for (const [id, { at }] of seen) if (at < since - 2 * POLL_OVERLAP_MS) seen.delete(id);
      } catch {
        // The next tick tries again; clients also catch up on their own.
      } finally {
        running = false;
      }
    }, this.pollMs);
    timer.unref();
    return async () => clearInterval(timer);
  }
}
