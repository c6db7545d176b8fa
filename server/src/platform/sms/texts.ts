/** The texts of the messages the platform sends, in Chinese (the people who receive them read Chinese). */
import { SMS_CODE_TTL_SECONDS, type SmsPurpose } from '@linli/shared'

const PURPOSE_TEXT: Record<SmsPurpose, string> = {
  REGISTER: '注册',
  LOGIN: '登录',
  RESET_PASSWORD: '重置密码',
}

/** 【邻里】您的验证码是 123456，5分钟内有效。 — with what it is for, so a code is not used for something else. */
export function smsCodeText(code: string, purpose: SmsPurpose): string {
  const minutes = Math.round(SMS_CODE_TTL_SECONDS / 60)
  return `【邻里】您的验证码是 ${code}，${minutes}分钟内有效，用于${PURPOSE_TEXT[purpose]}。请勿告诉他人。`
}
