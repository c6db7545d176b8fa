/** Counts the SQL statements drizzle sends, so tests can hold hot paths to a number. */
import type { Logger } from '@linli/server/db'

export class SqlCounter implements Logger {
  statements: string[] = []

  logQuery(query: string): void {
    this.statements.push(query)
  }

  get count(): number {
    return this.statements.length
  }

  reset(): void {
    this.statements = []
  }

  /** Statements issued while `fn` runs. */
  async measure<T>(fn: () => Promise<T>): Promise<{ result: T; count: number; statements: string[] }> {
    const start = this.statements.length
    const result = await fn()
    const statements = this.statements.slice(start)
    return { result, count: statements.length, statements }
  }
}
