import type { NotificationsMessages } from './types.ts'

const notifications: NotificationsMessages = {
  title: 'Messages',
  nav: 'Messages',
  bell: 'Notifications',
  unreadBadge: '{n} unread',
  unread: 'Unread',
  markAllRead: 'Mark all read',
  loadMore: 'Load more',
  noMore: 'No more messages',
  empty: 'No messages yet',
  smsTitle: 'How you are told',
  smsLabel: 'Also send me a text message',
  smsHint: 'Every message is also sent to your phone by SMS',
  smsNoSmartphone: 'Your community recorded that you have no smartphone: messages always go out by SMS',
  smsSaved: 'Saved',
  kinds: {
    'role.granted': 'You were given the {role} role ({placeName})',
    'role.revoked': 'Your {role} role at {placeName} was withdrawn',
    'alliance.invited': '{communityName} invited {unitName} to join its alliance: please answer',
    'alliance.answered': '{unitName} {answer} the invitation to the alliance of {communityName}',
    'unit.member_invited': '{unitName} invited you onto its roster: accept it under Me',
    'unit.join_requested': 'Someone asked to join {unitName}: please review the request',
    'unit.joined': 'You are now on the roster of {unitName}',
    'account.password_reset':
      'Community staff reset your password. If you did not ask for this, contact your community',
    'job.failed': 'A background task ({jobKind}) failed after its last retry: please tell an administrator',
  },
  unknownKind: 'You have a new message: update the app to read it',
  answers: { accepted: 'accepted', declined: 'declined' },
  desk: {
    title: 'How they are told',
    intro: 'Residents without a smartphone (such as older people helped by a grid worker) get every message by SMS.',
    noSmartphone: 'No smartphone (told by SMS)',
    unknown: 'What was recorded before is not shown here (by default: has a smartphone); switching saves at once.',
    savedNone: 'Recorded: no smartphone. Every message now also goes out by SMS',
    savedHas: 'Recorded: has a smartphone. Messages are read in Linli',
  },
}

export default notifications
