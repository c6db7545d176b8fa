import { maskPhone } from '@linli/shared'
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
  constructor(private readonly db: Db) {}

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
}
