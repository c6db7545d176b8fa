/**
 * Release many clients at once. `race(n, task)` first opens `n` connections in the pool (so
 * the clients truly overlap instead of queueing for a connection), then starts every task
 * behind one barrier and waits for all of them, failures included.
 */
import type pg from 'pg'

export async function warmPool(pool: pg.Pool, n: number): Promise<void> {
  if (pool.options.max < n) throw new Error(`pool max ${pool.options.max} is below ${n} clients`)
  const clients = await Promise.all(Array.from({ length: n }, () => pool.connect()))
  for (const c of clients) c.release()
}

export async function race<T>(n: number, task: (i: number) => Promise<T>, pool?: pg.Pool) {
  if (pool) await warmPool(pool, n)
  let release!: () => void
  const barrier = new Promise<void>((r) => (release = r))
  const runs = Array.from({ length: n }, async (_, i) => {
    await barrier
    return task(i)
  })
  release()
  return Promise.allSettled(runs)
}
