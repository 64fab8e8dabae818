import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

// The web app lives in src/web and is built into dist/web, which the API server serves in one process. Every asset
// is also written precompressed (.br, .gz): the server sends those with the right Content-Encoding.
export default defineConfig({
  root: 'src/web',
  plugins: [
    react(),
    compression({
      algorithms: [defineAlgorithm('brotliCompress'), defineAlgorithm('gzip')],
      threshold: 1024,
    }),
  ],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
    // Two entries of one build: the borrower's site and the back office (its own chunks, never loaded by borrowers).
    rollupOptions: { input: { index: 'src/web/index.html', backoffice: 'src/web/backoffice.html' } },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
