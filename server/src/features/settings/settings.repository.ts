import { sql } from 'drizzle-orm'
import type { DbOrTx } from '../../db/index.ts'

export interface Layers {
  community: Map<string, unknown>
  street: Map<string, unknown>
  district: Map<string, unknown>
}

/** The three layers of a community's settings in one statement. */
export async function loadLayers(
  db: DbOrTx,
  at: { communityId?: string; streetId?: string; districtId: string },
): Promise<Layers> {
  const { rows } = await db.execute(sql`
    select 'community' as layer, key, value from community_settings where community_id = ${at.communityId ?? null}::uuid
    union all
    select scope_type, key, value from default_settings
    where (scope_type = 'street' and scope_id = ${at.streetId ?? null}::uuid)
       or (scope_type = 'district' and scope_id = ${at.districtId}::uuid)
  `)
  const layers: Layers = { community: new Map(), street: new Map(), district: new Map() }
  for (const r of rows as { layer: keyof Layers; key: string; value: unknown }[]) layers[r.layer].set(r.key, r.value)
  return layers
}
