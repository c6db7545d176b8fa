/** The auth feature's GraphQL operations, typed by hand against the server's SDL. */
import type { Role, ScopeType } from '@linli/shared'
import { gql, type TypedDocumentNode } from '../../graphql/client.ts'
import type { TokenPayload } from '../../graphql/tokens.ts'

export interface RoleGrant {
  id: string
  role: Role
  scopeType: ScopeType
  scopeId: string | null
  scopeName: string | null
}

export interface Preferences {
  locale: string | null
  elderMode: boolean | null
}

export interface Me {
  user: { id: string; realName: string; phone: string }
  roles: RoleGrant[]
  /** Language and 长辈模式 as last chosen on any device (features/auth/preferences.ts). */
  preferences?: Preferences
}

export interface AuthPayload extends TokenPayload {
  me: Me
}

const ME_FIELDS = `
  user { id realName phone }
  roles { id role scopeType scopeId scopeName }
  preferences { locale elderMode }
`

const PAYLOAD_FIELDS = `accessToken accessTokenExpiresAt refreshToken me { ${ME_FIELDS} }`

export const MeQuery: TypedDocumentNode<{ me: Me }, Record<string, never>> = gql`
  query Me { me { ${ME_FIELDS} } }
`

export const SetMyPreferencesMutation: TypedDocumentNode<
  { setMyPreferences: Preferences },
  { locale?: string; elderMode?: boolean }
> = gql`
  mutation SetMyPreferences($locale: String, $elderMode: Boolean) {
    setMyPreferences(locale: $locale, elderMode: $elderMode) {
      locale
      elderMode
    }
  }
`

export const PrivacyNoticeQuery: TypedDocumentNode<{ privacyNotice: { version: string } }, Record<string, never>> = gql`
  query PrivacyNotice {
    privacyNotice {
      version
    }
  }
`

export const LoginMutation: TypedDocumentNode<{ login: AuthPayload }, { phone: string; password: string }> = gql`
  mutation Login($phone: String!, $password: String!) {
    login(phone: $phone, password: $password) { ${PAYLOAD_FIELDS} }
  }
`

export interface RegisterInput {
  phone: string
  password: string
  realName: string
  privacyNoticeVersion: string
  /** The REGISTER code the phone received. */
  smsCode: string
  /** YYYY-MM-DD; someone under 14 (Asia/Shanghai calendar) also sends the guardian fields. */
  birthDate?: string | null
  guardianName?: string | null
  guardianPhone?: string | null
  guardianConsent?: boolean | null
}

export type SmsPurpose = 'REGISTER' | 'LOGIN' | 'RESET_PASSWORD'

export interface SmsCodeRequest {
  expiresInSeconds: number
  resendAfterSeconds: number
}

export const RequestSmsCodeMutation: TypedDocumentNode<
  { requestSmsCode: SmsCodeRequest },
  { phone: string; purpose: SmsPurpose }
> = gql`
  mutation RequestSmsCode($phone: String!, $purpose: SmsPurpose!) {
    requestSmsCode(phone: $phone, purpose: $purpose) {
      expiresInSeconds
      resendAfterSeconds
    }
  }
`

export const RegisterMutation: TypedDocumentNode<{ register: AuthPayload }, { input: RegisterInput }> = gql`
  mutation Register($input: RegisterInput!) {
    register(input: $input) { ${PAYLOAD_FIELDS} }
  }
`

export const LoginWithSmsCodeMutation: TypedDocumentNode<
  { loginWithSmsCode: AuthPayload },
  { phone: string; code: string }
> = gql`
  mutation LoginWithSmsCode($phone: String!, $code: String!) {
    loginWithSmsCode(phone: $phone, code: $code) { ${PAYLOAD_FIELDS} }
  }
`

export const ResetPasswordWithSmsCodeMutation: TypedDocumentNode<
  { resetPasswordWithSmsCode: boolean },
  { phone: string; code: string; newPassword: string }
> = gql`
  mutation ResetPasswordWithSmsCode($phone: String!, $code: String!, $newPassword: String!) {
    resetPasswordWithSmsCode(phone: $phone, code: $code, newPassword: $newPassword)
  }
`

export const LogoutMutation: TypedDocumentNode<{ logout: boolean }, { refreshToken: string | null }> = gql`
  mutation Logout($refreshToken: String) {
    logout(refreshToken: $refreshToken)
  }
`
