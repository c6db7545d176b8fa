import type { CommunityVolunteersMessages } from './types.ts'

const communityVolunteers: CommunityVolunteersMessages = {
  nav: { volunteers: 'Volunteer roster' },
  titles: { volunteers: 'Volunteer roster' },
  noScope: 'Your current role has no community, so there is no volunteer roster to show.',
  intro:
    'The volunteers of {community} (living here, or who signed up or served here), by hours served in this community. Phones are masked; search by name or by a whole 11-digit phone number.',
  search: { label: 'Find a volunteer', placeholder: 'Name or 11-digit phone', submit: 'Search' },
  columns: {
    name: 'Name',
    phone: 'Phone',
    number: 'Volunteer no.',
    grid: 'Grid',
    party: 'Party member',
    verified: 'Real name',
    teams: 'Volunteer teams',
    hours: 'Hours served',
    registeredAt: 'Registered',
  },
  partyYes: 'Yes',
  verifiedYes: 'Verified',
  verifiedNo: 'Not verified',
  total: '{n} in all',
  pages: 'Volunteer roster pages',
  empty: 'This community has no volunteers yet.',
  noMatch: 'No volunteer matches the search.',
  fileName: '{community}-volunteers.xlsx',
}

export default communityVolunteers
