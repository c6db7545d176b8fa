/**
 * 志愿者档案 in English on the phone (390×844), against the demo server: 冯建国, a party member of
 * the hospital with a Linli volunteer number, reads his number, teams and his 双报到 to 阳光社区
 * (confirmed by the hospital, waiting for the community); a malformed national number is refused
 * under its field; he adds a skill and an evening slot, saves, and finds them after a reload.
 * Screenshots: ./screenshots/volunteer-profile-en.png, volunteer-profile-dual-en.png.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { expectAccessible } from '../../support/a11y.ts'
import { SCREENSHOTS as SHOTS, VIEWPORTS, signIn, useBrowserSession } from '../../support/browser.ts'

const DOCTOR = '13900001002' // 冯建国, 鼓楼区人民医院

const session = useBrowserSession()

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).first().textContent()) ?? '').trim()

async function shot(page: Page, name: string): Promise<void> {
  await expect.poll(() => page.locator('.van-toast:visible').count(), { timeout: 10_000 }).toBe(0)
  await page.evaluate(() => document.fonts.ready)
  await page.screenshot({ path: `${SHOTS}${name}.png`, animations: 'disabled' })
}

describe('志愿者档案 in English', () => {
  it('shows the number, teams and 双报到; refuses a bad national number; saves skills and availability', async () => {
    const page = await signIn(session.browser, session.server, DOCTOR, VIEWPORTS.mobile)
    await page.getByTestId('locale-toggle').click()
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en')
    await page.getByTestId('volunteer-entry-profile').click()
    await page.getByTestId('volunteer-profile-card').waitFor()

    await expect.poll(() => text(page, 'volunteer-number')).toMatch(/^LL\d{8}$/)
    expect(await page.getByTestId('volunteer-profile-card').textContent()).toContain('Linli number')
    expect(await text(page, 'volunteer-teams')).toContain('医护志愿服务队 (鼓楼区人民医院)')
    const dual = page.getByTestId('dual-report')
    expect(await dual.getByTestId('state-tag').textContent()).toContain('Awaiting confirmation')
    expect(await text(page, 'dual-report-where')).toBe('阳光社区 · 鼓楼区人民医院')
    expect(await dual.textContent()).toContain('Unit confirmed')
    expect(await dual.textContent()).toContain('Community to confirm')
    expect(await page.getByTestId('volunteer-party-member').getAttribute('aria-checked')).toBe('true')

    // A national number too short for the registry is refused under its field.
    await page.getByTestId('volunteer-national-number').locator('input').fill('12')
    await page.getByTestId('volunteer-profile-save').click()
    await expect
      .poll(() => page.getByTestId('volunteer-national-number').locator('.van-field__error-message').textContent())
      .toMatch(/6.32/)
    await page.getByTestId('volunteer-national-number').locator('input').fill('')

    // A new skill and an evening slot.
    await page.getByTestId('volunteer-skill-input').locator('input').fill('First aid')
    await page.getByTestId('volunteer-skill-add').click()
    await expect.poll(() => page.getByTestId('volunteer-skill').allTextContents()).toContain('First aid')
    await page.getByTestId('volunteer-slot-weekday_evening').click()
    await page.getByTestId('volunteer-profile-save').click()
    await expect.poll(() => page.locator('.van-toast:visible').textContent()).toContain('Profile saved')
    await shot(page, 'volunteer-profile-dual-en')
    await page.evaluate(() => window.scrollTo(0, 0))
    await shot(page, 'volunteer-profile-en')
    await expectAccessible(page)

    await page.reload()
    await page.getByTestId('volunteer-profile-card').waitFor()
    await expect
      .poll(async () => (await page.getByTestId('volunteer-skill').allTextContents()).map((s) => s.trim()))
      .toEqual(['医护', '义诊', '健康讲座', 'First aid'])
    expect(await page.getByTestId('volunteer-slot-weekday_evening').getAttribute('aria-checked')).toBe('true')
    // Still the same Linli number: it is kept once issued.
    expect(await text(page, 'volunteer-number')).toMatch(/^LL\d{8}$/)
    await page.context().close()
  })
})
