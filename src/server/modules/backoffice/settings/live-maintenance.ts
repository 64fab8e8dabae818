import type { Logger } from 'pino';
import type { Clock } from '../../../../domain/calendar';
import {
  maintenanceAt,
  type MaintenanceFloor,
  type MaintenanceNow,
  type MaintenanceSetting,
} from '../../../../domain/maintenance';
import type { Database } from '../../../adapters/db/database';
import { MAINTENANCE_CHANNEL, readMaintenance } from './maintenance-repository';

/** What routes and the status endpoint ask: maintenance as it stands now (no IO: answered from memory). */
export type MaintenanceState = {
  current(): MaintenanceNow;
  /** Reads the switch again now (after this instance changed it, or when notified). */
  refresh(): Promise<void>;
};

/** How often the switch is read again where no NOTIFY arrives (PGlite), and as a safety net on PostgreSQL. */
export type LiveMaintenanceOptions = { pollMs: number; safetyPollMs: number };

/**
 * The maintenance switch of this instance, kept live: read at start, then again on every PostgreSQL NOTIFY on
 * `site_maintenance` (within a second on every instance), or every `pollMs` on PGlite; on PostgreSQL also every
 * `safetyPollMs` in case a notification was lost. The floor (MAINTENANCE_MODE) is applied on every `current()`.
 */
export class LiveMaintenance implements MaintenanceState {
  private setting: MaintenanceSetting | undefined;
  private timer: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private reading: Promise<void> | undefined;

  constructor(
    private readonly database: Database,
    private readonly floor: MaintenanceFloor,
    private readonly clock: Clock,
    private readonly log: Pick<Logger, 'warn'>,
  ) {}

  current(): MaintenanceNow {
    return maintenanceAt(this.setting, this.floor, this.clock.now());
  }

  async refresh(): Promise<void> {
    // One read at a time; a notification during a read is answered by the read after it.
    const previous = this.reading ?? Promise.resolve();
    const next = previous.then(async () => {
      const row = await readMaintenance(this.database.db);
      this.setting = row && {
        enabled: row.enabled,
        scope: row.scope,
        message: row.message,
        startsAt: row.startsAt,
        plannedEnd: row.plannedEnd,
      };
    });
    this.reading = next.catch(() => undefined);
    return next;
  }

  /** Reads the switch and starts following it (LISTEN on PostgreSQL, polling on PGlite). */
  async start({ pollMs, safetyPollMs }: LiveMaintenanceOptions): Promise<void> {
    await this.refresh();
    const onChange = () =>
      void this.refresh().catch((error: unknown) =>
        this.log.warn({ err: error }, 'maintenance: the switch could not be read'),
      );
    if (this.database.listen)
      this.unlisten = await this.database.listen(MAINTENANCE_CHANNEL, onChange, onChange);
    this.timer = setInterval(onChange, this.database.listen ? safetyPollMs : pollMs);
    this.timer.unref();
  }

  /** Stops following the switch (the app closes). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.unlisten?.();
    await this.reading;
  }
}
