/**
 * The points pages without a server: a statement line's kind in words (both languages), signed
 * amounts and what a line did to the owed amount, the last day points stay valid, the redemption
 * code as shown and as typed or scanned, my redemptions in the order the page lists them, why a
 * reward cannot be redeemed, the report's months (the last six by the server's clock, in Beijing),
 * the redeem attempt's idempotency key (kept only for a retry after a network failure) and the
 * 积分超市 page sending it so, who is offered which page, the points notifications in words, the
 * export's file name, and that every `points.*` key the pages use has words in both locales.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { POSTING_KINDS } from '@linli/shared'
import { createTestingPinia } from '@pinia/testing'
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { useNotificationText } from '../../web/src/features/notifications/format.ts'
import { canOpenPointsPage, pointsPagesFor, staffCommunity } from '../../web/src/features/points/access.ts'
import {
  amountTone,
  chinaMonth,
  createRedeemAttempt,
  defaultMonthRange,
  formatRedemptionCode,
  kindKey,
  monthRangeValid,
  orderMyRedemptions,
  owedNote,
  readRedemptionCode,
  reportFileName,
  rewardBlock,
  shiftMonth,
  signedAmount,
  validThrough,
} from '../../web/src/features/points/format.ts'
import type { Redemption, Reward } from '../../web/src/features/points/operations.ts'
import MobileStorePage from '../../web/src/features/points/pages/MobileStorePage.vue'
import { mobilePointsRoutes } from '../../web/src/features/points/routes.ts'
import { createApi, setApi } from '../../web/src/graphql/client.ts'
import { ApiError } from '../../web/src/graphql/errors.ts'
import { dispositionFileName } from '../../web/src/graphql/files.ts'
import { createAppRouter } from '../../web/src/router.ts'
import en from '../../web/src/i18n/en.ts'
import { i18n, setLocale } from '../../web/src/i18n/index.ts'
import zhCN from '../../web/src/i18n/zh-CN.ts'

// The app imports each Vant component with its stylesheet, which Node cannot load: the tests
// take the same components from Vant's entry, without styles.
vi.mock('../../web/src/ui/vant.ts', () => import('../../web/node_modules/vant/es/index'))

const tr = (locale: 'zh-CN' | 'en', key: string) => {
  setLocale(locale)
  return i18n.global.t(key)
}

describe('a statement line in words', () => {
  it('names every posting kind, in Chinese as the product does and in English', () => {
    expect(POSTING_KINDS.map((k) => tr('zh-CN', kindKey(k)))).toEqual([
      '获得',
      '奖励',
      '兑换',
      '退回',
      '冲减',
      '调整',
      '过期',
    ])
    expect(POSTING_KINDS.map((k) => tr('en', kindKey(k)))).toEqual([
      'Earned',
      'Bonus',
      'Redeemed',
      'Refunded',
      'Reversed',
      'Adjusted',
      'Expired',
    ])
  })

  it('signs amounts and tells credits from debits', () => {
    expect([12, -5, 0].map(signedAmount)).toEqual(['+12', '-5', '0'])
    expect([12, -5, 0].map(amountTone)).toEqual(['credit', 'debit', 'none'])
  })

  it('says what a line did to the owed amount', () => {
    expect(owedNote({ owedChange: 4 })).toEqual({ key: 'added', n: 4 })
    expect(owedNote({ owedChange: -3 })).toEqual({ key: 'settled', n: 3 })
    expect(owedNote({ owedChange: 0 })).toBeNull()
  })

  it('gives the last valid day in Beijing: a batch lapsing at 00:00 on 1 January is valid through 31 December', () => {
    // 2028-01-01 00:00 in Beijing.
    expect(validThrough('2027-12-31T16:00:00.000Z', 'zh-CN')).toBe('2027/12/31')
    expect(validThrough(null)).toBe('')
    expect(validThrough('not a date')).toBe('')
  })
})

describe('the redemption code', () => {
  it('shows 8 digits in two groups', () => {
    expect(formatRedemptionCode('12345678')).toBe('1234 5678')
  })

  it('reads what staff type or a scanner sends', () => {
    expect(readRedemptionCode('12345678')).toBe('12345678')
    expect(readRedemptionCode(' 1234 5678 ')).toBe('12345678')
    expect(readRedemptionCode('1234-5678')).toBe('12345678')
    expect(readRedemptionCode('12345678\n')).toBe('12345678')
    // A Chinese keyboard's full-width digits.
    expect(readRedemptionCode('１２３４５６７８')).toBe('12345678')
    expect(readRedemptionCode('1234567')).toBeNull()
    expect(readRedemptionCode('123456789')).toBeNull()
    expect(readRedemptionCode('1234abcd')).toBeNull()
    expect(readRedemptionCode('')).toBeNull()
  })
})

function redemption(over: Partial<Redemption>): Redemption {
  return {
    id: 'r',
    communityId: 'c1',
    communityName: '阳光社区',
    rewardId: 'w1',
    rewardName: '爱心理发券',
    rewardPictureId: null,
    price: 5,
    state: 'reserved',
    code: null,
    qrPng: null,
    volunteer: { id: 'v1', realName: '李志强', phone: '139****0002' },
    reservedAt: '2026-11-20T02:00:00.000Z',
    pickUpBy: '2026-11-27T02:00:00.000Z',
    fulfilledAt: null,
    cancelledAt: null,
    cancelReason: null,
    ...over,
  }
}

describe('my redemptions in order', () => {
  it('puts those to collect first, the soonest deadline first, then the rest newest first', () => {
    const items = [
      redemption({ id: 'done-old', state: 'fulfilled', fulfilledAt: '2026-10-01T02:00:00.000Z' }),
      redemption({ id: 'later', pickUpBy: '2026-11-30T02:00:00.000Z' }),
      redemption({ id: 'gone', state: 'cancelled', cancelledAt: '2026-11-21T02:00:00.000Z', cancelReason: 'expired' }),
      redemption({ id: 'sooner', pickUpBy: '2026-11-25T02:00:00.000Z' }),
    ]
    const { reserved, history } = orderMyRedemptions(items)
    expect(reserved.map((r) => r.id)).toEqual(['sooner', 'later'])
    expect(history.map((r) => r.id)).toEqual(['gone', 'done-old'])
    // The one just redeemed comes first.
    expect(orderMyRedemptions(items, 'later').reserved.map((r) => r.id)).toEqual(['later', 'sooner'])
  })

  it('words each cancel reason', () => {
    setLocale('zh-CN')
    expect(['volunteer', 'expired', 'staff'].map((r) => i18n.global.t(`points.cancelReasons.${r}`))).toEqual([
      '本人取消',
      '逾期未领取',
      '社区取消',
    ])
    expect(i18n.global.t('terms.redemptionStates.fulfilled')).toBe('已核销')
    expect(i18n.global.t('terms.redemptionStates.cancelled')).toBe('已取消')
  })
})

describe('whether a reward can be redeemed', () => {
  const reward = { price: 10, stock: 3, perPersonLimit: 2, myRedemptionCount: 0 }
  it('says why not: sold out first, then the limit, then points', () => {
    expect(rewardBlock(reward, 23)).toBeNull()
    expect(rewardBlock({ ...reward, stock: 0 }, 0)).toBe('soldOut')
    expect(rewardBlock({ ...reward, myRedemptionCount: 2 }, 23)).toBe('limitReached')
    expect(rewardBlock({ ...reward, perPersonLimit: null, myRedemptionCount: 9 }, 23)).toBeNull()
    expect(rewardBlock(reward, 9)).toBe('notEnough')
    expect(rewardBlock(reward, 10)).toBeNull()
  })
})

describe('the report’s months', () => {
  it('reads the month in Beijing, whatever the browser’s zone', () => {
    // 16:30 UTC on 30 November is already 1 December in Beijing.
    expect(chinaMonth('2026-11-30T16:30:00.000Z')).toBe('2026-12')
    expect(chinaMonth('2026-11-30T15:59:00.000Z')).toBe('2026-11')
  })

  it('moves by months across years', () => {
    expect(shiftMonth('2026-02', -3)).toBe('2025-11')
    expect(shiftMonth('2025-11', 2)).toBe('2026-01')
    expect(shiftMonth('2026-12', 0)).toBe('2026-12')
    expect(() => shiftMonth('2026-13', 1)).toThrow()
  })

  it('defaults to the last six months ending this month by the given (server’s) clock', () => {
    expect(defaultMonthRange('2026-11-23T01:00:00.000Z')).toEqual({ from: '2026-06', to: '2026-11' })
    expect(defaultMonthRange('2026-02-10T00:00:00.000Z')).toEqual({ from: '2025-09', to: '2026-02' })
    expect(defaultMonthRange('2026-12-31T17:00:00.000Z')).toEqual({ from: '2026-08', to: '2027-01' })
  })

  it('takes a range of months only, not backwards', () => {
    expect(monthRangeValid('2026-06', '2026-11')).toBe(true)
    expect(monthRangeValid('2026-11', '2026-11')).toBe(true)
    expect(monthRangeValid('2026-12', '2026-11')).toBe(false)
    expect(monthRangeValid('2026-6', '2026-11')).toBe(false)
    expect(monthRangeValid(null, '2026-11')).toBe(false)
  })

  it('names the export as the server does, or from the community when it gives no name', () => {
    expect(reportFileName('阳光社区', '2026-06', '2026-11')).toBe('阳光社区-积分报表-2026-06-2026-11.xlsx')
    expect(
      dispositionFileName(
        `attachment; filename="points-report.xlsx"; filename*=UTF-8''${encodeURIComponent('阳光社区-积分报表-2026-06-2026-11.xlsx')}`,
      ),
    ).toBe('阳光社区-积分报表-2026-06-2026-11.xlsx')
    expect(dispositionFileName('attachment; filename="points-report.xlsx"')).toBe('points-report.xlsx')
    expect(dispositionFileName(null)).toBeNull()
  })
})

describe('the redeem attempt’s idempotency key', () => {
  it('is new for each confirmation, kept for a retry after a network failure, dropped after any answer', () => {
    let n = 0
    const attempt = createRedeemAttempt(() => `key-${++n}`)
    attempt.begin()
    expect(attempt.key()).toBe('key-1')
    expect(attempt.settle(new ApiError('NETWORK_ERROR'))).toBe('retry')
    expect(attempt.key()).toBe('key-1')
    expect(attempt.settle(new ApiError('OUT_OF_STOCK'))).toBe('done')
    expect(attempt.key()).toBe('key-2')
    attempt.settle()
    attempt.begin()
    expect(attempt.key()).toBe('key-3')
  })
})

describe('who is offered the pages', () => {
  it('gives community staff 兑换核销, 积分超市管理 and 积分管理, no one else', () => {
    expect(pointsPagesFor('community_staff').map((p) => p.path)).toEqual([
      '/console/redemptions',
      '/console/rewards',
      '/console/points',
    ])
    for (const role of [
      'resident',
      'volunteer',
      'grid_worker',
      'unit_admin',
      'street_admin',
      'district_admin',
    ] as const)
      expect(pointsPagesFor(role)).toEqual([])
    expect(canOpenPointsPage('redemptions', null)).toBe(false)
    expect(staffCommunity({ role: 'community_staff', scopeId: 'c1' })).toBe('c1')
    expect(staffCommunity({ role: 'street_admin', scopeId: 's1' })).toBeNull()
  })

  it('puts the phone pages under 我的 with a way back', () => {
    expect(mobilePointsRoutes.map((r) => [r.path, r.meta?.back])).toEqual([
      ['points', 'mobile-me'],
      ['points/:communityId', 'mobile-points'],
      ['store/:communityId', 'mobile-points-statement'],
      ['redemptions', 'mobile-me'],
    ])
  })
})

describe('points notifications', () => {
  function render(kind: string, params: Record<string, unknown>): string {
    const Probe = defineComponent({
      setup() {
        const { title } = useNotificationText()
        return () => h('p', title({ kind, params }))
      },
    })
    return mount(Probe, { global: { plugins: [i18n] } }).text()
  }

  it('says an adjustment with its sign and reason, and a cancelled redemption with why', () => {
    setLocale('zh-CN')
    expect(render('points.adjusted', { communityName: '阳光社区', amount: 20, reason: '社区表彰' })).toBe(
      '阳光社区调整了您的积分：+20 分（原因：社区表彰）',
    )
    expect(render('points.adjusted', { communityName: '阳光社区', amount: -5, reason: '误发更正' })).toBe(
      '阳光社区调整了您的积分：-5 分（原因：误发更正）',
    )
    expect(render('redemption.cancelled', { rewardName: '爱心理发券', reason: 'expired' })).toBe(
      '您兑换的“爱心理发券”逾期未领取，积分已退回',
    )
    expect(render('redemption.cancelled', { rewardName: '爱心理发券', reason: 'staff' })).toBe(
      '您兑换的“爱心理发券”已由社区取消，积分已退回',
    )
    setLocale('en')
    expect(render('redemption.cancelled', { rewardName: 'Haircut', reason: 'expired' })).toBe(
      'Your redemption of “Haircut” was not collected in time: the points are back in your wallet',
    )
    setLocale('zh-CN')
  })

  it('fills the minutes, hours and reason of the hours and certificate notices, the reason said once', () => {
    setLocale('zh-CN')
    expect(render('hours.corrected', { title: '健康咨询', minutes: 120, reason: '签退时间有误' })).toBe(
      '您在活动“健康咨询”的服务时长已更正为 120 分钟：签退时间有误',
    )
    expect(render('hours.rejected', { title: '健康咨询', reason: '未到场' })).toBe(
      '您在活动“健康咨询”的服务时长未通过审核：未到场',
    )
    expect(render('certificate.issued', { communityName: '阳光社区', hours: 105 })).toBe(
      '阳光社区为您出具了志愿服务记录证明（105 小时）',
    )
  })
})

describe('points messages', () => {
  const ROOT = join(process.cwd(), '..', 'web/src/features/points')
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : /\.(vue|ts)$/.test(e.name) ? [join(dir, e.name)] : [],
    )
  const keys = new Set<string>()
  for (const file of files(ROOT)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/'(points\.[A-Za-z]+(?:\.[A-Za-z_]+)+)'/g)) keys.add(m[1]!)
  }
  // Keys built from a value: each value's words.
  for (const k of ['soldOut', 'limitReached', 'notEnough']) keys.add(`points.store.blocked.${k}`)
  for (const k of ['added', 'settled']) keys.add(`points.statement.owed.${k}`)
  for (const k of ['redemptions', 'rewards', 'points']) keys.add(`points.nav.${k}`)
  const lookup = (messages: unknown, key: string): unknown =>
    key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages)

  it('finds the keys it checks', () => {
    expect(keys.size).toBeGreaterThan(120)
  })
  for (const [locale, messages] of Object.entries({ 'zh-CN': zhCN, en })) {
    it(`${locale} has every key the pages use, and the points error codes`, () => {
      expect([...keys].filter((k) => typeof lookup(messages, k) !== 'string')).toEqual([])
      for (const code of ['INSUFFICIENT_POINTS', 'OUT_OF_STOCK', 'REDEMPTION_LIMIT_REACHED', 'REDEMPTION_CODE_INVALID'])
        expect(lookup(messages, `errors.${code}`), code).toMatch(/\S/)
    })
  }
  it('says the points refusals in Chinese as the product does', () => {
    expect(zhCN.errors.INSUFFICIENT_POINTS).toBe('积分不足')
    expect(zhCN.errors.OUT_OF_STOCK).toBe('已兑完')
    expect(zhCN.errors.REDEMPTION_LIMIT_REACHED).toBe('已达兑换上限')
    expect(zhCN.errors.REDEMPTION_CODE_INVALID).toBe('兑换码无效或已使用')
  })
})

describe('积分超市 page', () => {
  const REWARDS: Reward[] = [
    {
      id: 'w1',
      communityId: 'c1',
      name: '爱心理发券',
      description: '社区理发室理发一次',
      price: 5,
      stock: 50,
      perPersonLimit: 2,
      sponsor: null,
      pictureId: null,
      onSale: true,
      myRedemptionCount: 0,
      createdAt: '2026-10-01T00:00:00.000Z',
      updatedAt: '2026-10-01T00:00:00.000Z',
    },
    {
      id: 'w2',
      communityId: 'c1',
      name: '东北大米 5kg',
      description: '',
      price: 30,
      stock: 0,
      perPersonLimit: null,
      sponsor: { id: 'u1', name: '鼓楼区人民医院' },
      pictureId: null,
      onSale: true,
      myRedemptionCount: 0,
      createdAt: '2026-10-01T00:00:00.000Z',
      updatedAt: '2026-10-01T00:00:00.000Z',
    },
  ]
  const WALLET = {
    communityId: 'c1',
    communityName: '阳光社区',
    balance: 23,
    owed: 0,
    reserved: 0,
    expiringPoints: 0,
    expiringAt: null,
  }
  let keys: string[]
  let redeemAnswers: (() => Response | Promise<Response>)[]

  const json = (body: unknown) =>
    new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } })

  beforeEach(() => {
    localStorage.clear()
    setLocale('zh-CN')
    keys = []
    redeemAnswers = []
    setApi(
      createApi({
        url: 'http://linli.test/graphql',
        wsUrl: null,
        fetch: async (_input, init) => {
          const body = JSON.parse(String(init?.body)) as { operationName: string; variables: Record<string, unknown> }
          if (body.operationName === 'Rewards') return json({ data: { rewards: REWARDS } })
          if (body.operationName === 'MyPointsWallets') return json({ data: { myPointsWallets: [WALLET] } })
          if (body.operationName === 'RedeemReward') {
            keys.push(String(body.variables.idempotencyKey))
            return redeemAnswers.shift()!()
          }
          return json({ data: null })
        },
      }),
    )
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  /** The app's own router and 李志强 signed in (the store holds him), on 阳光社区's 积分超市. */
  async function openStore() {
    const pinia = createTestingPinia({
      stubActions: false,
      createSpy: vi.fn,
      initialState: {
        auth: {
          me: {
            user: { id: 'v1', realName: '李志强', phone: '13900000002' },
            roles: [{ id: 'g1', role: 'volunteer', scopeType: 'self', scopeId: null, scopeName: null }],
          },
        },
      },
    })
    const router = createAppRouter()
    await router.push('/m/store/c1')
    const page = mount(MobileStorePage, {
      attachTo: document.body,
      global: { plugins: [i18n, pinia, router], stubs: { transition: false } },
    })
    await flushPromises()
    return { page, router }
  }

  it('shows the balance, prices, stock, the limit with my count and 售罄', async () => {
    const { page } = await openStore()
    expect(page.get('[data-testid="store-balance"]').text()).toBe('23')
    const cards = page.findAll('[data-testid="store-reward"]')
    expect(cards.map((c) => c.get('[data-testid="store-reward-price"]').text())).toEqual(['5 积分', '30 积分'])
    expect(cards[0]!.get('[data-testid="store-reward-limit"]').text()).toBe('每人限兑 2 次（已兑 0 次）')
    expect(cards[1]!.get('[data-testid="store-reward-sold-out"]').text()).toBe('售罄')
    expect(cards[1]!.get('[data-testid="store-reward-sponsor"]').text()).toBe('由鼓楼区人民医院提供')
    expect(cards[1]!.find('[data-testid="store-redeem"]').exists()).toBe(false)
    page.unmount()
  })

  it('redeems once: a retry after a network failure sends the same key, a new confirmation a new one', async () => {
    const { page, router } = await openStore()
    const confirm = async () => {
      document.querySelector<HTMLButtonElement>('.van-dialog__confirm')!.click()
      await flushPromises()
    }

    // The first try never reaches the server; the dialog stays open to try again.
    redeemAnswers.push(() => Promise.reject(new TypeError('Failed to fetch')))
    await page.get('[data-testid="store-redeem"]').trigger('click')
    await flushPromises()
    expect(document.querySelector('[data-testid="store-confirm"]')?.textContent).toContain(
      '将使用 5 积分，兑换后余额 18 积分',
    )
    await confirm()
    expect(document.querySelector('[data-testid="store-confirm-problem"]')?.textContent).toContain('网络连接失败')
    expect(document.querySelector('.van-dialog__confirm')!.textContent).toContain('重试')

    // The retry: refused for good (another volunteer took the last one) — the same key.
    redeemAnswers.push(() =>
      json({ data: null, errors: [{ message: 'out of stock', extensions: { code: 'OUT_OF_STOCK' } }] }),
    )
    await confirm()
    expect(keys).toHaveLength(2)
    expect(keys[1]).toBe(keys[0])

    // A new confirmation is a new attempt, with a new key; it succeeds and 我的兑换 opens.
    redeemAnswers.push(() =>
      json({
        data: {
          redeemReward: {
            ...redemption({ id: 'new-one', code: '12345678', qrPng: 'data:image/png;base64,' }),
          },
        },
      }),
    )
    await page.get('[data-testid="store-redeem"]').trigger('click')
    await flushPromises()
    await confirm()
    await flushPromises()
    expect(keys).toHaveLength(3)
    expect(keys[2]).not.toBe(keys[0])
    expect(keys.every((k) => /^[0-9a-f-]{36}$/.test(k))).toBe(true)
    // 我的兑换 loads (lazily), then opens.
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('mobile-redemptions'))
    expect(router.currentRoute.value.query.new).toBe('new-one')
    page.unmount()
  })
})
