// Builds the server for production: src/server/main.ts and the npm packages it imports, bundled by esbuild into
// dist/server/main.js (plus one chunk per module loaded on demand: dist/server/chunks/). Node then reads a few files
// instead of resolving and compiling some 700 modules one by one: the restart to healthy is about a tenth of a second
// shorter (README «Performance»). Run by `npm start` and `npm run bench`.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

/**
 * Packages that stay in node_modules, imported at run time: each finds files beside its own code (a WebAssembly
 * binary, a native addon, fonts, AFM metrics, piscina's worker script) or is a build tool; pg is imported only when
 * PostgreSQL is configured, ioredis only with Redis, grammy only with a Telegram bot (their import() stays lazy
 * either way); zxcvbn is CommonJS imported on first use, whose exports only Node's own import() gives by name (a
 * bundle gives `default`).
 */
const EXTERNAL = [
  '@electric-sql/pglite',
  '@node-rs/argon2',
  'piscina',
  'pdfkit',
  'pdf-lib',
  '@expo-google-fonts/pt-sans',
  'svg-captcha',
  'pg',
  'pg-native',
  'ioredis',
  'grammy',
  '@zxcvbn-ts/core',
  '@zxcvbn-ts/language-common',
  'esbuild',
  'tsx',
];

rmSync('dist/server', { recursive: true, force: true });
await build({
  entryPoints: { main: 'src/server/main.ts' },
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir: 'dist/server',
  chunkNames: 'chunks/[name]-[hash]',
  external: EXTERNAL,
  sourcemap: true,
  // Less to read at every start; names stay (stack traces, and --enable-source-maps maps them to the sources).
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  // The CommonJS packages bundled here call require() for Node's own modules: an ES module has none of its own.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
