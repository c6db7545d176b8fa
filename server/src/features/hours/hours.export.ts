/**
 * GET /exports/hours.xlsx?communityId=&state=pending|approved|voided,rejected&activityId=&reason=
 * — 时长审核's list as staff see it (the tab's state or states, an activity if chosen), every page,
 * in its order, as a spreadsheet: the volunteers' phones masked unless a reason is given (audited).
 */
import { DomainError, hourRecordMachine, type HourRecordState } from '@linli/shared'
import type { FastifyInstance } from 'fastify'
import { communityName, exportReason, exportRoute, shanghaiMinute, zhTerm } from '../../lib/xlsx-export.ts'

const FLAGS: [
  string,
  (r: { source: string; autoClosed: boolean; capped: boolean; belowThreshold: boolean }) => boolean,
][] = [
  ['补录', (r) => r.source === 'back_fill'],
  ['更正', (r) => r.source === 'correction'],
  ['自动签退', (r) => r.autoClosed],
  ['已封顶', (r) => r.capped],
  ['未达有效时长', (r) => r.belowThreshold],
]

export const HOURS_EXPORT_COLUMNS = [
  '志愿者',
  '手机号',
  '活动',
  '活动开始',
  '签到',
  '签退',
  '时长（分钟）',
  '标记',
  '说明',
  '状态',
]

export async function hoursExportRoutes(app: FastifyInstance) {
  exportRoute(app, '/exports/hours.xlsx', async (viewer, q) => {
    const states = [...new Set((q.state || 'pending').split(',').map((s) => s.trim()))] as HourRecordState[]
    if (states.some((s) => !(hourRecordMachine.states as readonly string[]).includes(s))) {
      throw new DomainError('BAD_USER_INPUT', 'Unknown state', { field: 'state' })
    }
    const communityId = q.communityId ?? ''
    const records = await app.hoursService.exportRecords(
      viewer,
      communityId,
      { states, activityId: q.activityId || null },
      exportReason(q),
    )
    const time = (d: Date | null) => (d ? shanghaiMinute(d) : '')
    return {
      title: `时长记录（${states.map((s) => zhTerm('hourRecordStates', s)).join('、')}）`,
      asciiName: 'hours.xlsx',
      placeName: await communityName(app.db, communityId),
      header: HOURS_EXPORT_COLUMNS,
      widths: [10, 14, 26, 18, 18, 18, 12, 16, 30, 8],
      rows: records.map((r) => [
        r.volunteer.realName,
        r.volunteer.phone,
        r.activityTitle,
        time(r.activityStartsAt),
        time(r.checkInAt),
        time(r.checkOutAt),
        r.minutes ?? '',
        FLAGS.filter(([, has]) => has(r))
          .map(([label]) => label)
          .join('、'),
        [r.reason, r.rejectReason].filter(Boolean).join('；'),
        zhTerm('hourRecordStates', r.state),
      ]),
    }
  })
}
