import type { ImportsMessages } from './types.ts'

const imports: ImportsMessages = {
  nav: { imports: '居民导入' },
  titles: { imports: '居民导入' },
  noScope: '当前角色没有所属社区，不能导入居民。',
  intro:
    '从 Excel 批量登记{community}的居民和志愿者：下载模板，按说明填写，再选择文件导入。手机号已登记的人会跳过，不会重复登记；只能导入已签署书面个人信息授权书的居民。',
  steps: { template: '第一步：下载模板并填写', file: '第二步：选择文件', mode: '第三步：选择导入方式' },
  template: {
    download: '下载导入模板',
    hint: '模板第 2 行是示例，导入前请删除或替换。第一行的列名不要改动，列的顺序可以调整。',
    column: '列名',
    note: '填写说明',
    required: '必填',
    optional: '选填',
  },
  columnNotes: {
    realName: '50 字以内',
    phone: '11 位手机号；已登记的手机号会跳过',
    role: '居民 或 志愿者（志愿者同时是居民）',
    grid: '须是本社区的网格名称，可不填',
    partyMember: '是 或 否（仅志愿者），可不填',
    consent: '填"是"：未签署书面授权的居民不能导入',
  },
  file: {
    choose: '选择 Excel 文件',
    change: '重新选择',
    none: '尚未选择文件',
    hint: '仅支持 .xlsx 格式，不超过 10 MB，一次最多 20000 行。',
    problems: {
      type: '只能导入 .xlsx 格式的 Excel 文件，请用模板填写后另存为 .xlsx',
      size: '文件超过 10 MB，请分成几个文件导入',
      empty: '文件是空的，请重新选择',
    },
  },
  modes: {
    all_or_nothing: {
      label: '全部正确才导入',
      hint: '只要有一行有误，就一个人也不导入；按错误明细改正后，整份文件重新导入。',
    },
    valid_only: {
      label: '只导入正确的行',
      hint: '正确的行马上导入，有误的行列在错误明细里；改正后可以再导入一次，已登记的人会自动跳过。',
    },
  },
  start: '开始导入',
  needFile: '请先选择要导入的文件',
  progress: {
    label: '导入进度',
    waiting: '已上传，正在准备…',
    checking: '正在检查：{processed} / {total} 行',
    writing: '正在写入：{processed} / {total} 人',
  },
  result: {
    title: '导入结果',
    file: '文件：{name}（{mode}，{time}）',
    fixHint: '请在 Excel 中按行号找到这些行，改正后再导入。',
  },
  outcomes: {
    running: '正在导入，请稍候…',
    done: '共 {total} 行：新增 {created} 人，已登记跳过 {existing} 人，有误 {invalid} 行。',
    doneWithErrors:
      '共 {total} 行：新增 {created} 人，已登记跳过 {existing} 人，有误 {invalid} 行（有误的行没有导入）。',
    rejected: '共 {total} 行，{invalid} 行有误，未导入任何人。',
    failed: '导入没有完成，未导入任何人。请稍后重新导入；如果仍然失败，请联系管理员。',
  },
  errors: {
    title: '错误明细',
    count: '共 {n} 条',
    row: '行号',
    column: '列',
    reason: '原因',
  },
  history: {
    title: '导入记录',
    empty: '本社区还没有导入过居民',
    file: '文件',
    mode: '导入方式',
    state: '状态',
    total: '总行数',
    created: '新增',
    existing: '已登记跳过',
    invalid: '有误',
    time: '导入时间',
    actions: '操作',
    open: '查看结果',
    shown: '正在查看',
  },
  states: { running: '导入中', done: '已完成', rejected: '未导入', failed: '失败' },
  failures: {
    type: '只能导入 .xlsx 格式的 Excel 文件，请用模板填写后另存为 .xlsx',
    size: '文件超过 {max} MB，请分成几个文件导入',
    headerMissing: '表头缺少这些列：{missing}。请使用导入模板，第一行的列名不要改动。',
    tooManyRows: '一次最多导入 {max} 行，请分成几个文件导入',
    noSheet: '文件里没有工作表，请使用导入模板',
    noFile: '请先选择要导入的文件',
  },
  lostTrack: '暂时无法获取导入进度，请稍后在导入记录中查看结果。',
}

export default imports
