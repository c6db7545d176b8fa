/** The unit pages' rules and words, without a server: who is offered which page, unit kinds and states in both languages. */
import { allianceUnitMachine, ROLES, UNIT_KINDS, unitMemberMachine } from '@linli/shared'
import { describe, expect, it } from 'vitest'
import { canOpenUnitPage, UNIT_PAGES, unitPagesFor } from '../../web/src/features/units/access.ts'
import { todayInChina } from '../../web/src/features/units/format.ts'
import en from '../../web/src/i18n/en.ts'
import zhCN from '../../web/src/i18n/zh-CN.ts'

describe('unitPagesFor', () => {
  it('offers the roster, teams and invitations to unit admins, the alliance and community teams to staff', () => {
    expect(unitPagesFor('unit_admin')).toEqual([
      { page: 'roster', path: '/console/units/roster' },
      { page: 'teams', path: '/console/units/teams' },
      { page: 'invitations', path: '/console/units/invitations' },
    ])
    expect(unitPagesFor('community_staff')).toEqual([
      { page: 'alliance', path: '/console/alliance' },
      { page: 'communityTeams', path: '/console/community-teams' },
    ])
    for (const role of ['resident', 'volunteer', 'grid_worker', 'street_admin', 'district_admin'] as const) {
      expect(unitPagesFor(role)).toEqual([])
    }
    expect(unitPagesFor(null)).toEqual([])
  })

  it('opens every page to exactly one role', () => {
    for (const page of UNIT_PAGES) expect(ROLES.filter((r) => canOpenUnitPage(page, r))).toHaveLength(1)
  })
})

describe('unit messages', () => {
  it('names the unit kinds in Chinese as the product does, and in English', () => {
    expect(zhCN.units.kinds).toEqual({
      government: '机关单位',
      enterprise: '企业',
      school: '学校',
      hospital: '医院',
      social_org: '社会组织',
      other: '其他',
    })
    for (const kind of UNIT_KINDS) expect(en.units.kinds[kind]).toMatch(/\S/)
  })

  it('words every alliance and roster state in both languages', () => {
    for (const messages of [zhCN, en]) {
      for (const s of allianceUnitMachine.states) expect(messages.units.allianceStatus[s]).toMatch(/\S/)
      for (const s of unitMemberMachine.states) expect(messages.units.memberStatus[s]).toMatch(/\S/)
    }
    expect(zhCN.units.memberStatus).toMatchObject({ active: '在册', requested: '待审批', invited: '已邀请' })
  })
})

describe('todayInChina', () => {
  it('is the calendar day in Asia/Shanghai, whatever the browser’s zone', () => {
    expect(todayInChina(new Date('2026-06-17T16:30:00Z'))).toBe('2026-06-18')
    expect(todayInChina(new Date('2026-06-17T15:59:00Z'))).toBe('2026-06-17')
  })
})
