import type { TermsMessages } from './types.ts'

const terms: TermsMessages = {
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
}

export default terms
