/** Display and switching of role grants, shared by both faces. */
import type { Face } from '@linli/shared'
import { useRouter } from 'vue-router'
import { useI18n } from 'vue-i18n'
import type { RoleGrant } from './operations.ts'
import { useAuthStore } from './store.ts'

export const HOME_ROUTE: Record<Face, string> = { mobile: 'mobile-home', console: 'console-home' }

export function useRoles() {
  const { t } = useI18n()
  const auth = useAuthStore()
  const router = useRouter()

  /** The place a grant is scoped to; "personal" for resident and volunteer. */
  function scopeText(grant: RoleGrant): string {
    return grant.scopeName ?? t('home.selfScope')
  }

  function grantText(grant: RoleGrant): string {
    return `${t(`roles.${grant.role}`)} · ${scopeText(grant)}`
  }

  /** Act as another of one's roles; its home (and face) follows. */
  async function switchTo(grantId: string): Promise<void> {
    auth.switchRole(grantId)
    await router.push({ name: HOME_ROUTE[auth.face] })
  }

  return { scopeText, grantText, switchTo }
}
