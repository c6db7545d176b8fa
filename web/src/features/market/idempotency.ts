/**
 * Idempotency keys for a form that may be sent more than once (点单): one key per attempt. Sending
 * the same values again (a retry after a timeout or a lost answer) reuses the attempt's key, so
 * the server applies it once; changed values are a new attempt with a new key (the server
 * refuses a key reused for other values). After a success the next send starts afresh.
 */
export interface IdempotentAttempts<T> {
  /** The key to send `values` with. */
  keyFor(values: T): string
  /** The attempt succeeded: the next send is a new attempt. */
  succeeded(): void
}

export function createAttempts<T>(newKey: () => string = () => crypto.randomUUID()): IdempotentAttempts<T> {
  let current: { fingerprint: string; key: string } | null = null
  return {
    keyFor(values) {
      const fingerprint = JSON.stringify(values)
      if (current?.fingerprint !== fingerprint) current = { fingerprint, key: newKey() }
      return current.key
    },
    succeeded() {
      current = null
    },
  }
}
