import { createRequire } from 'node:module'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

// Node loads graphql's CommonJS build for both the server and Mercurius; Vite would pick its
// ESM build for our imports, and two copies of graphql refuse each other's types.
const graphqlCjs = createRequire(new URL('../server/package.json', import.meta.url)).resolve('graphql')

export default defineConfig({
  plugins: [vue()],
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlCjs }] },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['shared/**/*.test.ts', 'server/**/*.unit.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'web',
          include: ['web/**/*.test.ts'],
          exclude: ['web/e2e/**'],
          environment: 'happy-dom',
          setupFiles: ['web/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['server/**/*.test.ts'],
          // Files share one module graph per worker: every file still gets its own database and app.
          isolate: false,
          exclude: ['server/**/*.unit.test.ts'],
          environment: 'node',
          globalSetup: ['support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: { name: 'logs', include: ['logs/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['web/e2e/**/*.e2e.ts'],
          environment: 'node',
          globalSetup: ['support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
