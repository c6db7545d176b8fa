/** GraphQL over HTTP conformance: graphql-http's audit suite against the running server. */
import { auditServer } from 'graphql-http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../support/server.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())

describe('graphql-http audit', () => {
  it('reports no errors against the running server', async () => {
    const results = await auditServer({ url: `${server.url}/graphql` })
    const errors = results.flatMap((r) => (r.status === 'error' ? [`${r.id} ${r.name}: ${r.reason}`] : []))
    const warnings = results.filter((r) => r.status === 'warn').length
    expect(errors).toEqual([])
    // Keep the count of audits visible in the test output.
    expect(results.length).toBeGreaterThan(40)
    console.info(`graphql-http audit: ${results.length} audits, 0 errors, ${warnings} warnings`)
  })
})
