import { ERROR_CODES, ROLES } from '@linli/shared'
import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { ApiError } from '../../web/src/graphql/errors.ts'
import en from '../../web/src/i18n/en.ts'
import type * as I18nModule from '../../web/src/i18n/index.ts'
import { i18n, setLocale, useErrorText } from '../../web/src/i18n/index.ts'
import { FIELD_CODES } from '../../web/src/i18n/types.ts'
import { CONSOLE_NAMESPACES } from '../../web/src/i18n/console.ts'
import zhCN from '../../web/src/i18n/zh-CN.ts'

const LOCALES = { 'zh-CN': zhCN, en } as const

describe('messages', () => {
  for (const [locale, messages] of Object.entries(LOCALES)) {
    it(`${locale} has a message for every ErrorCode, NETWORK_ERROR and every field code`, () => {
      for (const code of [...ERROR_CODES, 'NETWORK_ERROR' as const]) {
        expect(messages.errors[code], code).toMatch(/\S/)
      }
      for (const code of FIELD_CODES) expect(messages.fields[code], code).toMatch(/\S/)
      for (const role of ROLES) {
        expect(messages.roles[role], role).toMatch(/\S/)
        expect(messages.duties[role], role).toMatch(/\S/)
      }
    })
  }

  it('names the roles in Chinese as the product does', () => {
    expect(zhCN.roles).toEqual({
      resident: '居民',
      volunteer: '志愿者',
      unit_admin: '联盟单位管理员',
      grid_worker: '网格员',
      community_staff: '社区工作人员',
      street_admin: '街道管理员',
      district_admin: '区级管理员',
    })
  })
})

describe('English on demand', () => {
  // A fresh copy of the i18n module, as a page load has it (web/setup.ts loaded English into the shared one).
  async function freshI18n(): Promise<typeof I18nModule> {
    vi.resetModules()
    return import('../../web/src/i18n/index.ts')
  }
  afterEach(() => localStorage.removeItem('linli.locale'))

  it('is not in the first load: fetched when English is first chosen, then shown', async () => {
    const fresh = await freshI18n()
    expect(fresh.i18n.global.availableLocales).toEqual(['zh-CN'])
    fresh.setLocale('en')
    // Still Chinese until the English messages are here: never a page of message keys.
    expect(fresh.i18n.global.locale.value).toBe('zh-CN')
    await vi.waitFor(() => expect(fresh.i18n.global.locale.value).toBe('en'))
    expect(fresh.i18n.global.t('nav.home')).toBe(en.nav.home)
    expect(localStorage.getItem('linli.locale')).toBe('en')
    expect(document.documentElement.lang).toBe('en')
    fresh.setLocale('zh-CN')
    expect(fresh.i18n.global.t('nav.home')).toBe(zhCN.nav.home)
    fresh.setLocale('en') // now here: at once
    expect(fresh.i18n.global.t('nav.home')).toBe(en.nav.home)
  })

  it('a switch back to Chinese while English is on its way wins', async () => {
    const fresh = await freshI18n()
    fresh.setLocale('en')
    fresh.setLocale('zh-CN')
    await fresh.loadLocale('en')
    await Promise.resolve()
    expect(fresh.i18n.global.locale.value).toBe('zh-CN')
    expect(localStorage.getItem('linli.locale')).toBe('zh-CN')
  })

  it('a remembered English is there before the app mounts (localeReady)', async () => {
    localStorage.setItem('linli.locale', 'en')
    const fresh = await freshI18n()
    await fresh.localeReady
    expect(fresh.i18n.global.locale.value).toBe('en')
    expect(fresh.i18n.global.t('nav.home')).toBe(en.nav.home)
  })

  it('a choice made while the remembered English loads (the account’s, at sign-in) wins', async () => {
    localStorage.setItem('linli.locale', 'en')
    const fresh = await freshI18n()
    fresh.setLocale('zh-CN')
    await fresh.localeReady
    expect(fresh.i18n.global.locale.value).toBe('zh-CN')
    expect(localStorage.getItem('linli.locale')).toBe('zh-CN')
  })
})

describe('the console’s own messages', () => {
  it('are not in the first load: every namespace is in exactly one of the two parts', async () => {
    // Fresh modules: web/setup.ts merged the console part into the shared instance's messages.
    vi.resetModules()
    const core = Object.keys((await import('../../web/src/i18n/zh-CN.core.ts')).default)
    const consolePart = Object.keys((await import('../../web/src/i18n/zh-CN.console.ts')).default)
    expect(consolePart.sort()).toEqual([...CONSOLE_NAMESPACES].sort())
    expect(core.filter((ns) => consolePart.includes(ns))).toEqual([])
    expect([...core, ...consolePart].sort()).toEqual(Object.keys(zhCN).sort())
  })

  it('are added by loadConsoleMessages (main.ts awaits it before a console page)', async () => {
    vi.resetModules()
    const fresh = await import('../../web/src/i18n/index.ts')
    const { loadConsoleMessages } = await import('../../web/src/i18n/console.ts')
    expect(fresh.i18n.global.te('lists.nav.needs')).toBe(false)
    expect(fresh.i18n.global.te('home.greeting')).toBe(true)
    await loadConsoleMessages()
    expect(fresh.i18n.global.t('lists.nav.needs')).toBe(zhCN.lists.nav.needs)
    expect(fresh.i18n.global.t('home.greeting', { name: '王秀英' })).toBe('王秀英，您好')
  })
})

describe('useErrorText', () => {
  beforeEach(() => setLocale('zh-CN'))

  function show(text: (translators: ReturnType<typeof useErrorText>) => string): string {
    const Probe = defineComponent({
      setup() {
        const translators = useErrorText()
        return () => h('p', text(translators))
      },
    })
    return mount(Probe, { global: { plugins: [i18n] } }).text()
  }
  const render = (error: unknown): string => show(({ errorText }) => errorText(error))
  const renderField = (code: string): string => show(({ fieldText }) => fieldText(code))

  it('translates every field code, and an unknown one (or a prototype key) as 请检查此项', async () => {
    for (const code of FIELD_CODES) expect(renderField(code), code).toBe(zhCN.fields[code])
    for (const code of ['NO_SUCH_CODE', 'toString', '__proto__', 'PHONE_INVALID.x', ''])
      expect(renderField(code), code).toBe(zhCN.fields.unknown)
    await setLocale('en')
    expect(renderField('PHONE_INVALID')).toBe(en.fields.PHONE_INVALID)
    expect(renderField('NO_SUCH_CODE')).toBe(en.fields.unknown)
  })

  it('tells how long to wait after TOO_MANY_ATTEMPTS, in minutes and seconds', async () => {
    expect(render(new ApiError('TOO_MANY_ATTEMPTS', { retryAfter: 754 }))).toBe(
      '登录失败次数过多，请 12 分 34 秒后再试',
    )
    expect(render(new ApiError('TOO_MANY_ATTEMPTS', { retryAfter: 45 }))).toBe('登录失败次数过多，请 45 秒后再试')
    await setLocale('en')
    expect(render(new ApiError('TOO_MANY_ATTEMPTS', { retryAfter: 900 }))).toBe(
      'Too many failed sign-ins. Please try again in 15 min.',
    )
  })

  it('translates by code and keeps the choice of language', async () => {
    await setLocale('en')
    expect(render(new ApiError('INVALID_CREDENTIALS'))).toBe('The phone number or password is wrong.')
    expect(localStorage.getItem('linli.locale')).toBe('en')
    expect(document.documentElement.lang).toBe('en')
    await setLocale('zh-CN')
    expect(render(new ApiError('INVALID_CREDENTIALS'))).toBe('手机号或密码不正确')
    expect(render(new Error('boom'))).toBe(zhCN.errors.INTERNAL_ERROR)
  })
})
