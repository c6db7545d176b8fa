/** The account feature's GraphQL operations (accounts and privacy SDL), typed by hand. */
import type { IdType } from '@linli/shared'
import { gql, type TypedDocumentNode } from '../../graphql/client.ts'

export interface Residence {
  communityId: string
  communityName: string
  gridId: string | null
  gridName: string | null
  address: string | null
}

const RESIDENCE_FIELDS = 'communityId communityName gridId gridName address'

export const MyResidenceQuery: TypedDocumentNode<{ myResidence: Residence | null }, Record<string, never>> = gql`
  query MyResidence { myResidence { ${RESIDENCE_FIELDS} } }
`

export const SetMyResidenceMutation: TypedDocumentNode<
  { setMyResidence: Residence },
  { communityId: string; gridId: string | null; address: string | null }
> = gql`
  mutation SetMyResidence($communityId: ID!, $gridId: ID, $address: String) {
    setMyResidence(communityId: $communityId, gridId: $gridId, address: $address) { ${RESIDENCE_FIELDS} }
  }
`

export interface Place {
  id: string
  kind: 'district' | 'street' | 'community' | 'grid'
  name: string
  parentId: string | null
}

/** The places the person administers: the only list of communities the API offers (see routes.ts). */
export const ResidencePlacesQuery: TypedDocumentNode<{ administeredPlaces: Place[] }, Record<string, never>> = gql`
  query ResidencePlaces {
    administeredPlaces {
      id
      kind
      name
      parentId
    }
  }
`

export const MyDataQuery: TypedDocumentNode<{ myData: unknown }, Record<string, never>> = gql`
  query MyData {
    myData
  }
`

export const DeleteMyAccountMutation: TypedDocumentNode<
  { deleteMyAccount: boolean },
  { password: string | null; smsCode: string | null }
> = gql`
  mutation DeleteMyAccount($password: String, $smsCode: String) {
    deleteMyAccount(password: $password, smsCode: $smsCode)
  }
`

export interface PersonSummary {
  id: string
  realName: string
  phoneMasked: string
}

export const FindResidentQuery: TypedDocumentNode<{ findPersonByPhone: PersonSummary | null }, { phone: string }> = gql`
  query FindResident($phone: String!) {
    findPersonByPhone(phone: $phone) {
      id
      realName
      phoneMasked
    }
  }
`

export interface ResidentContact {
  userId: string
  realName: string
  phone: string
  gridName: string | null
  address: string | null
}

export const ResidentContactQuery: TypedDocumentNode<
  { residentContact: ResidentContact },
  { userId: string; communityId: string }
> = gql`
  query ResidentContact($userId: ID!, $communityId: ID!) {
    residentContact(userId: $userId, communityId: $communityId) {
      userId
      realName
      phone
      gridName
      address
    }
  }
`

export const StaffResetPasswordMutation: TypedDocumentNode<
  { staffResetPassword: boolean },
  { userId: string; newPassword: string }
> = gql`
  mutation StaffResetPassword($userId: ID!, $newPassword: String!) {
    staffResetPassword(userId: $userId, newPassword: $newPassword)
  }
`

export interface VerifiedUser {
  id: string
  realName: string
  idNumberMasked: string | null
  realNameVerified: boolean | null
}

export const VerifyRealNameMutation: TypedDocumentNode<
  { verifyRealName: VerifiedUser },
  { userId: string; idType: IdType; idNumber: string }
> = gql`
  mutation VerifyRealName($userId: ID!, $idType: IdType!, $idNumber: String!) {
    verifyRealName(userId: $userId, idType: $idType, idNumber: $idNumber) {
      id
      realName
      idNumberMasked
      realNameVerified
    }
  }
`
