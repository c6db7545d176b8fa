import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { useAuthStore } from './features/auth/store.ts'
import { createApi, setApi } from './graphql/client.ts'
import { loadConsoleMessages } from './i18n/console.ts'
import { i18n, localeReady } from './i18n/index.ts'
import { createAppRouter } from './router.ts'
import './styles.css'
import './ui/theme.ts'

const app = createApp(App)
const pinia = createPinia()
const router = createAppRouter()

setApi(
  createApi({
    onSignedOut(code) {
      useAuthStore(pinia).endSession(code)
      if (router.currentRoute.value.name !== 'login') void router.replace({ name: 'login' })
    },
  }),
)

// A console page is shown once the console's own messages are here (they are not in the H5's first load).
router.beforeResolve(async (to) => {
  if (to.meta.face === 'console') await loadConsoleMessages()
})

app.use(pinia).use(i18n).use(router)
// Mounted once the remembered language's messages are there (English is fetched on demand).
void localeReady.then(() => app.mount('#app'))
