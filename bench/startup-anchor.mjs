// The start-up anchor: bare Fastify 5 + PGlite on an existing data folder, healthy once `select 1` answers.
// Plain JavaScript, run by node itself (no TypeScript loader), like the compiled server. DATA_DIR and PORT as the app.
import { PGlite } from '@electric-sql/pglite';
import Fastify from 'fastify';

const db = new PGlite(process.env.DATA_DIR);
await db.query('select 1');
const app = Fastify();
app.get('/api/health', async () => (await db.query('select 1 as ok')).rows[0]);
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
const stop = async () => {
  await app.close();
  await db.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
