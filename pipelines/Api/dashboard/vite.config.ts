/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API serves the built dashboard from Streams.Api/wwwroot at "/"; `npm run dev` proxies the
// API of a running `streams up` (STREAMS_URL, default http://127.0.0.1:8080).
const api = process.env.STREAMS_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: '../Streams.Api/wwwroot',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 400,
    rollupOptions: {
      output: {
        manualChunks: {
          react: ['react', 'react-dom', 'react-dom/client'],
          d3: ['d3-scale', 'd3-shape', 'd3-axis', 'd3-selection', 'd3-scale-chromatic', 'd3-array', 'd3-time-format'],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: api, ws: true, changeOrigin: true },
    },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'mock/**/*.test.ts'],
  },
});
