/** argon2id at the OWASP baseline (19 MiB, t=2, p=1): ~15 ms a hash on this machine. */
import { hash, verify } from '@node-rs/argon2'

const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const
// argon2id is the library default (Algorithm.Argon2id = 2, a const enum we cannot import).
const ARGON2ID = 2 as const

export function hashPassword(password: string): Promise<string> {
  return hash(password, { ...OPTIONS, algorithm: ARGON2ID })
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

let dummy: Promise<string> | undefined
/**
 * Verify against a throwaway hash when the phone is unknown, so that an unknown phone costs
 * the same time as a wrong password and cannot be told apart.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('linli-timing-equaliser-0')
  await verifyPassword(await dummy, password)
}
