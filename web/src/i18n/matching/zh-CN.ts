import type { MatchingMessages } from './types.ts'

const matching: MatchingMessages = {
  suggestedResources: '推荐资源',
  suggestedProjects: '推荐项目',
  waitingTooLong: '久未办理的需求',
  daysWaiting: '已等待 {n} 天',
  score: '匹配度 {score}',
  reasons: {
    CATEGORY_MATCH: '同属“{category}”类',
    SERVES_GRID: '服务本网格',
    SERVES_WHOLE_COMMUNITY: '面向全社区',
    SERVES_OTHER_GRIDS: '只服务其他网格',
    AVAILABLE_IN_TIME: '{date} 可提供',
    NOT_AVAILABLE_IN_TIME: '{date} 不在可提供时间内',
    HAS_QUANTITY: '数量充足',
    CAPACITY_LEFT: '还可认领 {left} 个名额',
    PAST_WORK_IN_CATEGORY: '做过 {count} 个“{category}”项目',
    PAST_WORK_IN_COMMUNITY: '在本社区服务过 {count} 次',
    RESOURCE_KIND_FITS: '{kind}适合此类服务',
    URGENT: '急需',
  },
  unknownReason: '其他因素',
}

export default matching
