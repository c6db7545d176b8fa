/**
 * GraphiQL against this server's /graphql (same origin). A signed-in token goes into the
 * Headers tab as `{"Authorization": "Bearer …"}`; headers are not persisted between visits.
 */
import 'graphiql/setup-workers/vite'
import 'graphiql/style.css'
import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit'
import { GraphiQL } from 'graphiql'
import { getIntrospectionQuery } from 'graphql'
import { createElement } from 'react'
import { createRoot } from 'react-dom/client'

const DEFAULT_QUERY = `# Linli API explorer (not served in production).
#
# Signed in? Paste your access token under Headers below:
#   { "Authorization": "Bearer <access token>" }
# (the web app's \`login\` mutation returns one as accessToken).

{
  serverTime
}
`

const http = createGraphiQLFetcher({ url: new URL('/graphql', window.location.origin).href })

// The server refuses queries deeper than 12 (server/src/graphql/hygiene.ts); GraphiQL's
// introspection query reaches 15 through nine levels of `ofType`. Six cover every type here
// (the deepest, [X!]!, needs three), so GraphiQL's introspection is sent with six.
const INTROSPECTION = getIntrospectionQuery({ typeDepth: 6 })
const fetcher: Fetcher = (params, options) =>
  http(params.operationName === 'IntrospectionQuery' ? { ...params, query: INTROSPECTION } : params, options)

createRoot(document.getElementById('explorer')!).render(
  createElement(
    GraphiQL,
    {
      fetcher,
      defaultQuery: DEFAULT_QUERY,
      defaultHeaders: '{\n  "Authorization": ""\n}',
      defaultEditorToolsVisibility: 'headers',
      shouldPersistHeaders: false,
    },
    // Our own name in place of GraphiQL's logo (a link off-site).
    createElement(GraphiQL.Logo, null, 'Linli API'),
  ),
)
