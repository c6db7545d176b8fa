/** GraphQL documents used across tests. */
export const LOGIN = /* GraphQL */ `
  mutation Login($phone: String!, $password: String!) {
    login(phone: $phone, password: $password) {
      accessToken
      refreshToken
      accessTokenExpiresAt
      me {
        user {
          id
          realName
          phone
        }
        roles {
          role
          scopeType
          scopeName
        }
      }
    }
  }
`

export const REFRESH = /* GraphQL */ `
  mutation Refresh($refreshToken: String!) {
    refresh(refreshToken: $refreshToken) {
      accessToken
      refreshToken
    }
  }
`

export const ME = /* GraphQL */ `
  query Me {
    me {
      user {
        id
        realName
        phone
      }
      roles {
        role
        scopeType
        scopeId
        scopeName
      }
    }
  }
`

export interface LoginData {
  login: {
    accessToken: string
    refreshToken: string
    accessTokenExpiresAt: string
    me: { user: { id: string; realName: string; phone: string }; roles: { role: string; scopeName: string | null }[] }
  }
}
