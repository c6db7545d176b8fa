import type { TermsMessages } from './types.ts'

const terms: TermsMessages = {
  needStates: {
    submitted: 'Submitted',
    accepted: 'Accepted',
    rejected: 'Not accepted',
    merged: 'Merged',
    withdrawn: 'Withdrawn',
    planned: 'In a project',
    in_service: 'In service',
    resolved: 'Resolved',
    rated: 'Rated',
    closed: 'Closed',
  },
  resourceStates: {
    offered: 'Awaiting review',
    published: 'Published',
    returned: 'Returned',
    withdrawn: 'Withdrawn',
    exhausted: 'Used up',
  },
  projectStates: {
    draft: 'Draft',
    published: 'Published',
    claimed: 'Full',
    in_progress: 'In progress',
    completed: 'Completed',
    evaluated: 'Evaluated',
    closed: 'Closed',
    cancelled: 'Cancelled',
  },
  claimStates: {
    pending: 'Awaiting approval',
    active: 'Claimed',
    rejected: 'Declined',
    withdrawn: 'Withdrawn',
    completed: 'Completed',
    cancelled: 'Cancelled',
  },
  channels: { online: 'Online', service_hall: 'Service hall', grid_visit: 'Grid visit', hotline: 'Hotline' },
  urgencies: { low: 'Not urgent', normal: 'Normal', high: 'Soon', urgent: 'Urgent' },
  resourceKinds: {
    venue: 'Venue',
    funds: 'Funds',
    expertise: 'Expertise',
    volunteers: 'Volunteer team',
    materials: 'Materials',
    other: 'Other',
  },
  modes: { solo: 'Solo (one unit)', joint: 'Joint (team)' },
  cadences: { one_off: 'One-off', routine: 'Routine' },
}

export default terms
