export * from './places.ts'
export * from './users.ts'
export * from './units.ts'
export * from './auth.ts'
