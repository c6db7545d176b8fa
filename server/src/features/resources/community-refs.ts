/**
 * What a list record names inside its community must belong to it: a category code of the
 * community's effective `categories` setting, grids of the community. Shared by resources and
 * needs; a wrong value answers BAD_USER_INPUT with a field code (never NOT_FOUND: the form is wrong).
 */
import { DomainError, type FieldCode } from '@linli/shared'
import { and, eq, inArray } from 'drizzle-orm'
import type { DbOrTx } from '../../db/index.ts'
import { grids } from '../../db/schema/index.ts'
import { isUuid } from '../../access/places.ts'
import type { SettingsService } from '../settings/settings.service.ts'

const badInput = (field: string, code: FieldCode) =>
  new DomainError('BAD_USER_INPUT', 'The input is not valid', { fields: { [field]: code } })

/** BAD_USER_INPUT `{category: CATEGORY_CODE_INVALID}` unless the community offers this category. */
export async function requireCategory(
  db: DbOrTx,
  settings: SettingsService,
  communityId: string,
  code: string,
): Promise<void> {
  const { categories } = await settings.effective(db, communityId)
  if (!categories.some((c) => c.code === code)) throw badInput('category', 'CATEGORY_CODE_INVALID')
}

/** BAD_USER_INPUT `{<field>: VALUE_INVALID}` unless every id is a grid of the community. */
export async function requireGridsOf(
  db: DbOrTx,
  communityId: string,
  gridIds: readonly string[],
  field: string,
): Promise<void> {
  const ids = [...new Set(gridIds)]
  if (ids.length === 0) return
  if (!ids.every(isUuid)) throw badInput(field, 'VALUE_INVALID')
  const found = await db
    .select({ id: grids.id })
    .from(grids)
    .where(and(eq(grids.communityId, communityId), inArray(grids.id, ids)))
  if (found.length !== ids.length) throw badInput(field, 'VALUE_INVALID')
}

/** `availableUntil` before `availableFrom`: BAD_USER_INPUT `{availableUntil: ENDS_BEFORE_START}`. */
export function requireDateOrder(from: string | null | undefined, until: string | null | undefined): void {
  if (from && until && until < from) throw badInput('availableUntil', 'ENDS_BEFORE_START')
}

/** Keyset paging: at most 50 a page (20 by default); a malformed cursor starts from the top. */
export function pageArgs(args: { first?: number | null; after?: string | null }) {
  const first = Math.min(Math.max(args.first ?? 20, 1), LIST_PAGE_MAX)
  const after = args.after && isUuid(args.after) ? args.after : null
  return { first, after }
}

export const LIST_PAGE_MAX = 50

/** Rows fetched with `limit first + 1` → a page and whether there is another. */
export function toPage<T extends { id: string }>(rows: T[], first: number) {
  const nodes = rows.slice(0, first)
  return { nodes, pageInfo: { endCursor: nodes.at(-1)?.id ?? null, hasNextPage: rows.length > first } }
}
