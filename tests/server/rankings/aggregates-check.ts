/**
 * Aggregates against the records: what the triggers kept is snapshotted, `agg_rebuild()`
 * recomputes everything from the records, and the two must be equal (rows of zeros say nothing).
 * Differences come back named by table and key.
 */
import { sql, type Db } from '@linli/server/db'

const TABLES: Record<string, string[]> = {
  agg_volunteers: ['scope_id', 'period', 'volunteer_id'],
  agg_units: ['scope_id', 'period', 'unit_id'],
  agg_teams: ['scope_id', 'period', 'team_id'],
  agg_team_sizes: ['team_id'],
  agg_community_months: ['community_id', 'month'],
  agg_points_months: ['community_id', 'month'],
  agg_need_states: ['community_id', 'state'],
  agg_need_categories: ['community_id', 'month', 'category'],
}

async function snapshot(db: Db): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for (const [table, keys] of Object.entries(TABLES)) {
    for (const row of (await db.execute(sql.raw(`select * from ${table}`))).rows) {
      const values: Record<string, unknown> = {}
      let something = false
      for (const [k, v] of Object.entries(row)) {
        if (keys.includes(k) || k === 'pioneer_score') continue
        if (k === 'dual' || k === 'party') {
          values[k] = v
          continue
        }
        const n = Array.isArray(v) ? v.map(Number) : Number(v)
        const zero = Array.isArray(n) ? n.every((x) => x === 0) : n === 0
        values[k] = Array.isArray(n) && zero ? [] : n
        if (!zero) something = true
      }
      if (something) out.set(`${table} ${keys.map((k) => String(row[k])).join(' ')}`, JSON.stringify(values))
    }
  }
  return out
}

/** The differences between what the triggers kept and the records (then the aggregates are rebuilt). */
export async function aggregateDifferences(db: Db): Promise<{ diff: string[]; rows: number }> {
  const kept = await snapshot(db)
  await db.execute(sql`select agg_rebuild()`)
  const rebuilt = await snapshot(db)
  const diff: string[] = []
  for (const [k, v] of rebuilt) if (kept.get(k) !== v) diff.push(`${k}: kept ${kept.get(k) ?? 'nothing'}, records ${v}`)
  for (const [k, v] of kept) if (!rebuilt.has(k)) diff.push(`${k}: kept ${v}, records nothing`)
  return { diff, rows: rebuilt.size }
}
