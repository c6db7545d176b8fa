/**
 * 获取验证码 with its countdown: check the phone with the shared schema, ask the server to
 * send a code for one purpose, and count down until another may be requested (also when the
 * server says to wait, up to a minute).
 */
import { phoneSchema } from '@linli/shared'
import { onBeforeUnmount, ref } from 'vue'
import { ApiError } from '../../graphql/errors.ts'
import type { SmsPurpose } from './operations.ts'
import { useAuthStore } from './store.ts'

export type SmsSendResult = { ok: true } | { ok: false; fieldCode: string } | { ok: false; error: unknown }

export function useSmsCode(purpose: SmsPurpose) {
  const auth = useAuthStore()
  /** Seconds until another code may be requested. */
  const cooldown = ref(0)
  const sending = ref(false)
  let timer: ReturnType<typeof setInterval> | undefined

  function startCooldown(seconds: number) {
    cooldown.value = seconds
    clearInterval(timer)
    timer = setInterval(() => {
      cooldown.value = Math.max(0, cooldown.value - 1)
      if (cooldown.value === 0) clearInterval(timer)
    }, 1000)
  }
  onBeforeUnmount(() => clearInterval(timer))

  /** Send a code to `phone`: a field code when the phone is not valid, the error when sending failed. */
  async function send(phone: string): Promise<SmsSendResult> {
    const parsed = phoneSchema.safeParse(phone)
    if (!parsed.success) return { ok: false, fieldCode: parsed.error.issues[0]?.message ?? 'PHONE_INVALID' }
    sending.value = true
    try {
      const sent = await auth.requestSmsCode(parsed.data, purpose)
      startCooldown(sent.resendAfterSeconds)
      return { ok: true }
    } catch (err) {
      if (err instanceof ApiError && err.code === 'SMS_RATE_LIMITED' && (err.retryAfter ?? 0) <= 60) {
        startCooldown(err.retryAfter ?? 60)
      }
      return { ok: false, error: err }
    } finally {
      sending.value = false
    }
  }

  return { cooldown, sending, send }
}
