import { Workbook, type Worksheet } from 'exceljs';
import { defaultQuestionnaire, loadQuestionnaire, questionNumbers, type QuestionnaireDefinition } from '@assess/shared';
import { AppError } from '../../lib/errors';
import { buildQuestionnaireWorkbook, readQuestionnaireWorkbook } from './questionnaireWorkbook';
import { describeCondition, questionsById } from './questionnaireText';
import { QUESTIONNAIRE_XLSX_LIMITS } from './questionnaireWorkbookReader';
import { blankCellsXlsx, makeXlsx, sheetXml } from './testing/zip';

const questionnaire = loadQuestionnaire(defaultQuestionnaire);
const byId = questionsById(defaultQuestionnaire);
let template: Buffer;

beforeAll(async () => {
  template = await buildQuestionnaireWorkbook(defaultQuestionnaire);
});

async function open(bytes: Buffer): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.load(bytes);
  return workbook;
}

/** Where a question's row is: the sheet and row whose 编码 (hidden column H) is the id. */
function rowOf(workbook: Workbook, id: string): { sheet: Worksheet; row: number } {
  for (const sheet of workbook.worksheets) {
    for (let row = 1; row <= sheet.rowCount; row += 1) if (sheet.getCell(row, 8).value === id) return { sheet, row };
  }
  throw new Error(`no row for ${id}`);
}

function answerCell(workbook: Workbook, id: string) {
  const { sheet, row } = rowOf(workbook, id);
  return { cell: sheet.getCell(row, 6), address: `${sheet.name}!F${row}` };
}

function optionId(questionId: string, label: string): string {
  const question = byId.get(questionId);
  const option = question && 'options' in question ? question.options.find((candidate) => candidate.label === label) : undefined;
  if (!option) throw new Error(`no option ${label} in ${questionId}`);
  return option.id;
}

async function written(workbook: Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('buildQuestionnaireWorkbook', () => {
  it('When built from the default questionnaire, then it has a cover and one sheet per dimension plus bonus, every question once', async () => {
    const workbook = await open(template);
    const visible = workbook.worksheets.filter((sheet) => sheet.state === 'visible').map((sheet) => sheet.name);
    expect(visible).toEqual(['封面', ...defaultQuestionnaire.dimensions.map((dimension, index) => `${index + 1}.${dimension.title}`), '加分项']);
    const ids: string[] = [];
    for (const sheet of workbook.worksheets.slice(1)) {
      expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(['题号', '题目', '类型', '单位', '可选项/范围', '填写答案', '说明', '编码']);
      expect(sheet.getColumn(8).hidden).toBe(true);
      sheet.eachRow((row, number) => {
        const id = row.getCell(8).value;
        if (number > 3 && typeof id === 'string' && id) ids.push(id);
      });
    }
    expect(ids).toEqual(questionnaire.questions.map((compiled) => compiled.question.id));
  });

  it('When a question is listed, then its 题号 is the number the app shows (1.1, 加1), not its id', async () => {
    const workbook = await open(template);
    const numbers = questionNumbers(defaultQuestionnaire);
    const first = defaultQuestionnaire.dimensions[0]!.sections[0]!.questions[0]!;
    const { sheet, row } = rowOf(workbook, first.id);
    expect(sheet.getCell(row, 1).value).toBe('1.1');
    const bonus = rowOf(workbook, defaultQuestionnaire.bonus[0]!.id);
    expect(bonus.sheet.getCell(bonus.row, 1).value).toBe(numbers.get(defaultQuestionnaire.bonus[0]!.id));
    for (const sheet of workbook.worksheets.slice(1)) {
      sheet.eachRow((r, n) => {
        if (n > 3) expect(String(r.getCell(1).value ?? '')).toMatch(/^(|\d+\.\d+|加\d+)$/);
      });
    }
  });

  it("When the workbook is made for a campaign, then the cover gives the campaign's year, not the questionnaire's", async () => {
    const cover = (await open(await buildQuestionnaireWorkbook(defaultQuestionnaire, { year: 2026 }))).getWorksheet('封面')!;
    const facts = new Map<string, unknown>();
    cover.eachRow((row) => void facts.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(facts.get('年度')).toBe('2026');
    expect(facts.get('问卷版本')).toBe('iso56005-56002@2023');
  });

  it('When built, then the cover names the version and explains how to fill in Chinese', async () => {
    const cover = (await open(template)).getWorksheet('封面');
    const texts: string[] = [];
    cover?.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))));
    expect(texts).toContain('iso56005-56002@2023');
    expect(texts.join('\n')).toMatch(/多项之间用“；”或“、”分隔/);
  });

  it('When built, then each answer cell carries the validation of its type', async () => {
    const workbook = await open(template);
    const validation = (id: string) => answerCell(workbook, id).cell.dataValidation;
    expect(validation('ctx_external')).toMatchObject({ type: 'list' });
    expect(validation('overseas_business')).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(validation('employees')).toMatchObject({ type: 'whole', operator: 'between', formulae: [1, 2000000] });
    expect(validation('revenue')).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 1000000000] });
    expect(validation('ctx_stakeholders')).toMatchObject({ type: 'textLength' });
    expect(validation('ctx_stakeholders')?.prompt).toMatch(/“；”或“、”分隔/);
    expect(validation('imp_note')).toMatchObject({ type: 'textLength', formulae: [500] });
  });

  it('When a question is conditional, then its row says when to fill it', async () => {
    const workbook = await open(template);
    const { sheet, row } = rowOf(workbook, 'os_filing');
    expect(String(sheet.getCell(row, 7).value)).toMatch(/^【仅当“企业是否有海外业务.*”（overseas_business）为“是”时填写，否则请留空】/);
    const { sheet: opSheet, row: opRow } = rowOf(workbook, 'op_collab_ip');
    expect(String(opSheet.getCell(opRow, 7).value)).toContain('未选择“未开展”');
  });

  it('When a title or an option label starts like a formula, then it is written as quoted text, never as a formula', async () => {
    const hostile: QuestionnaireDefinition = JSON.parse(JSON.stringify(defaultQuestionnaire));
    const questions = hostile.dimensions[0]?.sections.flatMap((section) => section.questions) ?? [];
    const numeric = questions.find((question) => question.id === 'revenue');
    const single = questions.find((question) => question.id === 'ctx_external');
    if (!numeric || single?.type !== 'single') throw new Error('fixture changed');
    numeric.required = false;
    numeric.title = '=HYPERLINK("http://evil","x")';
    single.options[0] = { ...single.options[0]!, label: '@SUM(1)' };
    const workbook = await open(await buildQuestionnaireWorkbook(hostile));
    const title = rowOf(workbook, 'revenue');
    expect(title.sheet.getCell(title.row, 2).value).toBe(`'=HYPERLINK("http://evil","x")`);
    const options = rowOf(workbook, 'ctx_external');
    expect(String(options.sheet.getCell(options.row, 5).value)).toMatch(/^'@SUM\(1\)\n/);
    workbook.worksheets.forEach((sheet) => sheet.eachRow((row) => row.eachCell((cell) => expect(cell.formula).toBeUndefined())));
  });

  it('When options are long or hold commas, then the dropdown reads them from a hidden sheet, and the chosen label reads back', async () => {
    const wordy: QuestionnaireDefinition = JSON.parse(JSON.stringify(defaultQuestionnaire));
    const single = wordy.dimensions[0]?.sections.flatMap((section) => section.questions).find((question) => question.id === 'ctx_external');
    if (single?.type !== 'single') throw new Error('fixture changed');
    single.options = single.options.map((option, index) => ({ ...option, label: `第 ${index + 1} 档, ${'很长的说明'.repeat(10)}` }));
    const workbook = await open(await buildQuestionnaireWorkbook(wordy));
    const lists = workbook.getWorksheet('选项列表');
    expect(lists?.state).toBe('veryHidden');
    expect(lists?.getCell('A2').value).toBe(single.options[1]?.label);
    const answer = answerCell(workbook, 'ctx_external');
    expect(answer.cell.dataValidation).toMatchObject({ type: 'list', formulae: [`'选项列表'!$A$1:$A$${single.options.length}`] });
    answer.cell.value = single.options[1]?.label ?? '';
    const read = await readQuestionnaireWorkbook(await written(workbook), loadQuestionnaire(wordy));
    expect(read.answers).toEqual({ ctx_external: single.options[1]?.id });
    expect(read.refused).toEqual([]);
  });
});

describe('readQuestionnaireWorkbook', () => {
  it('When the untouched workbook is uploaded, then nothing is taken or refused', async () => {
    expect(await readQuestionnaireWorkbook(template, questionnaire)).toEqual({ answers: {}, taken: [], refused: [] });
  });

  it('When a filled workbook comes back, then valid answers are taken by 题号 and every other filled cell is refused with a reason', async () => {
    const workbook = await open(template);
    const fill = (id: string, value: string | number) => {
      answerCell(workbook, id).cell.value = value;
    };
    fill('revenue', 12345.67);
    fill('employees', '1,200人');
    fill('overseas_business', '是');
    fill('ctx_external', '每年至少分析一次，形成书面报告');
    fill('ctx_stakeholders', '客户（需求、知识产权归属与保密要求）、供应商与外包方；投资者与金融机构');
    fill('ips_objectives', ' 确保自由实施、规避侵权风险\n通过许可、转让获取收益 ');
    fill('plan_annual', '否');
    fill('imp_note', 2024);
    fill('lead_documents', '见附件 3：管理评审记录');
    // refused by the engine (draft validation)
    fill('rd_staff', 2.5);
    fill('ips_standards', '国家标准；未参与');
    fill('ip_budget', 10.123);
    // refused by the reader
    fill('ctx_scope', '随便写的');
    fill('op_feedback', '也许');
    fill('new_products', '很多');
    fill('ctx_systems', 'ISO 9001 等其他管理体系认证；火星认证');
    // answered on another sheet than its own: found by 题号, not by position
    const second = workbook.worksheets[2];
    if (!second) throw new Error('no sheet');
    // (rows copied with their hidden 编码, column H, as a user copying a row would)
    const moved = second.addRow([null, null, null, null, null, 40, null, 'disclosures']).number;
    const unknown = second.addRow([null, null, null, null, null, 'x', null, 'no_such_q']).number;
    const orphan = second.addRow([null, null, null, null, null, '没有题号的答案']).number;
    const repeat = second.addRow([null, null, null, null, null, 1, null, 'revenue']).number;
    workbook.addWorksheet('我的笔记').getCell('A1').value = '待核实的数据';

    const read = await readQuestionnaireWorkbook(await written(workbook), questionnaire);

    expect(read.answers).toEqual({
      revenue: 12345.67,
      employees: 1200,
      overseas_business: true,
      ctx_external: optionId('ctx_external', '每年至少分析一次，形成书面报告'),
      ctx_stakeholders: [
        optionId('ctx_stakeholders', '客户（需求、知识产权归属与保密要求）'),
        optionId('ctx_stakeholders', '供应商与外包方'),
        optionId('ctx_stakeholders', '投资者与金融机构'),
      ],
      ips_objectives: ['freedom', 'revenue'],
      plan_annual: false,
      imp_note: '2024',
      lead_documents: '见附件 3：管理评审记录',
      disclosures: 40,
    });
    expect(read.taken).toContainEqual({ questionId: 'revenue', cell: answerCell(workbook, 'revenue').address, value: 12345.67 });
    expect(read.taken).toContainEqual({ questionId: 'disclosures', cell: `${second.name}!F${moved}`, value: 40 });
    expect(read.taken).toHaveLength(Object.keys(read.answers).length);

    const refusedBy = (cell: string) => read.refused.find((entry) => entry.cell === cell);
    const at = (id: string) => answerCell(workbook, id).address;
    expect(refusedBy(at('rd_staff'))).toEqual({ questionId: 'rd_staff', cell: at('rd_staff'), reason: '请填写整数' });
    expect(refusedBy(at('ips_standards'))?.reason).toBe('「未参与」不能与其他选项同时选择');
    expect(refusedBy(at('ip_budget'))?.reason).toBe('最多保留 2 位小数');
    expect(refusedBy(at('ctx_scope'))?.reason).toMatch(/^“随便写的”不是本题的选项；可选：未明确 \/ /);
    expect(refusedBy(at('op_feedback'))?.reason).toMatch(/请填写“是”或“否”/);
    expect(refusedBy(at('new_products'))?.reason).toMatch(/“很多”不是数字/);
    expect(refusedBy(at('ctx_systems'))?.reason).toMatch(/^“火星认证”不是本题的选项/);
    expect(refusedBy(`${second.name}!F${unknown}`)?.reason).toMatch(/题号 “no_such_q” 不在本问卷中/);
    expect(refusedBy(`${second.name}!F${orphan}`)?.reason).toMatch(/没有题号/);
    expect(refusedBy(`${second.name}!F${repeat}`)).toEqual({ questionId: 'revenue', cell: `${second.name}!F${repeat}`, reason: `本题已在 ${at('revenue')} 填写，此处未采纳` });
    expect(refusedBy('我的笔记!A1')?.reason).toMatch(/不是问卷工作表/);
    expect(read.refused).toHaveLength(11);
  });

  it('When a workbook made before the 编码 column comes back (ids in 题号), then it is still read', async () => {
    const workbook = await open(template);
    const { sheet, row } = rowOf(workbook, 'revenue');
    for (const each of workbook.worksheets.slice(1)) {
      each.eachRow((r, n) => {
        if (n > 3 && r.getCell(8).value) r.getCell(1).value = r.getCell(8).value;
        r.getCell(8).value = null;
      });
      expect(each.getRow(3).getCell(1).value).toBe('题号');
    }
    sheet.getCell(row, 6).value = 2500;
    const read = await readQuestionnaireWorkbook(await written(workbook), questionnaire);
    expect(read.answers).toEqual({ revenue: 2500 });
  });

  it('When the workbook was made from another questionnaire version, then it says so and still reads by 题号', async () => {
    const workbook = await open(template);
    const cover = workbook.getWorksheet('封面');
    cover?.eachRow((row) => {
      if (row.getCell(1).value === '问卷版本') row.getCell(2).value = 'iso56005-56002@2022';
    });
    answerCell(workbook, 'plan_annual').cell.value = '是';
    const read = await readQuestionnaireWorkbook(await written(workbook), questionnaire);
    expect(read.answers).toEqual({ plan_annual: true });
    expect(read.refused).toEqual([expect.objectContaining({ cell: expect.stringMatching(/^封面!B\d+$/), reason: expect.stringMatching(/iso56005-56002@2022/) })]);
  });

  it('When the upload is not a workbook, a zip bomb or a huge sheet, then it is refused like an import', async () => {
    const codeOf = async (bytes: Buffer) =>
      readQuestionnaireWorkbook(bytes, questionnaire).then(
        () => 'accepted',
        (error: unknown) => (error instanceof AppError ? error.code : 'crash'),
      );
    expect(await codeOf(Buffer.from('题号,填写答案'))).toBe('FILE_INVALID');
    expect(await codeOf(makeXlsx(Buffer.alloc(1024), { declaredSize: 500 * 1024 * 1024 }))).toBe('FILE_INVALID');
    expect(await codeOf(makeXlsx(sheetXml(Array.from({ length: 6_000 }, () => ['x']))))).toBe('FILE_INVALID');
    expect(await codeOf(Buffer.alloc(21 * 1024 * 1024))).toBe('FILE_TOO_LARGE');
  });

  it('When a 350 KB workbook holds 3,000,000 value-less cells (issue 13: 6 s and 520 MB to load before), then FILE_TOO_COMPLEX from the census, and exceljs never sees it', async () => {
    const hostile = blankCellsXlsx({ cells: 3_000_000, sheets: 6 });
    expect(hostile.length).toBeLessThan(400 * 1024);
    const error = await readQuestionnaireWorkbook(hostile, questionnaire).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FILE_TOO_COMPLEX', status: 422, details: { bound: 'cells', limit: QUESTIONNAIRE_XLSX_LIMITS.maxCells } });
    // Ours, as downloaded, is far inside every bound.
    await expect(readQuestionnaireWorkbook(template, questionnaire)).resolves.toBeDefined();
  });
});

describe('describeCondition', () => {
  it('When conditions combine, then they read as one Chinese sentence', () => {
    const text = describeCondition({ all: [{ question: 'overseas_business', equals: true }, { question: 'employees', compare: 'gte', value: 100 }] }, byId);
    expect(text).toBe('“企业是否有海外业务（产品或服务出口、境外投资设…”（overseas_business）为“是”，且“上一年度末职工总数”（employees）不小于 100人');
  });
});
