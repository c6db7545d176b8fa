import type { NeedChannel, NeedUrgency, ProjectCadence, ProjectMode, ResourceKind } from './lists.ts'
import type {
  ActivityState,
  ClaimState,
  DualReportState,
  HourRecordState,
  NeedState,
  NoShowMarkState,
  RedemptionState,
  ReviewState,
  ProjectState,
  ResourceState,
  SignUpState,
} from './states.ts'

/**
 * The platform's words for its states and kinds, one set for every page (the staff console, the unit admin's console,
 * the resident's phone): states of resources, needs, projects and claims, and the channels,
 * urgencies, resource kinds, modes and cadences. Keyed by the shared enumerations: a state or
 * kind added in @linli/shared without its word fails the typecheck.
 *
 * A timeline's sentences are not here: residents and staff read them in different words
 * (`needs.timeline.actions`, `lists.events`).
 */
export interface TermsMessages {
  needStates: Record<NeedState, string>
  resourceStates: Record<ResourceState, string>
  projectStates: Record<ProjectState, string>
  claimStates: Record<ClaimState, string>
  channels: Record<NeedChannel, string>
  urgencies: Record<NeedUrgency, string>
  resourceKinds: Record<ResourceKind, string>
  modes: Record<ProjectMode, string>
  cadences: Record<ProjectCadence, string>
  /** Activities and hours: the volunteer's phone and the staff console word them alike. */
  activityStates: Record<ActivityState, string>
  signUpStates: Record<SignUpState, string>
  hourRecordStates: Record<HourRecordState, string>
  noShowMarkStates: Record<NoShowMarkState, string>
  dualReportStates: Record<DualReportState, string>
  /** 积分超市: a redemption to collect, collected (核销) or cancelled. */
  redemptionStates: Record<RedemptionState, string>
  /** 晒单 and 评单: waiting for staff review, shown in the community, or hidden with a reason. */
  reviewStates: Record<ReviewState, string>
}

/**
 * The Chinese words (the default language): the web's zh-CN messages are these, and the server's
 * Excel exports label states, channels and modes with them, so a spreadsheet reads like the screen.
 */
export const ZH_TERMS: TermsMessages = {
  needStates: {
    submitted: '待受理',
    accepted: '已受理',
    rejected: '未受理',
    merged: '已合并',
    withdrawn: '已撤回',
    planned: '已纳入项目',
    in_service: '服务中',
    resolved: '已办结',
    rated: '已评价',
    closed: '已关闭',
  },
  resourceStates: {
    offered: '待审核',
    published: '已发布',
    returned: '已退回',
    withdrawn: '已撤回',
    exhausted: '已用完',
  },
  projectStates: {
    draft: '草稿',
    published: '已发布',
    claimed: '名额已满',
    in_progress: '进行中',
    completed: '已完成',
    evaluated: '已评价',
    closed: '已结项',
    cancelled: '已取消',
  },
  claimStates: {
    pending: '待审核',
    active: '已认领',
    rejected: '未通过',
    withdrawn: '已退出',
    completed: '已完成',
    cancelled: '已取消',
  },
  channels: { online: '线上提交', service_hall: '服务大厅', grid_visit: '网格走访', hotline: '热线电话' },
  urgencies: { low: '不急', normal: '一般', high: '较急', urgent: '紧急' },
  resourceKinds: {
    venue: '场地',
    funds: '资金',
    expertise: '专业服务',
    volunteers: '志愿者队伍',
    materials: '物资',
    other: '其他',
  },
  modes: { solo: '单独认领', joint: '组团式' },
  cadences: { one_off: '一次性', routine: '日常型' },
  activityStates: { scheduled: '已排期', cancelled: '已取消', completed: '已结束' },
  signUpStates: { confirmed: '已报名', waitlisted: '候补中', cancelled: '已取消', attended: '已参加', no_show: '爽约' },
  hourRecordStates: { pending: '待审核', approved: '已通过', rejected: '未通过', voided: '已作废' },
  noShowMarkStates: { active: '生效中', contested: '申诉中', cleared: '已撤销', upheld: '申诉未通过' },
  dualReportStates: { requested: '待确认', confirmed: '已报到', rejected: '未通过', ended: '已结束' },
  redemptionStates: { reserved: '待领取', fulfilled: '已核销', cancelled: '已取消' },
  reviewStates: { pending_review: '待审核', published: '已公开', hidden: '已隐藏' },
}
