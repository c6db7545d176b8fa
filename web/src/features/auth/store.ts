/**
 * Who is signed in and which of their roles they are acting as. Sign-in picks the most
 * privileged grant; the role switcher changes it (and with it the home and its face).
 */
import { ROLE_FACE, type ErrorCode, type Face, type Role } from '@linli/shared'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useApi } from '../../graphql/client.ts'
import { ApiError } from '../../graphql/errors.ts'
import {
  LoginMutation,
  LoginWithSmsCodeMutation,
  LogoutMutation,
  MeQuery,
  RegisterMutation,
  RequestSmsCodeMutation,
  ResetPasswordWithSmsCodeMutation,
  type AuthPayload,
  type Me,
  type RegisterInput,
  type RoleGrant,
  type SmsCodeRequest,
  type SmsPurpose,
} from './operations.ts'
import { adoptPreferences, forgetPreferences } from './preferences.ts'
import { primaryGrant, sortGrants } from './roles.ts'

const ACTIVE_GRANT_KEY = 'linli.activeGrant'

export const useAuthStore = defineStore('auth', () => {
  const me = ref<Me | null>(null)
  const activeGrantId = ref<string | null>(null)
  /** Why the last session ended without the person signing out (a refused refresh). */
  const sessionEndedBy = ref<ErrorCode | null>(null)
  /** A phone to fill in on the sign-in page (after a password reset), kept in memory only. */
  const pendingPhone = ref<string | null>(null)

  /** The person's grants, most privileged first. */
  const grants = computed<RoleGrant[]>(() => sortGrants(me.value?.roles ?? []))
  const activeGrant = computed<RoleGrant | null>(
    () => grants.value.find((g) => g.id === activeGrantId.value) ?? grants.value[0] ?? null,
  )
  const activeRole = computed<Role | null>(() => activeGrant.value?.role ?? null)
  /** Which face of the web the active role works in. */
  const face = computed<Face>(() => (activeRole.value ? ROLE_FACE[activeRole.value] : 'mobile'))
  const isSignedIn = computed(() => me.value !== null)

  return {
    me,
    grants,
    activeGrant,
    activeRole,
    face,
    isSignedIn,
    sessionEndedBy,
    pendingPhone,
    hasTokens,
    signIn,
    signInWithSmsCode,
    resetPassword,
    register,
    requestSmsCode,
    loadMe,
    ensureLoaded,
    switchRole,
    signOut,
    forgetSession,
    endSession,
    reset,
  }

  /** Whether tokens are stored (the session may still turn out to have ended). */
  function hasTokens(): boolean {
    return useApi().tokens.read() !== null
  }

  /** Sign in by phone and password; lands on the primary role. Throws `ApiError`. */
  async function signIn(phone: string, password: string): Promise<void> {
    const { login } = await useApi().mutate(LoginMutation, { phone, password })
    start(login)
  }

  /** Sign in with a LOGIN code sent to the phone. Throws `ApiError` (SMS_CODE_INVALID, TOO_MANY_ATTEMPTS). */
  async function signInWithSmsCode(phone: string, code: string): Promise<void> {
    const { loginWithSmsCode } = await useApi().mutate(LoginWithSmsCodeMutation, { phone, code })
    start(loginWithSmsCode)
  }

  /** Forgotten password: set a new one with a RESET_PASSWORD code; the server ends every session. */
  async function resetPassword(phone: string, code: string, newPassword: string): Promise<void> {
    await useApi().mutate(ResetPasswordWithSmsCodeMutation, { phone, code, newPassword })
  }

  /** Create a resident account with privacy consent and sign it in. Throws `ApiError`. */
  async function register(input: RegisterInput): Promise<void> {
    const data = await useApi().mutate(RegisterMutation, { input })
    start(data.register)
  }

  /** Send a verification code by SMS; says when another may be requested. Throws `ApiError`. */
  async function requestSmsCode(phone: string, purpose: SmsPurpose): Promise<SmsCodeRequest> {
    return (await useApi().mutate(RequestSmsCodeMutation, { phone, purpose })).requestSmsCode
  }

  /** Reload who the person is (roles may have changed); keeps the chosen role if still held. */
  async function loadMe(): Promise<void> {
    const data = await useApi().query(MeQuery, {})
    me.value = data.me
    adoptPreferences(data.me.preferences)
    const remembered = localStorage.getItem(ACTIVE_GRANT_KEY)
    const keep = data.me.roles.some((g) => g.id === remembered)
    selectGrant(keep ? remembered : (primaryGrant(data.me.roles)?.id ?? null))
  }

  /** For the route guard: true when a session exists and `me` is loaded. */
  async function ensureLoaded(): Promise<boolean> {
    if (me.value) return true
    if (!hasTokens()) return false
    try {
      await loadMe()
      return true
    } catch (err) {
      // A network failure keeps the tokens (the person is still signed in, just offline).
      if (err instanceof ApiError && err.code !== 'NETWORK_ERROR') {
        useApi().tokens.clear()
        reset()
      }
      return false
    }
  }

  function switchRole(grantId: string): void {
    if (grants.value.some((g) => g.id === grantId)) selectGrant(grantId)
  }

  /** End the session on the server (best effort) and forget it here. */
  async function signOut(): Promise<void> {
    const api = useApi()
    const refreshToken = api.tokens.read()?.refreshToken ?? null
    try {
      await api.mutate(LogoutMutation, { refreshToken })
    } catch {
      // Signed out locally either way; the server session expires on its own.
    }
    api.tokens.clear()
    reset()
  }

  /** The server already ended every session (the account was deleted): forget it here too. */
  function forgetSession(): void {
    useApi().tokens.clear()
    reset()
  }

  /** The server refused to refresh: the client already cleared the tokens. */
  function endSession(code: ErrorCode): void {
    reset()
    sessionEndedBy.value = code
  }

  function reset(): void {
    me.value = null
    forgetPreferences()
    activeGrantId.value = null
    localStorage.removeItem(ACTIVE_GRANT_KEY)
  }

  function start(payload: AuthPayload): void {
    sessionEndedBy.value = null
    useApi().tokens.save(payload)
    me.value = payload.me
    adoptPreferences(payload.me.preferences)
    selectGrant(primaryGrant(payload.me.roles)?.id ?? null)
  }

  function selectGrant(id: string | null): void {
    activeGrantId.value = id
    if (id) localStorage.setItem(ACTIVE_GRANT_KEY, id)
    else localStorage.removeItem(ACTIVE_GRANT_KEY)
  }
})
