/**
 * The API explorer: GraphiQL (React, Monaco) built into explorer/dist and served by the API
 * process at /graphiql outside production. Every asset is bundled here: nothing loads from a CDN.
 */
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/graphiql/',
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Monaco is one large chunk by design; it is a developer tool, not part of the app.
    chunkSizeWarningLimit: 8000,
    rolldownOptions: {
      // framer-motion's "use client" directives mean nothing outside React Server Components.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning)
      },
    },
  },
})
