import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { createUser } from '../../support/factories.ts'
import { LOGIN } from '../../support/gql.ts'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(() => t.close())

function nested(depth: number): string {
  // me { roles { ... } } cannot nest deeper, so nest through fragments on the schema's
  // self-referencing path: __type.ofType.ofType… (introspection is on outside production).
  let inner = 'name'
  for (let i = 0; i < depth; i++) inner = `ofType { ${inner} }`
  return `{ __type(name: "Me") { ${inner} } }`
}

describe('query limits', () => {
  it('refuses a query deeper than the limit with QUERY_TOO_DEEP', async () => {
    const ok = await t.gql(nested(8))
    expect(ok.errors).toBeUndefined()
    const deep = await t.gql(nested(20))
    expect(deep.code).toBe('QUERY_TOO_DEEP')
    expect(deep.status).toBe(400)
  })

  it('counts depth through fragments too', async () => {
    const frag = `fragment F on __Type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } }`
    const q = `{ __type(name: "Me") { ofType { ofType { ofType { ofType { ofType { ofType { ...F } } } } } } } } ${frag}`
    expect((await t.gql(q)).code).toBe('QUERY_TOO_DEEP')
  })

  it('refuses too many aliases, also when multiplied by fragments', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: serverTime`).join(' ')
    expect((await t.gql(`{ ${aliases} }`)).code).toBe('TOO_MANY_ALIASES')
    const frag = `fragment A on Query { ${Array.from({ length: 8 }, (_, i) => `x${i}: serverTime`).join(' ')} }`
    const spread = `{ ...A ...A ...A ...A } ${frag}`
    expect((await t.gql(spread)).code).toBe('TOO_MANY_ALIASES')
    expect((await t.gql(`{ a: serverTime b: serverTime }`)).errors).toBeUndefined()
  })

  it('caps batched operations', async () => {
    const op = { query: '{ serverTime }' }
    const small = await t.app.inject({ method: 'POST', url: '/graphql', payload: Array(3).fill(op) })
    expect(small.statusCode).toBe(200)
    expect(small.json()).toHaveLength(3)
    const big = await t.app.inject({ method: 'POST', url: '/graphql', payload: Array(11).fill(op) })
    expect(big.statusCode).toBe(400)
    expect(big.json().errors[0].extensions.code).toBe('TOO_MANY_OPERATIONS')
  })

  it('gives no field suggestions', async () => {
    const res = await t.gql('{ me { usr { id } } }')
    expect(res.code).toBe('GRAPHQL_VALIDATION_FAILED')
    expect(JSON.stringify(res.errors)).not.toMatch(/Did you mean/)
  })

  it('tags syntax errors with a code', async () => {
    expect((await t.gql('{ me { ')).code).toBe('GRAPHQL_PARSE_FAILED')
  })
})

describe('production', () => {
  it('refuses introspection', async () => {
    const prod = await buildTestApp({ config: { env: 'production' } })
    try {
      const res = await prod.gql('{ __schema { types { name } } }')
      expect(res.code).toBe('GRAPHQL_VALIDATION_FAILED')
      expect((await prod.gql('{ serverTime }')).errors).toBeUndefined()
    } finally {
      await prod.close()
    }
  })
})

describe('unexpected errors', () => {
  it('are masked as INTERNAL_ERROR and leak nothing about the cause', async () => {
    const own = await buildTestApp()
    const user = await createUser(own.database.db)
    // The database goes away under the running app: the driver's error is not the client's business.
    await own.database.close()
    const res = await own.gql(LOGIN, { phone: user.phone, password: user.password })
    expect(res.code).toBe('INTERNAL_ERROR')
    expect(res.errors![0]!.message).toBe('Internal server error')
    expect(JSON.stringify(res)).not.toMatch(/pool|pglite|select|closed|login_throttle/i)
    await own.app.close()
  })
})
