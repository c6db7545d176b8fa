import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'
import { firstLoadBudget } from './build/budget.ts'

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // firstLoadBudget: the resident H5's first load is measured in every build; over budget fails it.
  plugins: [vue(), firstLoadBudget()],
  // vue-i18n's compile-time flags (its docs ask bundlers to set them): Composition API only, no
  // global <i18n-t>/v-t registration (I18nT is imported where used), no devtools in production.
  // The message compiler stays: precompiled messages (AST) would weigh more than it saves; see
  // docs/benchmarks.md, "Resident H5 first load".
  define: {
    __VUE_I18N_LEGACY_API__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  server: {
    port: 5173,
    proxy: {
      '/graphql': 'http://localhost:3000',
      '/files': 'http://localhost:3000',
      '/exports': 'http://localhost:3000',
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      treeshake: {
        // @linli/shared only defines values (codes, rules, zod schemas): importing one of them must
        // not bring the rest, and with them zod, into a page that needs none (the H5's first load).
        moduleSideEffects: [{ test: /[\\/]packages[\\/]shared[\\/]src[\\/]/, sideEffects: false }],
      },
    },
  },
})
