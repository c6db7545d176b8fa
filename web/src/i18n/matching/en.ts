import type { MatchingMessages } from './types.ts'

const matching: MatchingMessages = {
  suggestedResources: 'Suggested resources',
  suggestedProjects: 'Suggested projects',
  waitingTooLong: 'Needs waiting too long',
  daysWaiting: 'Waiting {n} days',
  score: 'Match {score}',
  reasons: {
    CATEGORY_MATCH: 'Same category: {category}',
    SERVES_GRID: 'Serves this grid',
    SERVES_WHOLE_COMMUNITY: 'Serves the whole community',
    SERVES_OTHER_GRIDS: 'Serves other grids only',
    AVAILABLE_IN_TIME: 'Available on {date}',
    NOT_AVAILABLE_IN_TIME: 'Not available on {date}',
    HAS_QUANTITY: 'Enough on offer',
    CAPACITY_LEFT: '{left} places left to claim',
    PAST_WORK_IN_CATEGORY: 'Served {count} {category} projects before',
    PAST_WORK_IN_COMMUNITY: 'Served this community {count} times',
    RESOURCE_KIND_FITS: '{kind} suits this kind of service',
    URGENT: 'Urgent',
  },
  unknownReason: 'Other factors',
}

export default matching
