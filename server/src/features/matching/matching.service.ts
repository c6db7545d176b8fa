/**
 * Matching (PRODUCT.md "Matching"): resources suggested for a need, projects suggested to a unit,
 * and the needs waiting too long. The scores are the pure functions of @linli/shared
 * (docs/matching.md); this service loads the rows in a constant number of statements, checks
 * access first, and answers NOT_FOUND for anything outside the viewer's scope.
 */
import {
  DomainError,
  scoreProjectForUnit,
  scoreResourceForNeed,
  shanghaiDateOf,
  type MatchResource,
  type MatchScore,
} from '@linli/shared'
import { isUuid, requirePlaceRole } from '../../access/places.ts'
import type { Clock } from '../../clock.ts'
import type { Db } from '../../db/index.ts'
import type { Viewer } from '../../graphql/context.ts'
import type { SettingsService } from '../settings/settings.service.ts'
import { isUnitAdmin } from '../units/units.policy.ts'
import {
  findNeed,
  findNeedsAcceptedBefore,
  findProjectCandidates,
  findResourceCandidates,
  findUnitResources,
  findUnitWork,
  type ProjectCandidate,
  type ResourceCandidate,
  type WaitingNeedRow,
} from './matching.repository.ts'

const READERS = ['community_staff', 'street_admin', 'district_admin'] as const
const DAY_MS = 86_400_000

const page = (first: number | null | undefined, fallback: number, max: number) =>
  Math.max(1, Math.min(max, first ?? fallback))

export type ResourceSuggestion = { resource: ResourceCandidate } & MatchScore
export type ProjectSuggestion = { project: ProjectCandidate } & MatchScore
export type WaitingNeed = WaitingNeedRow & { daysWaiting: number }

export class MatchingService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly settings: SettingsService,
  ) {}

  /**
   * The community's published resources (of units active in its alliance) scored for one of
   * its needs, best first; ties by id. Community staff; street and district admins above read.
   * Codes: NOT_FOUND (community or need missing or outside scope).
   */
  async suggestedResources(
    viewer: Viewer,
    communityId: string,
    needId: string,
    first?: number | null,
  ): Promise<ResourceSuggestion[]> {
    await requirePlaceRole(this.db, viewer, { kind: 'community', id: communityId }, READERS)
    const need = await findNeed(this.db, communityId, needId)
    if (!need) throw new DomainError('NOT_FOUND', 'need not found')
    const candidates = await findResourceCandidates(this.db, communityId, need.category)
    const today = shanghaiDateOf(this.clock.now())
    return candidates
      .map((resource) => ({
        resource,
        ...scoreResourceForNeed(need, resource, {
          today,
          pastWork: {
            inCommunity: resource.workInCommunity,
            byCategory: { [need.category]: resource.workInCategory },
          },
        }),
      }))
      .sort((a, b) => b.score - a.score || compareIds(a.resource.id, b.resource.id))
      .slice(0, page(first, 10, 100))
  }

  /**
   * Projects a unit may claim (published, capacity left, in a community whose alliance holds the
   * unit as active, no live claim of the unit on it) scored for the unit, best first; ties by
   * the earlier start, then id. The unit's admins. Codes: NOT_FOUND (not the viewer's unit).
   */
  async suggestedProjects(viewer: Viewer, unitId: string, first?: number | null): Promise<ProjectSuggestion[]> {
    if (!isUuid(unitId) || !isUnitAdmin(viewer, unitId)) throw new DomainError('NOT_FOUND', 'unit not found')
    const [projects, resources, work] = await Promise.all([
      findProjectCandidates(this.db, unitId),
      findUnitResources(this.db, unitId),
      findUnitWork(this.db, unitId),
    ])
    const resourcesIn = groupBy(resources, (r) => r.communityId)
    const workIn = new Map<string, { inCommunity: number; byCategory: Record<string, number> }>()
    for (const w of work) {
      const entry = workIn.get(w.communityId) ?? { inCommunity: 0, byCategory: {} }
      entry.inCommunity += w.count
      entry.byCategory[w.category] = (entry.byCategory[w.category] ?? 0) + w.count
      workIn.set(w.communityId, entry)
    }
    const today = shanghaiDateOf(this.clock.now())
    return projects
      .map((project) => {
        const unit = {
          resources: (resourcesIn.get(project.communityId) ?? []) as MatchResource[],
          pastWork: workIn.get(project.communityId) ?? { inCommunity: 0, byCategory: {} },
        }
        const scored = scoreProjectForUnit(
          {
            ...project,
            startsOn: project.startsAt ? shanghaiDateOf(project.startsAt) : null,
            endsOn: project.endsAt ? shanghaiDateOf(project.endsAt) : null,
          },
          unit,
          { today },
        )
        return { project, ...scored }
      })
      .sort(
        (a, b) =>
          b.score - a.score ||
          (a.project.startsAt?.getTime() ?? Infinity) - (b.project.startsAt?.getTime() ?? Infinity) ||
          compareIds(a.project.id, b.project.id),
      )
      .slice(0, page(first, 10, 100))
  }

  /**
   * Accepted needs whose acceptance is older than the community's `waitingTooLongDays` (as of
   * the app clock), oldest first, with the whole days they have waited. Community staff; street
   * and district admins above read. Codes: NOT_FOUND (community missing or outside scope).
   */
  async needsWaitingTooLong(viewer: Viewer, communityId: string, first?: number | null): Promise<WaitingNeed[]> {
    await requirePlaceRole(this.db, viewer, { kind: 'community', id: communityId }, READERS)
    const { waitingTooLongDays } = await this.settings.effective(this.db, communityId)
    const now = this.clock.now()
    const cutoff = new Date(now.getTime() - waitingTooLongDays * DAY_MS)
    const rows = await findNeedsAcceptedBefore(this.db, communityId, cutoff, page(first, 50, 200))
    return rows.map((n) => ({ ...n, daysWaiting: Math.floor((now.getTime() - n.acceptedAt.getTime()) / DAY_MS) }))
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const item of items) {
    const list = out.get(key(item)) ?? []
    list.push(item)
    out.set(key(item), list)
  }
  return out
}
