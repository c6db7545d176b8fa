export function findPgBin(): string | null
export function startPostgres(bin: string): Promise<{ url: string; stop(): void }>
