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

export interface DirectoryCommunity {
  id: string
  name: string
  streetName: string
  districtName: string
  grids: Place[]
}

/** Communities anyone signed in may choose to live in, by community or street name; at most 50. */
export const CommunityDirectoryQuery: TypedDocumentNode<
  { communityDirectory: DirectoryCommunity[] },
  { search: string | null }
> = gql`
  query CommunityDirectory($search: String) {
    communityDirectory(search: $search) {
      id
      name
      streetName
      districtName
      grids {
        id
        kind
        name
        parentId
      }
    }
  }
`

/** The places a community staff member administers: their community and its grids. */
export const DeskPlacesQuery: TypedDocumentNode<{ administeredPlaces: Place[] }, Record<string, never>> = gql`
  query DeskPlaces {
    administeredPlaces {
      id
      kind
      name
      parentId
    }
  }
`

/** Community staff register where a resident lives (at the service hall); audited. */
export const StaffSetResidenceMutation: TypedDocumentNode<
  { staffSetResidence: boolean },
  { userId: string; communityId: string; gridId: string | null; address: string | null }
> = gql`
  mutation StaffSetResidence($userId: ID!, $communityId: ID!, $gridId: ID, $address: String) {
    staffSetResidence(userId: $userId, communityId: $communityId, gridId: $gridId, address: $address)
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
  /** Masked by the server (王*英): the full name comes with the (audited) contact details. */
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
