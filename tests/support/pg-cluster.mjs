/**
 * A throwaway PostgreSQL cluster on a free loopback port, for the test command and the
 * benchmarks. As root it runs as the `postgres` system user (PostgreSQL refuses root).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export function findPgBin() {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, 'initdb'))) return process.env.PG_BIN
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim()
    if (existsSync(join(dir, 'initdb'))) return dir
  } catch {}
  const base = '/usr/lib/postgresql'
  if (existsSync(base)) {
    for (const v of readdirSync(base).sort((a, b) => Number(b) - Number(a))) {
      if (existsSync(join(base, v, 'bin/initdb'))) return join(base, v, 'bin')
    }
  }
  return null
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.unref()
    s.on('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
}

export async function startPostgres(bin) {
  const isRoot = process.getuid?.() === 0
  const dir = mkdtempSync(join(tmpdir(), 'linli-pg-'))
  const asPg = (cmd, args) => {
    const full = join(bin, cmd)
    return isRoot ? ['runuser', ['-u', 'postgres', '--', full, ...args]] : [full, args]
  }
  if (isRoot) {
    // PostgreSQL refuses to run as root: the cluster belongs to the postgres system user.
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    chownSync(dir, uid, gid)
  }
  const port = await freePort()
  const sh = (cmd, args) => {
    const [c, a] = asPg(cmd, args)
    const r = spawnSync(c, a, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`${cmd} failed:\n${r.stdout}\n${r.stderr}`)
  }
  sh('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync'])
  // Enough connections for concurrency tests (each races 40+ clients) across parallel files.
  const opts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400 -c shared_buffers=128MB`
  sh('pg_ctl', ['-D', join(dir, 'data'), '-w', '-l', join(dir, 'log'), '-o', opts, 'start'])
  const stop = () => {
    try {
      const [c, a] = asPg('pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', 'stop'])
      spawnSync(c, a, { stdio: 'ignore' })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop }
}
