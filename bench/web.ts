import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The JavaScript the first page load fetches, gzip-compressed: the entry script of dist/web/index.html plus every
 * chunk it modulepreloads, each gzipped at level 9 (as the precompressed .gz assets are served). Bytes per file and
 * the total; null when dist/web has not been built (`npm run build:web`).
 */
export function webInitialJs(
  webRoot = 'dist/web',
): { total: number; files: { file: string; gzip: number }[] } | null {
  const indexPath = join(webRoot, 'index.html');
  if (!existsSync(indexPath)) return null;
  const html = readFileSync(indexPath, 'utf8');
  const sources = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1]!);
  const files = [...new Set(sources)].map((src) => ({
    file: src,
    gzip: gzipSync(readFileSync(join(webRoot, src.replace(/^\//, ''))), { level: 9 }).length,
  }));
  return { total: files.reduce((sum, f) => sum + f.gzip, 0), files };
}
