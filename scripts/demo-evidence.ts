/**
 * 示范 evidence in the closed demo campaign (issue 17): the default 评审要点 (our own wording) with
 * a deadline a fortnight ahead, and 广州南沙海洋装备有限公司 (申报示范, above the line) with part of
 * its set uploaded — two items done, the rest open — so the enterprise's page and the 广东 bureau's
 * 「示范材料」 page show something at once. Idempotent: a set already holding files is left alone.
 */
import { defaultEvidenceChecklist, EVIDENCE_CHUNK_BYTES } from '@assess/shared';
import type { Types } from 'mongoose';
import type { Services } from '../bff/src/services';
import type { EnterpriseActor, StaffActor } from '../bff/src/lib/route';

export const EVIDENCE_DEMO_ENTERPRISE = '广州南沙海洋装备有限公司';
const DAY = 24 * 60 * 60 * 1000;

/** A small PDF of our own making (text only), enough for a browser's viewer. */
function demoPdf(title: string): Buffer {
  const body = `BT /F1 18 Tf 72 720 Td (${title.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>', `<< /Length ${body.length} >>\nstream\n${body}\nendstream`, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

async function upload(services: Services, actor: EnterpriseActor, itemId: string, filename: string, bytes: Buffer): Promise<void> {
  const session = await services.evidence.createUpload(actor, { itemId, filename, bytes: bytes.length, kind: 'pdf' });
  for (let n = 0; n < session.chunks; n++) await services.evidence.putChunk(actor, session.uploadId, n, bytes.subarray(n * EVIDENCE_CHUNK_BYTES, (n + 1) * EVIDENCE_CHUNK_BYTES));
  await services.evidence.completeUpload(actor, session.uploadId, '127.0.0.1');
}

export async function seedEvidence(services: Services, campaignId: Types.ObjectId, national: StaffActor, enterprises: ReadonlyArray<{ _id: Types.ObjectId; name: string }>): Promise<void> {
  await services.evidence.ensureChecklist(campaignId, { items: defaultEvidenceChecklist(), deadline: new Date(Date.now() + 14 * DAY).toISOString() }, national);
  const enterprise = enterprises.find((e) => e.name === EVIDENCE_DEMO_ENTERPRISE);
  if (!enterprise) return;
  // Acts as the enterprise would with a token of its current key (seeding gives every enterprise a key).
  const keyVersion = (await services.results.keyVersion(String(enterprise._id))) ?? 0;
  const actor: EnterpriseActor = { kind: 'enterprise', enterpriseId: String(enterprise._id), campaignId: String(campaignId), keyVersion, questionnaire: '' };
  const page = await services.evidence.page(actor);
  if (!page.set || page.set.items.some((item) => item.files.length > 0)) return;
  await upload(services, actor, 'system', '创新管理体系文件.pdf', demoPdf('Innovation management system (demo)'));
  await services.evidence.saveAnswer(actor, 'system', '公司 2021 年按 ISO 56002 建立创新管理体系，设创新委员会统筹，2023 年通过第三方评价（演示）。', '127.0.0.1');
  await upload(services, actor, 'ip_assets', '知识产权资产台账.pdf', demoPdf('IP asset register (demo)'));
}
