/**
 * Characters that make a spreadsheet treat a cell as a formula or a DDE command. `-` and `+`
 * start formulas too (`-2+3+cmd|' /C calc'!A0`); tab and CR are used to hide the payload
 * behind a blank first line (OWASP "CSV injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises formula injection in a text we write into a cell: a leading `=`, `+`, `-`, `@`,
 * tab or carriage return is prefixed with `'`, so Excel, WPS and LibreOffice show the text
 * instead of evaluating it. Every string that goes into an exported sheet passes through here.
 *
 *     sheet.getCell('B2').value = safeCell(enterprise.name);
 */
export function safeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
