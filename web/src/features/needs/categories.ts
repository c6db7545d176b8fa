/**
 * A community's service categories (红色教育, 关心关爱, …) by code, named in the reader's language.
 *
 * The `categories` setting is readable only by staff (`communitySettings`); residents and unit
 * admins have no query for it yet, so these pages offer the platform defaults from @linli/shared
 * and word any other code by itself. One place to change when the API answers them.
 */
import { DEFAULT_CATEGORIES, type Category } from '@linli/shared'
import { currentLocale } from '../../i18n/index.ts'

export function communityCategories(_communityId: string | null): readonly Category[] {
  return DEFAULT_CATEGORIES
}

/** A category's name in the reader's language; an unknown code stands for itself. */
export function categoryName(code: string, locale: string = currentLocale.value): string {
  const found = DEFAULT_CATEGORIES.find((c) => c.code === code)
  if (!found) return code
  return locale === 'en' ? (found.nameEn ?? found.name) : found.name
}
