import { Workbook, type Cell, type DataValidation, type Worksheet } from 'exceljs';
import { MAX_TEXT_ANSWER, questionNumbers, questionnaireRef, questionTypeLabels, type QuestionnaireDefinition } from '@assess/shared';
import { QUESTION_COLUMNS, COVER_SHEET, LISTS_SHEET, VERSION_LABEL } from './questionnaireLayout';
import { allowedText, describeCondition, questionsById, type AnyQuestion } from './questionnaireText';
import { safeCell } from './safeCell';
import { HEADER_FILL, THIN_BORDER, addValidation, beijingText, columnLetter, inlineList, listRange, sheetNameOf } from './sheetKit';

export { readQuestionnaireWorkbook } from './questionnaireWorkbookReader';
export type { WorkbookReading } from './questionnaireWorkbookReader';

const WIDTHS = [8, 48, 9, 8, 34, 28, 56, 16];
const CODE_COLUMN = QUESTION_COLUMNS.indexOf('编码') + 1;
const ANSWER_COLUMN = QUESTION_COLUMNS.indexOf('填写答案') + 1;
const ANSWER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } } as const;
const SECTION_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } } as const;
const GREY = { argb: 'FF808080' };
const NUMBER_LIMIT = 1e15;
const WRITE_HERE = '只在黄色的“填写答案”列填写；题号与网页和小程序上的题号相同。其余各列（含隐藏的“编码”列，上传时用它识别题目）请勿修改。';

/** Long dropdown lists go to one hidden sheet, a column per question. */
class ListSheet {
  private sheet: Worksheet | undefined;
  private columns = 0;
  constructor(private readonly workbook: Workbook) {}

  /** A list formula for the labels: inline when short, else a range on the hidden sheet. */
  formula(labels: readonly string[]): string {
    const inline = inlineList(labels);
    if (inline) return inline;
    const sheet = (this.sheet ??= this.workbook.addWorksheet(LISTS_SHEET, { state: 'veryHidden' }));
    this.columns += 1;
    const column = columnLetter(this.columns);
    labels.forEach((label, index) => {
      sheet.getCell(`${column}${index + 1}`).value = label;
    });
    return listRange(LISTS_SHEET, column, 1, labels.length);
  }
}

function numericValidation(question: Extract<AnyQuestion, { type: 'numeric' }>, prompt: string): DataValidation {
  const kind = question.format === 'integer' ? 'whole' : 'decimal';
  const { min, max } = question;
  const bounds: Pick<DataValidation, 'operator' | 'formulae'> =
    min !== undefined && max !== undefined
      ? { operator: 'between', formulae: [min, max] }
      : min !== undefined
        ? { operator: 'greaterThanOrEqual', formulae: [min] }
        : max !== undefined
          ? { operator: 'lessThanOrEqual', formulae: [max] }
          : { operator: 'between', formulae: [-NUMBER_LIMIT, NUMBER_LIMIT] };
  return {
    type: kind,
    allowBlank: true,
    ...bounds,
    promptTitle: `数值（${question.unit}）`,
    prompt,
    errorTitle: '数值不符合要求',
    error: `请填写${allowedText(question)}，单位：${question.unit}`,
  };
}

/** The answer cell's validation: what Excel enforces as the user types offline. */
function answerValidation(question: AnyQuestion, lists: ListSheet, condition: string): DataValidation {
  const when = condition ? `（${condition}）` : '';
  switch (question.type) {
    case 'single': {
      const labels = question.options.map((option) => safeCell(option.label));
      return { type: 'list', allowBlank: true, formulae: [lists.formula(labels)], promptTitle: '单选', prompt: `请从下拉列表中选择一项${when}`, errorTitle: '不是本题的选项', error: '请从下拉列表中选择' };
    }
    case 'yesno':
      return { type: 'list', allowBlank: true, formulae: ['"是,否"'], promptTitle: '是/否', prompt: `请选择“是”或“否”${when}`, errorTitle: '请填写是或否', error: '只能填写“是”或“否”' };
    case 'multiple': {
      const example = question.options
        .filter((option) => !option.exclusive)
        .slice(0, 2)
        .map((option) => option.label)
        .join('；');
      return {
        type: 'textLength',
        operator: 'lessThanOrEqual',
        allowBlank: true,
        formulae: [MAX_TEXT_ANSWER],
        promptTitle: '多选：填写选项文字',
        prompt: `请填写所选选项的文字（见“可选项”列），多项之间用“；”或“、”分隔，例如：${example}${when}`,
        errorTitle: '内容过长',
        error: `最多 ${MAX_TEXT_ANSWER} 字`,
      };
    }
    case 'numeric':
      return numericValidation(question, `请只填写数字，单位：${question.unit}；${allowedText(question)}${when}`);
    case 'text':
    case 'evidence': {
      const limit = question.maxLength ?? MAX_TEXT_ANSWER;
      return {
        type: 'textLength',
        operator: 'lessThanOrEqual',
        allowBlank: true,
        formulae: [limit],
        promptTitle: questionTypeLabels[question.type],
        prompt: `请填写文字，最多 ${limit} 字${when}`,
        errorTitle: '内容过长',
        error: `最多 ${limit} 字`,
      };
    }
  }
}

/** Rough row height for wrapped text, so printed and opened sheets show whole cells. */
function rowHeight(texts: readonly string[]): number {
  const lines = texts.map((text, column) => {
    const perLine = Math.max(4, Math.floor((WIDTHS[column] ?? 10) / 2)); // Hanzi are double width
    return text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / perLine)), 0);
  });
  return Math.min(409, Math.max(20, 15 * Math.max(...lines)));
}

function styleHeader(sheet: Worksheet, rowNumber: number): void {
  const header = sheet.getRow(rowNumber);
  QUESTION_COLUMNS.forEach((label, index) => {
    const cell = header.getCell(index + 1);
    cell.value = label;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN_BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
  });
  header.height = 22;
}

function addQuestionRow(sheet: Worksheet, question: AnyQuestion, number: string, condition: string, lists: ListSheet): void {
  const help = [
    ...(condition ? [`【仅当${condition}时填写，否则请留空】`] : []),
    question.help.meaning,
    `佐证材料：${question.help.evidence}`,
    `对应条款：${question.help.clause}`,
  ].join('\n');
  const texts = [
    number,
    `${question.required ? '* ' : ''}${question.title}`,
    questionTypeLabels[question.type],
    question.type === 'numeric' ? question.unit : '',
    allowedText(question),
    '',
    help,
    question.id,
  ];
  const row = sheet.addRow(texts.map((text, index) => (index === ANSWER_COLUMN - 1 ? null : safeCell(text))));
  row.height = rowHeight(texts);
  row.eachCell({ includeEmpty: true }, (cell: Cell, column: number) => {
    cell.border = THIN_BORDER;
    cell.alignment = { vertical: 'top', wrapText: true };
    if (column === 3 || column === 4 || column === CODE_COLUMN) cell.font = { color: GREY, size: 9 };
  });
  if (condition) row.getCell(2).font = { italic: true };
  const answer = row.getCell(ANSWER_COLUMN);
  answer.fill = ANSWER_FILL;
  answer.protection = { locked: false };
  // Text format keeps long digit strings (patent numbers) as typed; numbers stay numbers.
  answer.numFmt = question.type === 'numeric' ? 'General' : '@';
  addValidation(sheet, answer.address, answerValidation(question, lists, condition));
}

interface SheetPlan {
  name: string;
  title: string;
  description?: string;
  sections: Array<{ title: string; condition: string; questions: readonly AnyQuestion[] }>;
}

async function addQuestionSheet(workbook: Workbook, plan: SheetPlan, byId: ReadonlyMap<string, AnyQuestion>, numbers: ReadonlyMap<string, string>, lists: ListSheet): Promise<void> {
  const sheet = workbook.addWorksheet(plan.name, {
    views: [{ state: 'frozen', ySplit: 3 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' },
  });
  WIDTHS.forEach((width, index) => {
    sheet.getColumn(index + 1).width = width;
  });
  // The question's id, for the upload to find it: hidden, not for people (题号 is theirs).
  sheet.getColumn(CODE_COLUMN).hidden = true;
  sheet.mergeCells(1, 1, 1, QUESTION_COLUMNS.length);
  sheet.getCell(1, 1).value = safeCell(plan.title);
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getRow(1).height = 26;
  sheet.mergeCells(2, 1, 2, QUESTION_COLUMNS.length);
  sheet.getCell(2, 1).value = safeCell(plan.description ?? WRITE_HERE);
  sheet.getCell(2, 1).alignment = { wrapText: true, vertical: 'top' };
  sheet.getRow(2).height = 32;
  styleHeader(sheet, 3);
  for (const section of plan.sections) {
    const heading = sheet.addRow([null, safeCell(section.condition ? `${section.title}（仅当${section.condition}时填写本节）` : section.title)]);
    // Across the visible columns only: the hidden 编码 of a heading row stays empty.
    sheet.mergeCells(heading.number, 2, heading.number, CODE_COLUMN - 1);
    heading.getCell(2).font = { bold: true };
    heading.getCell(1).fill = SECTION_FILL;
    heading.getCell(2).fill = SECTION_FILL;
    for (const question of section.questions) {
      const own = question.visibleIf ? describeCondition(question.visibleIf, byId) : '';
      addQuestionRow(sheet, question, numbers.get(question.id) ?? '', [section.condition, own].filter(Boolean).join('，且'), lists);
    }
  }
  // No password: the lock only guards the 题号, 编码 and question texts against slips of the hand.
  await sheet.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
}

function addCover(workbook: Workbook, definition: QuestionnaireDefinition, plans: readonly SheetPlan[], year: number): void {
  const sheet = workbook.addWorksheet(COVER_SHEET);
  sheet.getColumn(1).width = 16;
  sheet.getColumn(2).width = 90;
  sheet.mergeCells(1, 1, 1, 2);
  sheet.getCell(1, 1).value = safeCell(definition.title);
  sheet.getCell(1, 1).font = { bold: true, size: 16 };
  sheet.getRow(1).height = 30;
  const facts: Array<[string, string]> = [
    [VERSION_LABEL, questionnaireRef(definition)],
    ['年度', String(year)],
    ['生成时间', `${beijingText(new Date())}（北京时间）`],
  ];
  if (definition.description) facts.push(['问卷说明', definition.description]);
  const instructions = [
    '本工作簿用于线下收集数据、准备答案，填写它不等于提交测评。',
    '1. 每个维度一张工作表；只在黄色的“填写答案”列填写，其余各列请勿修改（工作表已加保护以防误改，无密码，可在“审阅”中取消）。',
    '2. 单选题和是/否题：从下拉列表中选择。',
    '3. 多选题：填写所选选项的文字（见“可选项/范围”列），多项之间用“；”或“、”分隔。',
    '4. 数值题：只填写数字，不要带单位，单位见“单位”列；注意整数/小数及范围要求。',
    '5. 标注“仅当……时填写”的题目，条件不满足时请留空，留空不会扣分。标 * 的为必答题。',
    '6. 填好后，在电脑端网页登录测评系统，用“上传工作簿”预填答案；系统会逐格列出采纳和未采纳的内容及原因，请核对后再在网页上提交。',
    '7. 最终成绩以系统关闭前最后一次在网页或小程序中提交的测评为准。',
  ];
  let rowNumber = 3;
  for (const [label, value] of facts) {
    sheet.getCell(rowNumber, 1).value = safeCell(label);
    sheet.getCell(rowNumber, 1).font = { bold: true };
    sheet.getCell(rowNumber, 2).value = safeCell(value);
    sheet.getCell(rowNumber, 2).alignment = { wrapText: true };
    rowNumber += 1;
  }
  rowNumber += 1;
  sheet.getCell(rowNumber, 1).value = '填写说明';
  sheet.getCell(rowNumber, 1).font = { bold: true };
  for (const line of instructions) {
    sheet.getCell(rowNumber, 2).value = safeCell(line);
    sheet.getCell(rowNumber, 2).alignment = { wrapText: true };
    rowNumber += 1;
  }
  rowNumber += 1;
  sheet.getCell(rowNumber, 1).value = '工作表';
  sheet.getCell(rowNumber, 1).font = { bold: true };
  for (const plan of plans) {
    const count = plan.sections.reduce((sum, section) => sum + section.questions.length, 0);
    sheet.getCell(rowNumber, 2).value = safeCell(`${plan.name}（${count} 题）`);
    rowNumber += 1;
  }
}

function plansOf(definition: QuestionnaireDefinition, byId: ReadonlyMap<string, AnyQuestion>): SheetPlan[] {
  const used = new Set<string>([COVER_SHEET, LISTS_SHEET]);
  const unique = (name: string) => {
    let candidate = sheetNameOf(name);
    for (let n = 2; used.has(candidate); n += 1) candidate = sheetNameOf(`${name.slice(0, 27)}(${n})`);
    used.add(candidate);
    return candidate;
  };
  const plans: SheetPlan[] = definition.dimensions.map((dimension, index) => ({
    name: unique(`${index + 1}.${dimension.title}`),
    title: `${index + 1}. ${dimension.title}（${dimension.clause}）`,
    ...(dimension.description ? { description: `${dimension.description}  ${WRITE_HERE}` } : {}),
    sections: dimension.sections.map((section) => ({
      title: section.title,
      condition: section.visibleIf ? describeCondition(section.visibleIf, byId) : '',
      questions: section.questions,
    })),
  }));
  if (definition.bonus.length > 0) {
    plans.push({ name: unique('加分项'), title: '加分项', sections: [{ title: '加分项', condition: '', questions: definition.bonus }] });
  }
  return plans;
}

/**
 * The questionnaire as a workbook for gathering data offline: a cover (title, version,
 * instructions), then one sheet per dimension (and one for bonus items) with the columns
 * 题号/题目/类型/单位/可选项/范围/填写答案/说明. Answer cells carry Excel data validation: a
 * dropdown for single choice and 是/否, whole/decimal with min–max for numbers, a length limit
 * and a prompt for multiple choice (labels separated by ；or 、) and texts. Conditional
 * questions say when they apply. `readQuestionnaireWorkbook` reads the filled file back.
 *
 * The cover's 年度 is the campaign's (a questionnaire version serves several years), the
 * definition's own year when no campaign is given.
 *
 *     ctx.body = await buildQuestionnaireWorkbook(questionnaire.definition, { year: campaign.year });
 */
export async function buildQuestionnaireWorkbook(definition: QuestionnaireDefinition, options: { year?: number } = {}): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = '创新管理与知识产权国际标准测评';
  workbook.subject = questionnaireRef(definition);
  const byId = questionsById(definition);
  const plans = plansOf(definition, byId);
  addCover(workbook, definition, plans, options.year ?? definition.year);
  const lists = new ListSheet(workbook);
  const numbers = questionNumbers(definition);
  for (const plan of plans) await addQuestionSheet(workbook, plan, byId, numbers, lists);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
