/**
 * Chinese substring search on PGlite and PostgreSQL alike (STACK.md: no Chinese parser, pg_trgm
 * ignores CJK). Rows keep the lexemes of their text in a `tsvector` column (every character and
 * every neighbouring pair, `searchTokens`), indexed with GIN; a query asks for all the pairs of
 * its words (`@@`, using the index), then rechecks the substring with ILIKE on the rows found.
 */
import { searchQueryTokens, searchTokens } from '@linli/shared'
import { and, sql, type SQL, type SQLWrapper } from 'drizzle-orm'

/** The value to store in a `search` column for these texts. */
export function searchVector(...texts: (string | null | undefined)[]): SQL {
  const tokens = searchTokens(texts.filter(Boolean).join(' '))
  // One parameter per lexeme in an ARRAY[…] (a JS array in drizzle's sql expands to a row).
  const items = sql.join(
    tokens.map((t) => sql`${t}`),
    sql`, `,
  )
  return sql`array_to_tsvector(array[${items}]::text[])`
}

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u

/**
 * `'a' & 'b'` with each lexeme quoted (a quote inside is doubled, a backslash escaped). A Latin
 * word or a number is matched as a prefix (`项目2` finds 项目20 too; the ILIKE recheck keeps it honest).
 */
function tsquery(tokens: string[]): string {
  return tokens.map((t) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${CJK.test(t) ? '' : ':*'}`).join(' & ')
}

const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * Rows whose `vector` holds the query's lexemes and whose texts contain each of its words as a
 * substring; undefined (no condition) for an empty query.
 */
export function searchCondition(
  vector: SQLWrapper,
  texts: SQLWrapper[],
  query: string | null | undefined,
): SQL | undefined {
  const q = (query ?? '').trim()
  const tokens = searchQueryTokens(q)
  if (tokens.length === 0) return undefined
  const haystack = sql.join(
    texts.map((t) => sql`coalesce(${t}, '')`),
    sql` || ' ' || `,
  )
  const words = q.split(/\s+/).filter(Boolean)
  return and(
    sql`${vector} @@ ${tsquery(tokens)}::tsquery`,
    ...words.map((w) => sql`(${haystack}) ilike ${likePattern(w)}`),
  )
}
