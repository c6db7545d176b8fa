import { ZH_TERMS } from '@linli/shared'

export default ZH_TERMS
