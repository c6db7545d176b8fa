/** The process: config → buildApp → listen; closes gracefully on SIGINT/SIGTERM. */
import { buildApp } from './app.ts'
import { ConfigError, loadConfig } from './config.ts'

async function main() {
  let config
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }
  const app = await buildApp({ config, jobs: { poll: true } })
  const close = async (signal: string) => {
    app.log.info({ signal }, 'closing')
    await app.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void close('SIGINT'))
  process.once('SIGTERM', () => void close('SIGTERM'))
  await app.listen({ host: config.host, port: config.port })
  app.log.info(
    `Linli is up on http://localhost:${config.port} (database: ${app.database.kind}${config.demo ? ', demo data' : ''})`,
  )
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
