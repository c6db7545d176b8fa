/** The community's projects for a picker or a filter: a few pages of 50, in the order the list gives them. */
import type { ProjectState } from '@linli/shared'
import { useApi } from '../../graphql/client.ts'
import { OpenProjectsQuery, type OpenProject } from './operations.ts'

const PAGES = 5

/** Throws `ApiError`. */
export async function projectsOf(communityId: string, states: ProjectState[] | null): Promise<OpenProject[]> {
  const all: OpenProject[] = []
  let after: string | null = null
  for (let page = 0; page < PAGES; page++) {
    const data: Awaited<ReturnType<typeof query>> = await query(communityId, states, after)
    all.push(...data.projects.nodes)
    if (!data.projects.pageInfo.hasNextPage) break
    after = data.projects.pageInfo.endCursor
  }
  return all
}

function query(communityId: string, states: ProjectState[] | null, after: string | null) {
  return useApi().query(OpenProjectsQuery, { communityId, states, first: 50, after })
}
