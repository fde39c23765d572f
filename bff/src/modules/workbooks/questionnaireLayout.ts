/**
 * The layout a questionnaire workbook shares between the builder and the reader. The reader
 * finds questions by the hidden 编码 column (the question's id), so users may reorder or insert
 * rows; it only needs these header labels and sheet names. 题号 is the number a person sees in
 * the app ('3.2'); workbooks made before the 编码 column held the id in 题号, and still read.
 */
export const QUESTION_COLUMNS = ['题号', '题目', '类型', '单位', '可选项/范围', '填写答案', '说明', '编码'] as const;
export const CODE_HEADER = '编码';
/** The id column of workbooks made before CODE_HEADER existed. */
export const ID_HEADER = '题号';
export const ANSWER_HEADER = '填写答案';
export const COVER_SHEET = '封面';
/** A hidden sheet holding long dropdown lists (Excel's inline lists stop at 255 characters). */
export const LISTS_SHEET = '选项列表';
/** The cover row whose second cell holds the questionnaire ref (`id@version`). */
export const VERSION_LABEL = '问卷版本';
/** How many rows from the top the reader searches for the header row. */
export const HEADER_SEARCH_ROWS = 10;
