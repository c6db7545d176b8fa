/**
 * Generate the district (bench/district.ts) into the database at DATABASE_URL (a superuser's
 * connection: the load runs with triggers off), migrating it first.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/linli node --import tsx bench/generate-district.ts [scale]
 *
 * Scale 1 (the default) is the full district; 0.01 is a hundredth of it. The generated staff
 * sign in with the demo password: the district admin, street and community staff phones are printed.
 */
import { openDatabase } from '@linli/server/db'
import { DEMO_PASSWORD } from '@linli/server/demo'
import { hashPassword } from '@linli/server/passwords'
import { generateDistrict } from './district.ts'

const url = process.env.DATABASE_URL
if (!url) throw new Error('DATABASE_URL: the PostgreSQL database to fill (as its owner, a superuser)')
const scale = Number(process.argv[2] ?? 1)
const database = await openDatabase({ databaseUrl: url })
await database.migrate()
await database.close()
const district = await generateDistrict(url, {
  scale,
  passwordHash: await hashPassword(DEMO_PASSWORD),
  log: (line) => console.log(line),
})
console.log(`done in ${district.seconds.toFixed(0)} s`, district.counts)
console.log(`sign in (password ${DEMO_PASSWORD}):`, district.phones)
