import type { CommunityVolunteersMessages } from './types.ts'

const communityVolunteers: CommunityVolunteersMessages = {
  nav: { volunteers: '志愿者名册' },
  titles: { volunteers: '志愿者名册' },
  noScope: '当前角色没有所属社区，不能查看志愿者名册。',
  intro:
    '{community}的志愿者（住在本社区、在本社区报名或服务过的），按在本社区的服务时长排列。手机号打码显示；可按姓名或完整手机号查找。',
  search: { label: '查找志愿者', placeholder: '姓名或 11 位手机号', submit: '查找' },
  columns: {
    name: '姓名',
    phone: '手机号',
    number: '志愿者编号',
    grid: '网格',
    party: '党员',
    verified: '实名核验',
    teams: '志愿服务队',
    hours: '服务时长（小时）',
    registeredAt: '注册时间',
  },
  partyYes: '是',
  verifiedYes: '已核验',
  verifiedNo: '未核验',
  total: '共 {n} 人',
  pages: '志愿者名册分页',
  empty: '本社区还没有志愿者',
  noMatch: '没有找到符合条件的志愿者',
  fileName: '{community}-志愿者名册.xlsx',
}

export default communityVolunteers
