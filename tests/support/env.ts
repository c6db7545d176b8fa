/** Which database this run is on; the orchestrator (tests/run.mjs) sets DATABASE_URL for the PostgreSQL pass. */
import { describe } from 'vitest'

export const onPostgres = Boolean(process.env.DATABASE_URL)
export const inCi = process.env.CI === 'true' || process.env.CI === '1'

/**
 * Concurrency suites run on a real PostgreSQL server only: PGlite is one connection, so races
 * cannot show there. The PGlite pass skips them; the PostgreSQL pass (mandatory under CI=true,
 * see tests/run.mjs) runs them.
 */
export const describeOnPostgres: typeof describe = ((name: string, fn: () => void) =>
  describe.skipIf(!onPostgres)(name, fn)) as typeof describe
