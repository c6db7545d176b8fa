/**
 * Community settings with inheritance (district default → street default → community value).
 * Community staff set their community's values; street and district admins set defaults.
 * Every change is audited with its before and after values.
 */
import {
  DomainError,
  SETTING_KEYS,
  SETTINGS,
  isFieldCode,
  isSettingKey,
  resolveSetting,
  type EffectiveSettings,
  type SettingKey,
  type SettingSource,
} from '@linli/shared'
import { and, eq, sql } from 'drizzle-orm'
import { isUuid, requirePlaceRole, loadAncestry, type Ancestry } from '../../access/places.ts'
import type { Clock } from '../../clock.ts'
import type { Db, DbOrTx } from '../../db/index.ts'
import { communitySettings, defaultSettings } from '../../db/schema/index.ts'
import type { Viewer } from '../../graphql/context.ts'
import { recordAudit } from '../audit/audit.recorder.ts'
import { loadLayers, type Layers } from './settings.repository.ts'

export interface SettingEntry {
  key: SettingKey
  value: unknown
  source: SettingSource
  inheritedValue: unknown
  inheritedFrom: SettingSource
}

type DefaultScope = 'district' | 'street'

function entries(layers: Layers, level: 'community' | DefaultScope): SettingEntry[] {
  return SETTING_KEYS.map((key) => {
    const r = resolveSetting(key, {
      community: level === 'community' ? layers.community.get(key) : undefined,
      street: level === 'district' ? undefined : layers.street.get(key),
      district: layers.district.get(key),
    })
    // At the district level the district's own value is the override of the built-in default.
    if (level === 'district' && layers.district.has(key)) {
      return {
        key,
        value: r.value,
        source: 'district',
        inheritedValue: SETTINGS[key].default,
        inheritedFrom: 'default',
      }
    }
    // At the street level the street's own value plays the part of the override.
    if (level === 'street' && layers.street.has(key)) {
      const inherited = resolveSetting(key, { district: layers.district.get(key) })
      return { key, value: r.value, source: 'street', inheritedValue: inherited.value, inheritedFrom: inherited.source }
    }
    return { key, value: r.value, source: r.source, inheritedValue: r.inherited, inheritedFrom: r.inheritedFrom }
  })
}

function settingKey(key: string): SettingKey {
  if (!isSettingKey(key))
    throw new DomainError('BAD_USER_INPUT', 'unknown setting', { fields: { key: 'VALUE_INVALID' } })
  return key
}

/** Validate a value for a key: BAD_USER_INPUT with a field code, never zod's English. */
function validate(rawKey: string, value: unknown): { key: SettingKey; value: unknown } {
  const key = settingKey(rawKey)
  const parsed = SETTINGS[key].schema.safeParse(value)
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message
    const code = isFieldCode(message) ? message : 'VALUE_INVALID'
    throw new DomainError('BAD_USER_INPUT', 'the value is not valid', { fields: { value: code } })
  }
  return { key, value: parsed.data }
}

/** Effective settings of a community (no access check; the demo seed reads them too). NOT_FOUND: no such community. */
export async function effectiveSettings(db: DbOrTx, communityId: string): Promise<EffectiveSettings> {
  const ancestry = await loadAncestry(db, { kind: 'community', id: communityId })
  if (!ancestry) throw new DomainError('NOT_FOUND', 'community not found')
  const layers = await loadLayers(db, ancestry)
  return Object.fromEntries(entries(layers, 'community').map((e) => [e.key, e.value])) as EffectiveSettings
}

export class SettingsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Effective settings of a community, for other services (no access check: callers have one). */
  async effective(db: DbOrTx, communityId: string): Promise<EffectiveSettings> {
    return effectiveSettings(db, communityId)
  }

  /** A community's categories: not secret, for anyone signed in. NOT_FOUND: no such community. */
  async categories(_viewer: Viewer, communityId: string) {
    if (!isUuid(communityId)) throw new DomainError('NOT_FOUND', 'community not found')
    return (await this.effective(this.db, communityId)).categories
  }

  async forCommunity(viewer: Viewer, communityId: string): Promise<SettingEntry[]> {
    const place = await requirePlaceRole(this.db, viewer, { kind: 'community', id: communityId }, [
      'community_staff',
      'street_admin',
      'district_admin',
    ])
    return entries(await loadLayers(this.db, place), 'community')
  }

  async forDefaults(viewer: Viewer, scope: DefaultScope, scopeId: string): Promise<SettingEntry[]> {
    const place = await this.requireDefaultsAdmin(viewer, scope, scopeId)
    return entries(await loadLayers(this.db, place), scope)
  }

  /** Codes: NOT_FOUND (outside scope), BAD_USER_INPUT (unknown key or invalid value). */
  async setForCommunity(viewer: Viewer, communityId: string, rawKey: string, rawValue: unknown) {
    const { key, value } = validate(rawKey, rawValue)
    const place = await requirePlaceRole(this.db, viewer, { kind: 'community', id: communityId }, ['community_staff'])
    return this.change(viewer, place, 'community', key, value)
  }

  async resetForCommunity(viewer: Viewer, communityId: string, rawKey: string) {
    const key = settingKey(rawKey)
    const place = await requirePlaceRole(this.db, viewer, { kind: 'community', id: communityId }, ['community_staff'])
    return this.change(viewer, place, 'community', key, undefined)
  }

  async setDefault(viewer: Viewer, scope: DefaultScope, scopeId: string, rawKey: string, rawValue: unknown) {
    const { key, value } = validate(rawKey, rawValue)
    const place = await this.requireDefaultsAdmin(viewer, scope, scopeId)
    return this.change(viewer, place, scope, key, value)
  }

  async resetDefault(viewer: Viewer, scope: DefaultScope, scopeId: string, rawKey: string) {
    const key = settingKey(rawKey)
    const place = await this.requireDefaultsAdmin(viewer, scope, scopeId)
    return this.change(viewer, place, scope, key, undefined)
  }

  private requireDefaultsAdmin(viewer: Viewer, scope: DefaultScope, scopeId: string): Promise<Ancestry> {
    const roles = scope === 'district' ? (['district_admin'] as const) : (['street_admin', 'district_admin'] as const)
    return requirePlaceRole(this.db, viewer, { kind: scope, id: scopeId }, roles)
  }

  /** Write (or with `value` undefined, remove) one layer's value and audit it, in one transaction. */
  private async change(
    viewer: Viewer,
    place: Ancestry,
    level: 'community' | DefaultScope,
    key: SettingKey,
    value: unknown,
  ): Promise<SettingEntry> {
    const now = this.clock.now()
    const scopeId = (
      level === 'community' ? place.communityId : level === 'street' ? place.streetId : place.districtId
    )!
    // A JSON null ("switched off") is stored as jsonb 'null', not as SQL NULL.
    const stored = value === null ? sql`'null'::jsonb` : value
    return this.db.transaction(async (tx) => {
      const before = await loadLayers(tx, place)
      if (level === 'community') {
        const where = and(eq(communitySettings.communityId, scopeId), eq(communitySettings.key, key))
        if (value === undefined) await tx.delete(communitySettings).where(where)
        else {
          await tx
            .insert(communitySettings)
            .values({ communityId: scopeId, key, value: stored, updatedBy: viewer.userId, updatedAt: now })
            .onConflictDoUpdate({
              target: [communitySettings.communityId, communitySettings.key],
              set: { value: stored, updatedBy: viewer.userId, updatedAt: now },
            })
        }
      } else {
        const where = and(
          eq(defaultSettings.scopeType, level),
          eq(defaultSettings.scopeId, scopeId),
          eq(defaultSettings.key, key),
        )
        if (value === undefined) await tx.delete(defaultSettings).where(where)
        else {
          await tx
            .insert(defaultSettings)
            .values({ scopeType: level, scopeId, key, value: stored, updatedBy: viewer.userId, updatedAt: now })
            .onConflictDoUpdate({
              target: [defaultSettings.scopeType, defaultSettings.scopeId, defaultSettings.key],
              set: { value: stored, updatedBy: viewer.userId, updatedAt: now },
            })
        }
      }
      const auditPlace =
        level === 'community'
          ? place
          : level === 'street'
            ? { districtId: place.districtId, streetId: place.streetId }
            : { districtId: place.districtId }
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: value === undefined ? 'setting.reset' : 'setting.set',
        targetType: `${level}_setting`,
        targetId: scopeId,
        place: auditPlace,
        // `value` is absent where the level had no value of its own (null means "switched off").
        before: before[level].has(key) ? { key, value: before[level].get(key) } : { key },
        after: value === undefined ? { key } : { key, value },
      })
      const after = await loadLayers(tx, place)
      return entries(after, level).find((e) => e.key === key)!
    })
  }
}
