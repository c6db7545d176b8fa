import type { NotificationsMessages } from './types.ts'

const notifications: NotificationsMessages = {
  title: '消息',
  nav: '消息',
  bell: '消息通知',
  unreadBadge: '{n} 条未读',
  unread: '未读',
  markAllRead: '全部已读',
  loadMore: '加载更多',
  noMore: '没有更多了',
  empty: '暂无消息',
  smsTitle: '通知方式',
  smsLabel: '接收短信通知',
  smsHint: '每条消息同时发送短信到您的手机',
  smsNoSmartphone: '社区已登记您没有智能手机，消息会一直以短信发送',
  smsSaved: '已保存',
  kinds: {
    'role.granted': '您已获得“{role}”身份（{placeName}）',
    'role.revoked': '您在{placeName}的“{role}”身份已被收回',
    'alliance.invited': '{communityName}邀请{unitName}加入大邻里党建联盟，请及时处理',
    'alliance.answered': '{unitName}{answer}{communityName}的联盟邀请',
    'unit.member_invited': '{unitName}邀请您加入单位成员名册，可在“我的”中接受',
    'unit.join_requested': '有人申请加入{unitName}，请审批',
    'unit.joined': '您已成为{unitName}的在册成员',
    'account.password_reset': '社区工作人员已为您重置登录密码；如非本人办理，请联系社区',
    'job.failed': '后台任务（{jobKind}）多次重试后仍未完成，请联系管理员',
  },
  unknownKind: '您有一条新消息，请更新后查看',
  answers: { accepted: '已接受', declined: '已谢绝' },
  desk: {
    title: '通知方式',
    intro: '没有智能手机的居民（如由网格员协助的老人），所有消息都会以短信发送。',
    noSmartphone: '无智能手机（短信通知）',
    unknown: '此前的登记不在本页显示（默认视为有智能手机）；切换即保存。',
    savedNone: '已登记为无智能手机：此后所有消息都会以短信发送',
    savedHas: '已登记为有智能手机：消息在邻里中查看',
  },
}

export default notifications
