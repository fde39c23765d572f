import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { checkReceiptFile, receiptChecksumText, receiptChecksumV2, verifyReceipt, type ReceiptFile } from '@assess/shared';

const root = path.join(__dirname, '..');
const verifier = path.join(root, 'shared/bin/verify-receipt.mjs');
const doc = readFileSync(path.join(root, 'docs/receipt-checksum.md'), 'utf8');

/** A fenced block of the doc by its info string (```json receipt-file). */
function block(info: string): string {
  const match = new RegExp('```' + info.replace(/ /g, ' ') + '\\n([\\s\\S]*?)\\n```').exec(doc);
  if (!match) throw new Error(`docs/receipt-checksum.md has no \`\`\`${info} block`);
  return match[1]!;
}

function runVerifier(file: unknown): { status: number | null; stdout: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'receipt-'));
  try {
    const where = path.join(dir, 'r.json');
    writeFileSync(where, JSON.stringify(file));
    const result = spawnSync(process.execPath, [verifier, where], { encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('docs/receipt-checksum.md (the worked example)', () => {
  const file = JSON.parse(block('json receipt-file')) as ReceiptFile;
  const input = { ...file.receipt, answers: file.answers };

  it('shows the canonical text the shared code hashes, byte for byte', () => {
    expect(block('text canonical')).toBe(receiptChecksumText(2, input));
    expect(doc).toContain(`(one line, ${Buffer.byteLength(block('text canonical'))} bytes of UTF-8)`);
  });

  it('shows the SHA-256 of that text, which is the receipt’s checksum (and node:crypto agrees)', () => {
    const expected = execFileSync(process.execPath, ['-e', "process.stdout.write(require('crypto').createHash('sha256').update(process.argv[1]).digest('hex'))", block('text canonical')], { encoding: 'utf8' });
    expect(block('text sha256')).toBe(expected);
    expect(receiptChecksumV2(input)).toBe(expected);
    expect(file.receipt.checksum).toBe(expected);
  });

  it('is a receipt file the verifier, the shared code and the page all accept', () => {
    expect(runVerifier(file).status).toBe(0);
    expect(checkReceiptFile(JSON.stringify(file))).toMatchObject({ readable: true, ok: true, version: 2 });
    expect(verifyReceipt(file.receipt, file.answers).ok).toBe(true);
  });

  it('no longer matches with "l1" changed to "l2", as the doc says', () => {
    const altered = { ...file, answers: { ...file.answers, ctx_external: 'l2' } };
    expect(runVerifier(altered).status).toBe(1);
    expect(verifyReceipt(altered.receipt, altered.answers).ok).toBe(false);
  });
});

describe('shared/bin/verify-receipt.mjs (the independent implementation)', () => {
  it('agrees with shared/src/receipt.ts on any answers, for both checksum versions', () => {
    const answer = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string(), fc.boolean(), fc.array(fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/), { maxLength: 4 }));
    const answers = fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/), answer, { maxKeys: 6 });
    const files = fc.sample(fc.tuple(answers, fc.constantFrom(1 as const, 2 as const), fc.double({ min: 0, max: 105, noNaN: true })), { numRuns: 12, seed: 5 }).map(([ans, version, total]) => {
      const receipt = { attemptId: 'a'.repeat(24), enterpriseId: 'e'.repeat(24), number: 2, submittedAt: '2026-06-30T12:00:00.000+08:00', total, base: total, bonus: 0, dimensions: [{ id: 'd1', title: '维度', score: total, max: 105 }], questionnaire: 'q@1', checksumVersion: version, checksum: '' };
      return { receipt: { ...receipt, checksum: verifyReceipt(receipt, ans).computed }, answers: ans };
    });
    const dir = mkdtempSync(path.join(tmpdir(), 'receipts-'));
    try {
      // One process for all: the script's verify() against the shared checksums written into each file.
      writeFileSync(path.join(dir, 'all.json'), JSON.stringify(files));
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', `import { verify } from ${JSON.stringify(verifier)}; import { readFileSync } from 'node:fs'; const files = JSON.parse(readFileSync(${JSON.stringify(path.join(dir, 'all.json'))}, 'utf8')); process.stdout.write(JSON.stringify(files.map((f) => verify(f).ok)));`], { encoding: 'utf8' });
      expect(JSON.parse(out)).toEqual(files.map(() => true));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
