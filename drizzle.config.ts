import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/adapters/db/schema*.ts',
  out: './drizzle',
});
