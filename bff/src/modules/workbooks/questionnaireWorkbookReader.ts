import type { Cell, Worksheet } from 'exceljs';
import { MAX_IMPORT_BYTES, validateAnswers, type AnswerValue, type Answers, type Questionnaire } from '@assess/shared';
import { cellText, plainCell, numberText, type PlainCell } from './cellValue';
import { fileInvalid } from './fileErrors';
import { ANSWER_HEADER, CODE_HEADER, COVER_SHEET, HEADER_SEARCH_ROWS, ID_HEADER, LISTS_SHEET, VERSION_LABEL } from './questionnaireLayout';
import type { AnyQuestion } from './questionnaireText';
import { xlsxCensusLimit, loadXlsxSafely, type XlsxLimits } from './xlsxReader';
import { defaultZipLimits } from './zipGuard';

export interface TakenAnswer {
  questionId: string;
  /** Where it was read, e.g. `1.创新战略!F5`. */
  cell: string;
  value: AnswerValue;
}

export interface RefusedCell {
  questionId?: string;
  cell: string;
  /** Chinese, for the person who filled the workbook. */
  reason: string;
}

export interface WorkbookReading {
  /** The valid answers found, by question id, to merge into the draft (nothing is submitted). */
  answers: Answers;
  taken: TakenAnswer[];
  refused: RefusedCell[];
}

/** A questionnaire sheet has a few hundred rows; far more means the file is not ours. */
const MAX_SHEET_ROWS = 5_000;

/**
 * The work a questionnaire workbook may cause. Ours (100 questions) has 16 sheets, ~1,100 cells,
 * ~3,500 XML elements and loads in ~0.3 s; these bounds leave room for what Excel adds when the
 * file is edited and saved, and keep the whole-workbook model exceljs builds to tens of MB.
 */
export const QUESTIONNAIRE_XLSX_LIMITS: XlsxLimits = {
  maxBytes: MAX_IMPORT_BYTES,
  // Ours inflates to ~200 KB; pictures pasted in as evidence are stored, not compressed, so ~the upload.
  zip: { ...defaultZipLimits, maxEntryBytes: 25 * 1024 * 1024, maxTotalBytes: 50 * 1024 * 1024 },
  maxSheets: 50,
  maxRows: 20_000,
  maxCells: 50_000,
  maxStrings: 50_000,
  maxElements: 400_000,
  timeMs: 10_000,
};

type Conversion = { value: AnswerValue } | { reason: string };

/** Compares labels the way people retype them: full-width forms, case and spaces do not matter. */
function normalise(text: string): string {
  return text.normalize('NFKC').replace(/^'/, '').replace(/[ \t\u3000]+/g, '').toLowerCase();
}

/** After NFKC, `；` is `;` and `，` is `,`; `、` and line breaks stay themselves. */
const SEPARATOR = /[;,、\n\r|]/;

function quoted(text: string): string {
  const shown = text.length > 20 ? `${text.slice(0, 19)}…` : text;
  return `“${shown}”`;
}

function optionLookup(question: Extract<AnyQuestion, { options: unknown }>): Map<string, string> {
  const lookup = new Map<string, string>();
  for (const option of question.options) lookup.set(normalise(option.id), option.id);
  // Labels win over ids when they collide: people write labels.
  for (const option of question.options) lookup.set(normalise(option.label), option.id);
  return lookup;
}

function labelsOf(question: Extract<AnyQuestion, { options: unknown }>): string {
  const list = question.options.map((option) => option.label).join(' / ');
  return list.length > 120 ? `${list.slice(0, 119)}…` : list;
}

/**
 * Splits a multiple-choice cell into option ids. Labels may themselves contain `、` or `,`, so
 * at each position the longest label that ends at a separator is taken before splitting.
 */
function readChoices(question: Extract<AnyQuestion, { type: 'multiple' }>, text: string): Conversion {
  const lookup = optionLookup(question);
  const labels = [...lookup.keys()].sort((a, b) => b.length - a.length);
  const source = normalise(text);
  const ids: string[] = [];
  const unknown: string[] = [];
  let at = 0;
  while (at < source.length) {
    if (SEPARATOR.test(source.charAt(at))) {
      at += 1;
      continue;
    }
    const label = labels.find((candidate) => source.startsWith(candidate, at) && (at + candidate.length === source.length || SEPARATOR.test(source.charAt(at + candidate.length))));
    if (label) {
      const id = lookup.get(label);
      if (id && !ids.includes(id)) ids.push(id);
      at += label.length;
      continue;
    }
    let end = at;
    while (end < source.length && !SEPARATOR.test(source.charAt(end))) end += 1;
    unknown.push(source.slice(at, end));
    at = end;
  }
  if (unknown.length > 0) {
    return { reason: `${unknown.map(quoted).join('、')}不是本题的选项（多项之间用“；”或“、”分隔）；可选：${labelsOf(question)}` };
  }
  return { value: ids };
}

const YES = new Set(['是', 'y', 'yes', 'true', '√', '✓', '对']);
const NO = new Set(['否', 'n', 'no', 'false', '×', '✗', '不是']);

function readNumber(question: Extract<AnyQuestion, { type: 'numeric' }>, plain: Exclude<PlainCell, null>): Conversion {
  if (typeof plain === 'number') return { value: Number(plain.toPrecision(15)) };
  if (plain instanceof Date) return { reason: `单元格被 Excel 识别成了日期，请填写数字（单位：${question.unit}）` };
  if (typeof plain === 'boolean') return { reason: `请填写数字（单位：${question.unit}）` };
  let text = normalise(plain).replace(/(?<=\d),(?=\d{3}(?:\D|$))/g, '');
  const unit = normalise(question.unit);
  if (unit && text.endsWith(unit)) text = text.slice(0, -unit.length);
  if (/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(text)) return { value: Number(text) };
  return { reason: `${quoted(plain)}不是数字，请只填写数字（单位：${question.unit}）` };
}

/** One answer cell as the question's answer type, or why it cannot be. */
function convert(question: AnyQuestion, plain: Exclude<PlainCell, null>): Conversion {
  switch (question.type) {
    case 'single': {
      const text = typeof plain === 'number' ? numberText(plain) : cellText(plain);
      const id = optionLookup(question).get(normalise(text));
      return id ? { value: id } : { reason: `${quoted(text)}不是本题的选项；可选：${labelsOf(question)}` };
    }
    case 'multiple':
      return readChoices(question, cellText(plain));
    case 'yesno': {
      if (typeof plain === 'boolean') return { value: plain };
      const text = normalise(cellText(plain));
      if (YES.has(text)) return { value: true };
      if (NO.has(text)) return { value: false };
      return { reason: `${quoted(cellText(plain))}无法识别，请填写“是”或“否”` };
    }
    case 'numeric':
      return readNumber(question, plain);
    case 'text':
    case 'evidence':
      return { value: cellText(plain) };
  }
}

function isEmpty(plain: PlainCell): plain is null {
  return plain === null || (typeof plain === 'string' && plain.trim() === '');
}

/** Merged areas (a section heading spans the answer column) are read once, at their top-left cell. */
function isMergedTail(cell: Cell): boolean {
  return cell.isMerged && cell.master.address !== cell.address;
}

function findColumns(sheet: Worksheet): { headerRow: number; idColumn: number; answerColumn: number } | null {
  for (let rowNumber = 1; rowNumber <= Math.min(HEADER_SEARCH_ROWS, sheet.rowCount); rowNumber += 1) {
    let codeColumn = 0;
    let legacyColumn = 0;
    let answerColumn = 0;
    sheet.getRow(rowNumber).eachCell((cell, column) => {
      const text = cellText(cell.value);
      if (text === CODE_HEADER) codeColumn = column;
      if (text === ID_HEADER) legacyColumn = column;
      if (text === ANSWER_HEADER) answerColumn = column;
    });
    // The id is in 编码; a workbook from before that column has it in 题号.
    const idColumn = codeColumn || legacyColumn;
    if (idColumn && answerColumn) return { headerRow: rowNumber, idColumn, answerColumn };
  }
  return null;
}

function hasContent(sheet: Worksheet): boolean {
  let found = false;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell((cell) => {
      if (!isEmpty(plainCell(cell.value))) found = true;
    });
  });
  return found;
}

function versionNote(sheet: Worksheet | undefined, questionnaire: Questionnaire): RefusedCell | null {
  if (!sheet) return null;
  for (let rowNumber = 1; rowNumber <= Math.min(20, sheet.rowCount); rowNumber += 1) {
    const row = sheet.getRow(rowNumber);
    if (cellText(row.getCell(1).value) !== VERSION_LABEL) continue;
    const ref = cellText(row.getCell(2).value);
    if (ref === questionnaire.ref) return null;
    return {
      cell: `${sheet.name}!B${rowNumber}`,
      reason: `此工作簿由问卷 ${quoted(ref)} 生成，本次测评使用“${questionnaire.ref}”；已按题号读取相同的题目，请仔细核对`,
    };
  }
  return null;
}

/**
 * Reads a filled questionnaire workbook back into answers, without submitting anything.
 * Questions are found by the 题号 column (rows may be moved), option labels are mapped back to
 * option ids (multiple choice: labels separated by ；、 , or line breaks), 是/否 become booleans,
 * numbers are read from numeric cells or text ("1,200万元" → 1200), empty cells are skipped.
 * Every other cell with content is reported in `refused` with a Chinese reason: an unknown or
 * missing 题号, a repeated question, a value that is not an option or not a number, a value the
 * engine's draft validation refuses (range, decimals, exclusive options), a sheet that is not a
 * questionnaire sheet. The file passes the same guards as imports (size, zip bomb, rows, cells with
 * or without values, sheets, elements, a time budget), with `limits` sized for a questionnaire.
 *
 *     const { answers, taken, refused } = await readQuestionnaireWorkbook(rawBody, questionnaire);
 */
export async function readQuestionnaireWorkbook(bytes: Buffer, questionnaire: Questionnaire, limits: XlsxLimits = QUESTIONNAIRE_XLSX_LIMITS): Promise<WorkbookReading> {
  const { workbook, deadline } = await loadXlsxSafely(bytes, {
    limits,
    checkSheet: xlsxCensusLimit(MAX_SHEET_ROWS, (rows) => fileInvalid(`工作表有 ${rows} 行，不是本问卷导出的工作簿`)),
  });
  const refused: RefusedCell[] = [];
  const candidates: TakenAnswer[] = [];
  const firstCell = new Map<string, string>();
  const answers: Answers = {};

  const note = versionNote(workbook.getWorksheet(COVER_SHEET), questionnaire);
  if (note) refused.push(note);

  for (const sheet of workbook.worksheets) {
    if (sheet.name === COVER_SHEET || sheet.name === LISTS_SHEET) continue;
    const columns = findColumns(sheet);
    if (!columns) {
      if (hasContent(sheet)) refused.push({ cell: `${sheet.name}!A1`, reason: `工作表“${sheet.name}”不是问卷工作表（找不到“${ID_HEADER}”和“${ANSWER_HEADER}”列），其中的内容未读取` });
      continue;
    }
    deadline.check();
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber <= columns.headerRow) return;
      const answerCell = row.getCell(columns.answerColumn);
      const plain = plainCell(answerCell.value);
      if (isEmpty(plain) || isMergedTail(answerCell)) return;
      const cell = `${sheet.name}!${answerCell.address}`;
      const id = cellText(row.getCell(columns.idColumn).value);
      if (!id) return void refused.push({ cell, reason: '此行没有题号，无法对应到题目，未采纳' });
      const index = questionnaire.questionIndex.get(id);
      const question = index === undefined ? undefined : questionnaire.questions[index]?.question;
      if (!question) return void refused.push({ cell, reason: `题号 ${quoted(id)} 不在本问卷中，未采纳` });
      const earlier = firstCell.get(id);
      if (earlier) return void refused.push({ questionId: id, cell, reason: `本题已在 ${earlier} 填写，此处未采纳` });
      firstCell.set(id, cell);
      const converted = convert(question, plain);
      if ('reason' in converted) return void refused.push({ questionId: id, cell, reason: converted.reason });
      answers[id] = converted.value;
      candidates.push({ questionId: id, cell, value: converted.value });
    });
  }

  // The engine has the last word on ranges, decimals, exclusive options and lengths.
  const faults = new Map(validateAnswers(questionnaire, answers, 'draft').map((issue) => [issue.questionId, issue.message]));
  const taken: TakenAnswer[] = [];
  for (const candidate of candidates) {
    const reason = faults.get(candidate.questionId);
    if (reason === undefined) taken.push(candidate);
    else {
      delete answers[candidate.questionId];
      refused.push({ questionId: candidate.questionId, cell: candidate.cell, reason });
    }
  }
  return { answers, taken, refused };
}
