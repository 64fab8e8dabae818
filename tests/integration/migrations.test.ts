import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../../src/server/adapters/db/database';

describe('migrations', () => {
  it('the committed migrations match the Drizzle schema (no drift)', () => {
    const out = mkdtempSync(join(tmpdir(), 'lk-drift-'));
    try {
      cpSync(MIGRATIONS_FOLDER, out, { recursive: true });
      const before = readdirSync(out).filter((f) => f.endsWith('.sql'));
      // drizzle-kit prefixes --out with './', so it must be relative.
      const output = execFileSync(
        'npx',
        [
          'drizzle-kit',
          'generate',
          '--dialect',
          'postgresql',
          '--schema',
          './src/server/adapters/db/schema*.ts',
          '--out',
          relative(process.cwd(), out),
          '--name',
          'drift',
        ],
        { stdio: 'pipe', encoding: 'utf8' },
      );
      const after = readdirSync(out).filter((f) => f.endsWith('.sql'));
      expect(after, 'schema.ts changed without a migration: run npm run db:generate').toEqual(before);
      expect(output).toContain('No schema changes');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
