import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { checkReceiptFile, defaultQuestionnaire, receiptFileSchema, type ReceiptFile } from '@assess/shared';
import { startTestBff, type TestBff } from '../helpers/bff';
import { apiClient, type ApiClient } from '../helpers/http';
import { completeAnswers } from '../helpers/answers';
import { createCampaign, createEnterprises, enterpriseRow, idempotencyKey, login } from '../helpers/factories';

const run = promisify(execFile);
const verifier = path.join(__dirname, '../../shared/bin/verify-receipt.mjs');

/** The standalone verifier as anyone would run it: plain Node, the file, no network or database. */
async function verifyWithScript(file: unknown): Promise<{ code: number; stdout: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'receipt-'));
  const where = path.join(dir, 'receipt.json');
  writeFileSync(where, typeof file === 'string' ? file : JSON.stringify(file, null, 2));
  try {
    const { stdout } = await run(process.execPath, [verifier, where], { env: { PATH: process.env.PATH ?? '' } });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('GET /api/attempts/:id/receipt-file', () => {
  let bff: TestBff;
  let api: ApiClient;
  let token: string;
  let file: ReceiptFile;
  let disposition: string | null;

  beforeAll(async () => {
    bff = await startTestBff();
    api = apiClient(bff.url);
    const campaign = await createCampaign(bff.services);
    const [enterprise] = await createEnterprises(bff.services, campaign._id, [enterpriseRow({ name: '深圳市喆堃镕科技有限公司' })]);
    token = await login(api, enterprise!);
    const submitted = await api.post('/api/attempts/current/submit', { idempotencyKey: idempotencyKey('file'), answers: completeAnswers(defaultQuestionnaire, 'high') }, token);
    expect(submitted.status).toBe(201);
    const response = await api.get(`/api/attempts/${submitted.body.receipt.attemptId}/receipt-file`, token);
    expect(response.status).toBe(200);
    file = JSON.parse(JSON.stringify(response.body)) as ReceiptFile;
    disposition = response.headers.get('content-disposition');
  });
  afterAll(async () => {
    await bff.stop();
  });

  it('When an enterprise downloads its receipt, then it is one JSON file with the receipt, the answers it covers and who it belongs to', () => {
    expect(disposition).toMatch(new RegExp(`^attachment; filename="receipt-1-${file.receipt.attemptId}\\.json"$`));
    expect(receiptFileSchema.parse(file)).toEqual(file);
    expect(file.receipt.checksumVersion).toBe(2);
    expect(file.enterprise.name).toBe('深圳市喆堃镕科技有限公司');
    expect(Object.keys(file.answers).length).toBeGreaterThan(50);
  });

  it('When the standalone verifier recomputes the receipt of a real submit, then it matches (exit 0), and the shared code agrees', async () => {
    const { code, stdout } = await verifyWithScript(file);
    expect(code).toBe(0);
    expect(stdout).toContain('✓ 一致');
    expect(stdout).toContain(file.receipt.checksum);
    expect(checkReceiptFile(JSON.stringify(file))).toMatchObject({ readable: true, ok: true, version: 2, computed: file.receipt.checksum });
  });

  it('When one character of an answer is altered, then the verifier rejects the file (exit 1), and so does the shared code', async () => {
    const [id, value] = Object.entries(file.answers).find(([, v]) => typeof v === 'string' && v.length > 0)!;
    const text = value as string;
    const altered = { ...file, answers: { ...file.answers, [id]: `${text.slice(0, -1)}${text.endsWith('1') ? '2' : '1'}` } };
    const { code, stdout } = await verifyWithScript(altered);
    expect(code).toBe(1);
    expect(stdout).toContain('✗ 不一致');
    expect(checkReceiptFile(altered)).toMatchObject({ readable: true, ok: false });
  });

  it('When the receipt time is moved by one millisecond, then version 2 rejects it (it covers when, not only what)', async () => {
    const at = file.receipt.submittedAt;
    const moved = `${at.slice(0, 22)}${at[22] === '9' ? '8' : String(Number(at[22]) + 1)}${at.slice(23)}`;
    const { code } = await verifyWithScript({ ...file, receipt: { ...file.receipt, submittedAt: moved } });
    expect(code).toBe(1);
  });

  it('When the file is not a receipt, then the verifier says it cannot read it (exit 2)', async () => {
    expect((await verifyWithScript('{"hello":1}')).code).toBe(2);
    expect((await verifyWithScript('not json')).code).toBe(2);
    expect(checkReceiptFile('not json')).toEqual({ readable: false, reason: '文件不是有效的 JSON' });
  });

  it("When another enterprise's attempt or a malformed id is asked for, then 404 ATTEMPT_NOT_FOUND either way (a caller learns nothing from the difference)", async () => {
    expect((await api.get('/api/attempts/000000000000000000000000/receipt-file', token)).body.code).toBe('ATTEMPT_NOT_FOUND');
    const malformed = await api.get('/api/attempts/not-an-id/receipt-file', token);
    expect([malformed.status, malformed.body.code]).toEqual([404, 'ATTEMPT_NOT_FOUND']);
  });
});
