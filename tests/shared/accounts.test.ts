import {
  ageOn,
  birthDateFromResidentId,
  isValidIdNumber,
  isValidResidentId,
  maskIdNumber,
  needsGuardian,
  registerInputSchema,
  shanghaiDateOf,
  verifyRealNameInputSchema,
} from '@linli/shared'
import { describe, expect, it } from 'vitest'

// The worked example of GB 11643 (a fictional person).
const EXAMPLE = '11010519491231002X'

describe('maskIdNumber', () => {
  it('shows a resident ID as its area code and last four: 110101********1234', () => {
    expect(maskIdNumber('110101199003071234')).toBe('110101********1234')
    expect(maskIdNumber(EXAMPLE.toLowerCase())).toBe('110105********002X')
  })

  it('masks shorter documents to their first and last two characters', () => {
    expect(maskIdNumber('E12345678')).toBe('E1*****78')
    expect(maskIdNumber('ABC')).toBe('***')
  })
})

describe('resident ID numbers', () => {
  it('accept the checksum-valid example (x in either case) and give its birth date', () => {
    expect(isValidResidentId(EXAMPLE)).toBe(true)
    expect(isValidResidentId(EXAMPLE.toLowerCase())).toBe(true)
    expect(birthDateFromResidentId(EXAMPLE)).toBe('1949-12-31')
  })

  it('refuse a wrong check character, an impossible birth date and the wrong length', () => {
    expect(isValidResidentId('110105194912310021')).toBe(false)
    expect(isValidResidentId('110105194902300028')).toBe(false)
    expect(isValidResidentId('11010519491231002')).toBe(false)
    expect(isValidResidentId('01010519491231002X')).toBe(false)
  })

  it('check other documents by shape only', () => {
    expect(isValidIdNumber('passport', 'E12345678')).toBe(true)
    expect(isValidIdNumber('passport', 'E1')).toBe(false)
  })

  it('report ID_NUMBER_INVALID on the idNumber field and normalise the number', () => {
    const bad = verifyRealNameInputSchema.safeParse({ idType: 'resident_id', idNumber: '110105194912310021' })
    expect(bad.success).toBe(false)
    expect(bad.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['idNumber', 'ID_NUMBER_INVALID']])
    expect(verifyRealNameInputSchema.parse({ idType: 'resident_id', idNumber: ` ${EXAMPLE.toLowerCase()} ` })).toEqual({
      idType: 'resident_id',
      idNumber: EXAMPLE,
    })
  })
})

describe('ages on the Asia/Shanghai calendar', () => {
  it('counts a birthday on the day', () => {
    expect(ageOn('2012-11-01', '2026-11-01')).toBe(14)
    expect(ageOn('2012-11-02', '2026-11-01')).toBe(13)
    expect(needsGuardian('2012-11-02', '2026-11-01')).toBe(true)
    expect(needsGuardian('2012-11-01', '2026-11-01')).toBe(false)
  })

  it('takes the date in Shanghai, not in UTC', () => {
    expect(shanghaiDateOf(new Date('2026-10-31T16:00:00Z'))).toBe('2026-11-01')
    expect(shanghaiDateOf(new Date('2026-10-31T15:59:59Z'))).toBe('2026-10-31')
  })
})

describe('registerInputSchema', () => {
  it('asks for a six-digit SMS code with SMS_CODE_FORMAT', () => {
    const base = { phone: '13800000000', password: 'Secret123', realName: '张三', privacyNoticeVersion: 'v' }
    const bad = registerInputSchema.safeParse({ ...base, smsCode: '12a456' })
    expect(bad.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['smsCode', 'SMS_CODE_FORMAT']])
    expect(registerInputSchema.safeParse({ ...base, smsCode: '012345' }).success).toBe(true)
  })
})
