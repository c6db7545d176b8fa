/**
 * Demo resources, run by the demo seed inside its transaction: 阳光社区's alliance units offer
 * what they can give, in every state a list shows — published ones (the school's meeting room,
 * the hospital's free clinic, a company's fund, the social workers' volunteer team), one
 * returned with a reason, one awaiting review, one used up, one withdrawn; and one in 和平社区.
 * Units without a demo admin had their offer entered by 阳光社区's staff member.
 */
import type { ResourceKind, ResourceState } from '@linli/shared'
import { inArray } from 'drizzle-orm'
import { newId } from '../../db/columns.ts'
import type { DbOrTx } from '../../db/index.ts'
import { communities, grids, resources, units, users } from '../../db/schema/index.ts'
import { searchVector } from '../../lib/search.ts'

const DAY = 86_400_000

interface DemoResource {
  community: '阳光社区' | '和平社区'
  unit: string
  title: string
  description: string
  category: string
  kind: ResourceKind
  quantity?: number
  quantityUnit?: string
  availability: string
  grids?: string[]
  state: ResourceState
  returnReason?: string
  daysAgo: number
}

export const DEMO_RESOURCES: DemoResource[] = [
  {
    community: '阳光社区',
    unit: '华林实验小学',
    title: '多功能会议室',
    description: '学校一楼多功能会议室，配投影和音响，可用于居民议事会、讲座',
    category: 'governance',
    kind: 'venue',
    quantity: 60,
    quantityUnit: '座',
    availability: '每周六、周日全天',
    state: 'published',
    daysAgo: 30,
  },
  {
    community: '阳光社区',
    unit: '鼓楼区人民医院',
    title: '社区义诊',
    description: '内科、眼科医生到社区义诊，测血压血糖，提供健康咨询',
    category: 'elder_care',
    kind: 'expertise',
    quantity: 4,
    quantityUnit: '名医生',
    availability: '每月第一个周六上午',
    grids: ['第一网格（阳光花园）', '第三网格（老街片区）'],
    state: 'published',
    daysAgo: 25,
  },
  {
    community: '阳光社区',
    unit: '明德科技有限公司',
    title: '关爱老人专项资金',
    description: '用于独居、高龄老人的助餐和慰问',
    category: 'care',
    kind: 'funds',
    quantity: 20000,
    quantityUnit: '元',
    availability: '2026年度',
    state: 'published',
    daysAgo: 20,
  },
  {
    community: '阳光社区',
    unit: '阳光社工服务中心',
    title: '社工志愿者队伍',
    description: '持证社工带领的志愿者队伍，擅长入户探访和心理疏导',
    category: 'care',
    kind: 'volunteers',
    quantity: 15,
    quantityUnit: '人',
    availability: '工作日下午',
    state: 'published',
    daysAgo: 18,
  },
  {
    community: '阳光社区',
    unit: '鼓楼区税务局',
    title: '个税政策讲解',
    description: '税务干部讲解个人所得税专项附加扣除',
    category: 'policy_outreach',
    kind: 'expertise',
    quantity: 2,
    quantityUnit: '场',
    availability: '待定',
    state: 'returned',
    returnReason: '请补充可以安排的具体时间段，方便社区排期',
    daysAgo: 9,
  },
  {
    community: '阳光社区',
    unit: '鼓楼区人民医院',
    title: '急救知识培训',
    description: '心肺复苏和海姆立克急救法培训，可为居民和志愿者开课',
    category: 'convenience',
    kind: 'expertise',
    quantity: 30,
    quantityUnit: '人/期',
    availability: '每季度一期',
    state: 'offered',
    daysAgo: 1,
  },
  {
    community: '阳光社区',
    unit: '明德科技有限公司',
    title: '旧电脑捐赠',
    description: '淘汰的办公电脑，已清空数据，可供社区电脑班使用',
    category: 'convenience',
    kind: 'materials',
    quantity: 10,
    quantityUnit: '台',
    availability: '随时可取',
    state: 'exhausted',
    daysAgo: 40,
  },
  {
    community: '阳光社区',
    unit: '华林实验小学',
    title: '暑期操场开放',
    description: '暑假期间操场向社区儿童开放',
    category: 'convenience',
    kind: 'venue',
    availability: '7月至8月每天傍晚',
    state: 'withdrawn',
    daysAgo: 50,
  },
  {
    community: '和平社区',
    unit: '鼓楼区图书馆',
    title: '流动图书角',
    description: '每月轮换300册图书到社区图书角',
    category: 'red_education',
    kind: 'materials',
    quantity: 300,
    quantityUnit: '册',
    availability: '每月第二周更换',
    state: 'published',
    daysAgo: 15,
  },
]

export async function seedResourcesDemo(tx: DbOrTx, now: Date): Promise<void> {
  const places = await tx.select({ id: communities.id, name: communities.name }).from(communities)
  const unitRows = await tx.select({ id: units.id, name: units.name }).from(units)
  const gridRows = await tx.select({ id: grids.id, name: grids.name }).from(grids)
  const people = await tx
    .select({ id: users.id, phone: users.phone })
    .from(users)
    .where(inArray(users.phone, ['13900000003', '13900000005', '13900000008']))
  const idOf = <T extends { id: string }>(rows: T[], pick: (r: T) => boolean) => rows.find(pick)?.id
  const hospitalAdmin = idOf(people, (p) => p.phone === '13900000003')
  const sunshineStaff = idOf(people, (p) => p.phone === '13900000005')
  const peaceStaff = idOf(people, (p) => p.phone === '13900000008')
  if (!hospitalAdmin || !sunshineStaff || !peaceStaff) return
  for (const r of DEMO_RESOURCES) {
    const communityId = idOf(places, (p) => p.name === r.community)
    const unitId = idOf(unitRows, (u) => u.name === r.unit)
    if (!communityId || !unitId) continue
    const staff = r.community === '阳光社区' ? sunshineStaff : peaceStaff
    const created = new Date(now.getTime() - r.daysAgo * DAY)
    const decided = r.state !== 'offered' && r.state !== 'withdrawn'
    await tx.insert(resources).values({
      communityId,
      id: newId(),
      unitId,
      title: r.title,
      description: r.description,
      category: r.category,
      kind: r.kind,
      quantity: r.quantity ?? null,
      quantityUnit: r.quantityUnit ?? null,
      availability: r.availability,
      gridIds: (r.grids ?? []).map((g) => idOf(gridRows, (x) => x.name === g)!).filter(Boolean),
      state: r.state,
      returnReason: r.returnReason ?? null,
      offeredBy: r.unit === '鼓楼区人民医院' ? hospitalAdmin : staff,
      decidedBy: decided ? staff : null,
      search: searchVector(r.title, r.description, r.availability),
      createdAt: created,
      updatedAt: new Date(created.getTime() + (decided ? DAY : 0)),
    })
  }
}

/** For tests: the demo resources of a community by state. */
export function demoResourceStates(community: DemoResource['community']): ResourceState[] {
  return DEMO_RESOURCES.filter((r) => r.community === community).map((r) => r.state)
}
