import { APP_LOCALES, DomainError, maskPhone, type AppLocaleCode, type Preferences } from '@linli/shared'
import { eq, inArray } from 'drizzle-orm'
import type { Clock } from '../../clock.ts'
import { users } from '../../db/schema/index.ts'
import type { Db } from '../../db/index.ts'
import type { Viewer } from '../../graphql/context.ts'
import { canSeeFullPhone } from './people.policy.ts'
import * as repo from './people.repository.ts'

export interface UserView {
  id: string
  realName: string
  phone: string
}

export class PeopleService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** People by id in key order (null where missing), phones masked unless the viewer needs them. */
  async usersByIds(viewer: Viewer | null, ids: readonly string[]): Promise<(UserView | null)[]> {
    const rows = await repo.findUsersByIds(this.db, ids)
    const byId = new Map(rows.map((r) => [r.id, r]))
    return ids.map((id) => {
      const row = byId.get(id)
      if (!row) return null
      return { ...row, phone: canSeeFullPhone(viewer, id) ? row.phone : maskPhone(row.phone) }
    })
  }

  /** A person's own profile, unmasked: only for `Me`, which is always the person themselves. */
  async ownProfiles(ids: readonly string[]): Promise<(UserView | null)[]> {
    const rows = await repo.findUsersByIds(this.db, ids)
    const byId = new Map(rows.map((r) => [r.id, r]))
    return ids.map((id) => byId.get(id) ?? null)
  }

  /** The grants a person holds now, with what each is scoped to. */
  grantsOf(userId: string) {
    return repo.findLiveGrantsWithScopeNames(this.db, userId)
  }

  /** People's preferences by id, in key order (for Me: always the person themselves). */
  async preferencesOf(ids: readonly string[]): Promise<Preferences[]> {
    const rows = await this.db
      .select({ id: users.id, locale: users.locale, elderMode: users.elderMode })
      .from(users)
      .where(inArray(users.id, [...ids]))
    const byId = new Map(rows.map((r) => [r.id, r]))
    return ids.map((id) => ({ locale: byId.get(id)?.locale ?? null, elderMode: byId.get(id)?.elderMode ?? null }))
  }

  /** Remember the viewer's language and/or 长辈模式; undefined or null leaves a choice as it is. */
  async setPreferences(
    viewer: Viewer,
    input: { locale?: string | null; elderMode?: boolean | null },
  ): Promise<Preferences> {
    const change: { locale?: AppLocaleCode; elderMode?: boolean; updatedAt?: Date } = {}
    if (input.locale != null) {
      if (!(APP_LOCALES as readonly string[]).includes(input.locale)) {
        throw new DomainError('BAD_USER_INPUT', 'Unknown language', { fields: { locale: 'VALUE_INVALID' } })
      }
      change.locale = input.locale as AppLocaleCode
    }
    if (input.elderMode != null) change.elderMode = input.elderMode
    if (Object.keys(change).length > 0) {
      await this.db
        .update(users)
        .set({ ...change, updatedAt: this.clock.now() })
        .where(eq(users.id, viewer.userId))
    }
    return (await this.preferencesOf([viewer.userId]))[0]!
  }
}
