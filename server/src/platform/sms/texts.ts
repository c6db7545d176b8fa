/** The texts of the messages the platform sends, in Chinese (the people who receive them read Chinese). */
import {
  CALENDAR_TIME_ZONE,
  SMS_CODE_TTL_SECONDS,
  type NotificationKind,
  type NotificationParams,
  type Role,
  type SmsPurpose,
} from '@linli/shared'

const PURPOSE_TEXT: Record<SmsPurpose, string> = {
  REGISTER: '注册',
  LOGIN: '登录',
  RESET_PASSWORD: '重置密码',
}

/** 【邻里】您的验证码是 123456，5分钟内有效。 — with what it is for, so a code is not used for something else. */
export function smsCodeText(code: string, purpose: SmsPurpose): string {
  const minutes = Math.round(SMS_CODE_TTL_SECONDS / 60)
  return `【邻里】您的验证码是 ${code}，${minutes}分钟内有效，用于${PURPOSE_TEXT[purpose]}。请勿告诉他人。`
}

const ROLE_NAME: Record<Role, string> = {
  resident: '居民',
  volunteer: '志愿者',
  unit_admin: '联盟单位管理员',
  grid_worker: '网格员',
  community_staff: '社区工作人员',
  street_admin: '街道管理员',
  district_admin: '区级管理员',
}

const roleName = (role: unknown) => (typeof role === 'string' && role in ROLE_NAME ? ROLE_NAME[role as Role] : '')
const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '')

/** The SMS copy of each notification kind (typed: a kind without a text fails the typecheck). */
const NOTIFICATION_TEXT: Record<NotificationKind, (p: NotificationParams) => string> = {
  'role.granted': (p) => `您已被授予${str(p.placeName)}的${roleName(p.role)}角色。`,
  'role.revoked': (p) => `您在${str(p.placeName)}的${roleName(p.role)}角色已被撤销。`,
  'alliance.deputy_rotated': (p) =>
    `${str(p.communityName)}大邻里党建联盟：${str(p.term)}轮值副书记由${str(p.unitName)}担任，请登录邻里查看"六个一"安排。`,
  'alliance.agreement_renewal': (p) =>
    `${str(p.unitName)}与${str(p.communityName)}的共驻共建协议将于${str(p.renewsOn)}到期，请及时续签。`,
  'alliance.invited': (p) => `${str(p.communityName)}邀请${str(p.unitName)}加入共建联盟，请登录邻里查看。`,
  'alliance.answered': (p) =>
    `${str(p.unitName)}已${p.answer === 'accepted' ? '接受' : '谢绝'}加入${str(p.communityName)}共建联盟的邀请。`,
  'unit.member_invited': (p) => `${str(p.unitName)}邀请您加入单位成员名册，请登录邻里查看。`,
  'unit.join_requested': (p) => `有人申请加入${str(p.unitName)}，请登录邻里审核。`,
  'unit.joined': (p) => `您已加入${str(p.unitName)}。`,
  'account.password_reset': () => '社区工作人员已为您重置登录密码。如非本人办理，请联系社区。',
  'job.failed': () => '有一项后台任务多次失败，请登录邻里查看。',
  'need.submitted': (p) => `有新的居民需求「${str(p.title)}」待受理，请登录邻里查看。`,
  'need.state_changed': (p) =>
    `您的需求「${str(p.title)}」${NEED_STATE_TEXT[str(p.state)] ?? '状态已更新'}${p.reason ? `，原因：${str(p.reason)}` : ''}。`,
  'resource.offered': (p) => `${str(p.unitName)}提供了资源「${str(p.title)}」，请登录邻里审核。`,
  'resource.decided': (p) =>
    `您单位的资源「${str(p.title)}」${p.state === 'published' ? '已发布到资源清单' : `被退回${p.reason ? `，原因：${str(p.reason)}` : ''}`}。`,
  'project.published': (p) => `${str(p.communityName)}发布了新项目「${str(p.title)}」，欢迎点单认领。`,
  'claim.made': (p) =>
    `${str(p.unitName)}认领了项目「${str(p.projectTitle)}」${p.state === 'pending' ? '，请审核' : ''}。`,
  'claim.decided': (p) =>
    `您单位对项目「${str(p.projectTitle)}」的认领${p.state === 'active' ? '已通过' : `未通过${p.reason ? `，原因：${str(p.reason)}` : ''}`}。`,
  'claim.withdrawn': (p) => `${str(p.unitName)}撤回了对项目「${str(p.projectTitle)}」的认领。`,
  'claim.lead_changed': (p) => `您单位现为项目「${str(p.projectTitle)}」的牵头单位。`,
  'project.started': (p) => `项目「${str(p.projectTitle)}」已开始实施。`,
  'project.cancelled': (p) => `项目「${str(p.projectTitle)}」已取消，原因：${str(p.reason)}。`,
  'activity.changed': (p) =>
    `您报名的活动「${str(p.title)}」有变更：${shanghaiTime(p.startsAt)}，地点：${str(p.place)}。`,
  'activity.cancelled': (p) => `您报名的活动「${str(p.title)}」已取消，原因：${str(p.reason)}。`,
  'sign_up.promoted': (p) =>
    `您已从候补转为正式报名：活动「${str(p.title)}」，${shanghaiTime(p.startsAt)}，地点：${str(p.place)}。`,
  'hours.rejected': (p) => `您在活动「${str(p.title)}」的服务时长未通过审核：${str(p.reason)}。`,
  'hours.corrected': (p) =>
    `您在活动「${str(p.title)}」的服务时长已更正为${str(p.minutes)}分钟，原因：${str(p.reason)}。`,
  'no_show.marked': (p) => `您报名的活动「${str(p.title)}」记录为未到场（爽约），如有异议可在“我的时长”中申诉。`,
  'no_show.resolved': (p) =>
    `您对活动「${str(p.title)}」爽约记录的申诉已处理：${p.answer === 'cleared' ? '已撤销该记录' : '维持原记录'}。`,
  'certificate.issued': (p) => `${str(p.communityName)}已为您出具志愿服务记录证明（${str(p.hours)}小时）。`,
  'certificate.revoked': (p) => `您由${str(p.communityName)}出具的志愿服务记录证明已被撤销，原因：${str(p.reason)}。`,
  'dual_report.requested': (p) =>
    `有党员通过“双报到”向${str(p.communityName)}报到（工作单位：${str(p.unitName)}），请确认。`,
  'dual_report.decided': (p) =>
    `您向${str(p.communityName)}的“双报到”（${str(p.unitName)}）${p.state === 'confirmed' ? '已确认' : '未通过' + (p.reason ? '：' + str(p.reason) : '')}。`,
  'points.adjusted': (p) =>
    `${str(p.communityName)}${Number(p.amount) > 0 ? '为您增加' : '扣减了您的'}积分${Math.abs(Number(p.amount))}分：${str(p.reason)}。`,
  'project.completed': (p) => `为您服务的项目“${str(p.projectTitle)}”已完成，请在${str(p.days)}天内评价（评单）。`,
  'review.hidden': (p) => `您对“${str(p.projectTitle)}”的评价已被社区隐藏：${str(p.reason)}。`,
  'points.bonus': (p) => `您参与的“${str(p.projectTitle)}”获得五星好评，社区奖励您${str(p.points)}积分。`,
  'redemption.cancelled': (p) =>
    `您兑换的“${str(p.rewardName)}”${p.reason === 'expired' ? '逾期未领取' : '已由社区取消'}，积分已退回。`,
}

/** 11月3日 09:30, as the clock reads in China. */
function shanghaiTime(iso: unknown): string {
  const date = new Date(str(iso))
  if (Number.isNaN(date.getTime())) return ''
  const part = (type: string) =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: CALENDAR_TIME_ZONE,
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .find((x) => x.type === type)?.value ?? ''
  return `${part('month')}月${part('day')}日 ${part('hour')}:${part('minute')}`
}

const NEED_STATE_TEXT: Record<string, string> = {
  accepted: '已受理',
  rejected: '未被受理',
  merged: '已与其他需求合并办理',
  planned: '已纳入服务项目',
  in_service: '正在服务中',
  resolved: '已办结，欢迎评价',
  closed: '已关闭',
}

/** 【邻里】 + the notification's text, in Chinese. */
export function notificationSmsText(kind: NotificationKind, params: NotificationParams): string {
  return `【邻里】${NOTIFICATION_TEXT[kind](params)}`
}
