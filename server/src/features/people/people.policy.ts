/** Pure predicates about people; unit-tested without a database. */
import type { Viewer } from '../../graphql/context.ts'

/** A person always sees their own full phone; who else needs it comes with later features. */
export function canSeeFullPhone(viewer: Viewer | null, userId: string): boolean {
  return viewer?.userId === userId
}
