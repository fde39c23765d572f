#!/usr/bin/env node
/**
 * Recomputes a receipt's checksum from a receipt file and says whether it matches — with nothing
 * but Node (no network, no database, no build, no dependency), so anyone can settle a dispute:
 *
 *     npx verify-receipt receipt-3-64b7f0c2a1b2c3d4e5f60799.json
 *     node shared/bin/verify-receipt.mjs <file>          # the same, without npx
 *
 * The file is what GET /api/attempts/:id/receipt-file downloads (the answer of GET
 * /api/attempts/:id, which also has `receipt` and `answers`, works too). Exit code 0: the checksum
 * matches; 1: it does not; 2: the file cannot be read. The algorithm (docs/receipt-checksum.md):
 * hex SHA-256 of the canonical JSON (keys sorted by UTF-16 code units, no whitespace, numbers as
 * JSON writes them) of exactly the fields the receipt's `checksumVersion` covers. This file is a
 * second, independent implementation of shared/src/receipt.ts; a test holds the two together.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** JSON with object keys sorted, no whitespace; refuses what JSON cannot carry faithfully. */
export function canonicalJson(value) {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('numbers must be finite');
      return JSON.stringify(value);
    case 'object':
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      return `{${Object.keys(value)
        .filter((key) => value[key] !== undefined)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
        .join(',')}}`;
    default:
      throw new TypeError(`cannot encode ${typeof value}`);
  }
}

/** The canonical text each checksum version hashes. */
export function checksumText(receipt, answers) {
  const { enterpriseId, attemptId, number, total, submittedAt, questionnaire, base, bonus } = receipt;
  const dimensions = receipt.dimensions.map(({ id, score }) => ({ id, score }));
  if (receipt.checksumVersion === 1) return canonicalJson({ enterpriseId, attemptId, number, answers, total, dimensions });
  if (receipt.checksumVersion === 2) return canonicalJson({ v: 2, enterpriseId, attemptId, number, submittedAt, questionnaire, answers, total, base, bonus, dimensions });
  throw new TypeError(`unknown checksumVersion ${JSON.stringify(receipt.checksumVersion)}`);
}

export function verify(file) {
  const { receipt, answers } = file ?? {};
  if (!receipt || typeof receipt !== 'object' || !answers || typeof answers !== 'object' || !Array.isArray(receipt.dimensions)) {
    throw new TypeError('no receipt and answers in the file');
  }
  const computed = createHash('sha256').update(checksumText(receipt, answers), 'utf8').digest('hex');
  return { ok: computed === receipt.checksum, computed, claimed: receipt.checksum, version: receipt.checksumVersion, receipt };
}

function main(argv) {
  const path = argv[2];
  if (!path || path === '--help' || path === '-h') {
    process.stdout.write('用法：npx verify-receipt <回执文件.json>\n重新计算回执校验码（SHA-256，规范 JSON），与回执中的校验码比对。\n');
    return path ? 0 : 2;
  }
  let result;
  try {
    result = verify(JSON.parse(readFileSync(path, 'utf8')));
  } catch (error) {
    process.stderr.write(`无法读取回执文件 ${path}：${error.message}\n`);
    return 2;
  }
  const { receipt } = result;
  const lines = [
    `回执编号   ${receipt.attemptId}（第 ${receipt.number} 次提交）`,
    `企业编号   ${receipt.enterpriseId}`,
    `接收时间   ${receipt.submittedAt}`,
    `问卷版本   ${receipt.questionnaire}`,
    `总分       ${receipt.total}`,
    `算法版本   ${result.version}`,
    `回执校验码 ${result.claimed}`,
    `重新计算   ${result.computed}`,
    result.ok ? '✓ 一致：回执与其中的答案、得分未被改动' : '✗ 不一致：回执或答案已被改动，或不是本系统生成的回执',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return result.ok ? 0 : 1;
}

// Run as a command (npx, node …); importing it (the tests) runs nothing.
import { fileURLToPath } from 'node:url';
import { realpathSync } from 'node:fs';
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv);
