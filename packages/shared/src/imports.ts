/**
 * Excel in (issue 9): importing residents and volunteers into a community from the template.
 * The columns, and the row check — pure, so the server and the tests agree on every reason. The
 * reasons are in Chinese: staff read them next to the row and column of their own spreadsheet.
 */

export const IMPORT_MODES = ['all_or_nothing', 'valid_only'] as const
export type ImportMode = (typeof IMPORT_MODES)[number]

export const PEOPLE_IMPORT_COLUMNS = [
  { key: 'realName', header: '姓名', required: true, example: '张桂兰', note: '必填，50 字以内' },
  {
    key: 'phone',
    header: '手机号',
    required: true,
    example: '13912345678',
    note: '必填，11 位手机号；已登记的手机号会跳过',
  },
  { key: 'role', header: '身份', required: true, example: '居民', note: '必填：居民 或 志愿者（志愿者同时是居民）' },
  {
    key: 'grid',
    header: '所在网格',
    required: false,
    example: '第一网格（阳光花园）',
    note: '选填，须是本社区的网格名称',
  },
  { key: 'partyMember', header: '是否党员', required: false, example: '否', note: '选填：是 或 否（仅志愿者）' },
  {
    key: 'consent',
    header: '已签署个人信息授权书',
    required: true,
    example: '是',
    note: '必填：是（未签署书面授权的居民不能导入）',
  },
] as const

export type PeopleImportKey = (typeof PEOPLE_IMPORT_COLUMNS)[number]['key']

export interface ImportRowError {
  /** The spreadsheet's row number (the header is row 1). */
  row: number
  /** The column's header, as in the template. */
  column: string
  reason: string
}

export interface PeopleImportRow {
  row: number
  realName: string
  phone: string
  volunteer: boolean
  grid: string | null
  partyMember: boolean
}

const header = (key: PeopleImportKey) => PEOPLE_IMPORT_COLUMNS.find((c) => c.key === key)!.header
const YES = new Set(['是', 'Y', 'y', 'yes', 'Yes', 'YES', '1', 'true', 'TRUE'])
const NO = new Set(['否', 'N', 'n', 'no', 'No', 'NO', '0', 'false', 'FALSE'])

/** Check one row's cells (by column key, already trimmed text); grids are the community's names. */
export function checkPeopleRow(
  row: number,
  cells: Partial<Record<PeopleImportKey, string>>,
  grids: ReadonlySet<string>,
): { value: PeopleImportRow | null; errors: ImportRowError[] } {
  const errors: ImportRowError[] = []
  const fail = (key: PeopleImportKey, reason: string) => errors.push({ row, column: header(key), reason })
  const get = (key: PeopleImportKey) => (cells[key] ?? '').trim()

  const realName = get('realName')
  if (!realName) fail('realName', '姓名必填')
  else if (realName.length > 50) fail('realName', '姓名不能超过 50 个字')

  const phone = get('phone').replace(/[\s-]/g, '')
  if (!phone) fail('phone', '手机号必填')
  else if (!/^1[3-9]\d{9}$/.test(phone)) fail('phone', `手机号格式不正确：${phone}（应为 11 位，以 1 开头）`)

  const role = get('role')
  if (!role) fail('role', '身份必填')
  else if (role !== '居民' && role !== '志愿者') fail('role', `身份只能是"居民"或"志愿者"，不能是"${role}"`)

  const grid = get('grid') || null
  if (grid && !grids.has(grid)) fail('grid', `本社区没有"${grid}"这个网格`)

  const party = get('partyMember')
  if (party && !YES.has(party) && !NO.has(party)) fail('partyMember', '是否党员只能填"是"或"否"')

  const consent = get('consent')
  if (!YES.has(consent)) fail('consent', '须已签署个人信息授权书（填"是"），否则不能导入')

  if (errors.length > 0) return { value: null, errors }
  return {
    value: { row, realName, phone, volunteer: role === '志愿者', grid, partyMember: YES.has(party) },
    errors,
  }
}

/**
 * Check every row: each row's own errors, and a phone that repeats an earlier row of the file.
 * Rows whose cells are all empty are skipped (a spreadsheet's trailing blank lines).
 */
export function checkPeopleRows(
  rows: readonly { row: number; cells: Partial<Record<PeopleImportKey, string>> }[],
  grids: ReadonlySet<string>,
): { valid: PeopleImportRow[]; errors: ImportRowError[]; total: number } {
  const valid: PeopleImportRow[] = []
  const errors: ImportRowError[] = []
  const seen = new Map<string, number>()
  let total = 0
  for (const r of rows) {
    if (Object.values(r.cells).every((v) => !v || !v.trim())) continue
    total++
    const checked = checkPeopleRow(r.row, r.cells, grids)
    if (!checked.value) {
      errors.push(...checked.errors)
      continue
    }
    const first = seen.get(checked.value.phone)
    if (first !== undefined) {
      errors.push({ row: r.row, column: header('phone'), reason: `与第 ${first} 行的手机号重复` })
      continue
    }
    seen.set(checked.value.phone, r.row)
    valid.push(checked.value)
  }
  return { valid, errors, total }
}
