import { bigint, customType, timestamp } from 'drizzle-orm/pg-core';

/** Column kinds every schema file uses: instants are UTC timestamps, money is bigint kopecks. */
export const instant = (name: string) => timestamp(name, { withTimezone: true });
export const createdAt = () => instant('created_at').notNull().defaultNow();
export const kopecks = (name: string) => bigint(name, { mode: 'bigint' });
export const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
