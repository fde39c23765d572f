import { createHash } from 'node:crypto';
import http from 'node:http';
import { defaultEvidenceChecklist, EVIDENCE_CHUNK_BYTES } from '@assess/shared';
import { startTestBff, type TestBff } from '../helpers/bff';
import { apiClient, type ApiClient } from '../helpers/http';
import { TestClock } from '../helpers/clock';
import { closedCampaign, type ClosedCampaign } from '../helpers/afterClose';

/**
 * Issue 17 on real FerretDB and Redis: the national bureau's 评审要点, a 申报示范 enterprise above
 * the line uploading its set in resumable chunks (one interrupted and resumed), wrong kinds and
 * oversize files refused, replacement before the submit and immutability after, the receipt, the
 * bureau's marks, a 补正 request reopening only the named item, the note feeding the package's
 * 评审, and every download audited; other regions and other enterprises refused.
 */

const DAY = 24 * 60 * 60_000;
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const pdf = (size: number, fill = 1) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size - 9, fill)]);
const png = (size: number) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(size - 8, 3)]);
const jpeg = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 4, 5)]);
const OCTET = { 'content-type': 'application/octet-stream' };

describe('示范 evidence materials: checklist, resumable uploads, receipt, marks, 补正 and notes', () => {
  let bff: TestBff;
  let api: ApiClient;
  const clock = new TestClock();
  let world: ClosedCampaign;
  const demo = () => world.enterprises.gdDemo;
  const q = () => `campaignId=${world.campaignId}`;
  const setPath = (suffix = '') => `/api/evidence/sets/${demo().id}${suffix}?${q()}`;

  /** Sends a file whole through the chunked protocol; answers the completed set. */
  async function upload(token: string, itemId: string, bytes: Buffer, kind: 'pdf' | 'png' | 'jpeg', extra: { replaces?: string; filename?: string } = {}) {
    const created = await api.post('/api/evidence/uploads', { itemId, filename: extra.filename ?? `${itemId}.${kind === 'jpeg' ? 'jpg' : kind}`, bytes: bytes.length, kind, ...(extra.replaces ? { replaces: extra.replaces } : {}) }, token);
    if (created.status !== 201) return created;
    const { uploadId, chunks } = created.body as { uploadId: string; chunks: number };
    for (let n = 0; n < chunks; n++) {
      const sent = await api.raw('PUT', `/api/evidence/uploads/${uploadId}/chunks/${n}`, { raw: bytes.subarray(n * EVIDENCE_CHUNK_BYTES, (n + 1) * EVIDENCE_CHUNK_BYTES), token, headers: OCTET });
      if (sent.status !== 200) return sent;
    }
    return api.post(`/api/evidence/uploads/${uploadId}/complete`, undefined, token);
  }

  /** A chunk whose connection drops half-way (the socket is destroyed after half its bytes). */
  function interruptedChunk(path: string, token: string, bytes: Buffer): Promise<void> {
    return new Promise((resolve) => {
      const url = new URL(path, bff.url);
      const request = http.request({ method: 'PUT', hostname: url.hostname, port: url.port, path: url.pathname, headers: { ...OCTET, authorization: `Bearer ${token}`, 'content-length': bytes.length } });
      request.on('error', () => resolve());
      request.on('response', (response) => {
        response.resume();
        response.on('end', () => resolve());
      });
      request.write(bytes.subarray(0, bytes.length >> 1), () => {
        setTimeout(() => {
          request.destroy();
          resolve();
        }, 100);
      });
    });
  }

  beforeAll(async () => {
    bff = await startTestBff({ clock });
    api = apiClient(bff.url);
    world = await closedCampaign(bff, api, clock);
  }, 180_000);
  afterAll(async () => {
    await bff.stop();
  });

  const items = defaultEvidenceChecklist().map(({ ...item }) => item);
  let deadline: string;

  it('When the national bureau publishes the 评审要点, then the bureaus read it; a city bureau cannot change it', async () => {
    deadline = new Date(clock.now().getTime() + 14 * DAY).toISOString();
    const saved = await api.raw('PUT', `/api/admin/campaigns/${world.campaignId}/evidence-checklist`, { body: { items, deadline }, token: world.staff.national });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual(expect.objectContaining({ version: 1, locked: false }));
    const byCity = await api.raw('PUT', `/api/admin/campaigns/${world.campaignId}/evidence-checklist`, { body: { items, deadline }, token: world.staff.gz });
    expect(byCity.status).toBe(403);
    const read = await api.get(`/api/admin/campaigns/${world.campaignId}/evidence-checklist`, world.staff.gd);
    expect(read.body.items.map((item: { id: string }) => item.id)).toEqual(['system', 'ip_assets', 'results', 'cases', 'commitment']);
  });

  it('When the enterprises open the page, then only the 申报示范 enterprise above the demonstration line sees the checklist', async () => {
    const page = await api.get('/api/evidence', demo().token);
    expect(page.status).toBe(200);
    expect(page.body.allowed).toBe(true);
    expect(page.body.set.items.every((item: { editable: boolean }) => item.editable)).toBe(true);
    expect(page.body.set.missingRequired).toEqual(['system', 'ip_assets', 'results', 'commitment']);
    const other = await api.get('/api/evidence', world.enterprises.gdPlain.token);
    expect(other.body).toEqual({ allowed: false, reason: expect.stringContaining('申报示范'), set: null });
    const refused = await api.post('/api/evidence/uploads', { itemId: 'system', filename: 'a.pdf', bytes: 100, kind: 'pdf' }, world.enterprises.gdPlain.token);
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'EVIDENCE_NOT_AVAILABLE' });
  });

  let systemFile: Buffer;
  let systemFileId: string;
  it('When a chunk’s connection drops, then the server keeps the chunks it has, says which, and the upload resumes to a file identical to the one sent', async () => {
    systemFile = pdf(2 * EVIDENCE_CHUNK_BYTES + 300_000);
    const created = await api.post('/api/evidence/uploads', { itemId: 'system', filename: '创新管理体系.pdf', bytes: systemFile.length, kind: 'pdf' }, demo().token);
    expect(created.status).toBe(201);
    expect(created.body).toEqual(expect.objectContaining({ chunks: 3, chunkBytes: EVIDENCE_CHUNK_BYTES, received: [] }));
    const id = created.body.uploadId as string;
    const chunk = (n: number) => systemFile.subarray(n * EVIDENCE_CHUNK_BYTES, (n + 1) * EVIDENCE_CHUNK_BYTES);
    expect((await api.raw('PUT', `/api/evidence/uploads/${id}/chunks/0`, { raw: chunk(0), token: demo().token, headers: OCTET })).status).toBe(200);
    await interruptedChunk(`/api/evidence/uploads/${id}/chunks/1`, demo().token, chunk(1));
    const short = await api.raw('PUT', `/api/evidence/uploads/${id}/chunks/2`, { raw: chunk(2).subarray(0, 1000), token: demo().token, headers: OCTET });
    expect({ status: short.status, code: short.body.code }).toEqual({ status: 400, code: 'UPLOAD_CHUNK_INVALID' });
    const early = await api.post(`/api/evidence/uploads/${id}/complete`, undefined, demo().token);
    expect({ status: early.status, code: early.body.code }).toEqual({ status: 409, code: 'UPLOAD_INCOMPLETE' });
    const status = await api.get(`/api/evidence/uploads/${id}`, demo().token);
    expect(status.body.received).toEqual([0]);
    for (const n of [1, 2]) expect((await api.raw('PUT', `/api/evidence/uploads/${id}/chunks/${n}`, { raw: chunk(n), token: demo().token, headers: OCTET })).status).toBe(200);
    expect((await api.get(`/api/evidence/uploads/${id}`, demo().token)).body.received).toEqual([0, 1, 2]);
    const done = await api.post(`/api/evidence/uploads/${id}/complete`, undefined, demo().token);
    expect(done.status).toBe(200);
    const item = done.body.items.find((i: { id: string }) => i.id === 'system');
    expect(item.files).toEqual([expect.objectContaining({ name: '创新管理体系.pdf', kind: 'pdf', bytes: systemFile.length, sha256: sha(systemFile), submitted: false })]);
    systemFileId = item.files[0].id;
    const back = await api.get(`/api/evidence/files/${systemFileId}`, demo().token);
    expect(back.status).toBe(200);
    expect(Buffer.compare(back.body as Buffer, systemFile)).toBe(0);
    // Another enterprise learns nothing of this upload.
    const foreign = await api.get(`/api/evidence/uploads/${id}`, world.enterprises.gdHolder.token);
    expect({ status: foreign.status, code: foreign.body.code }).toEqual({ status: 404, code: 'UPLOAD_NOT_FOUND' });
  });

  it('When a file is of the wrong kind or over the limit, then it is refused with a code before its bytes are taken, and nothing is left behind', async () => {
    const claimed = await api.post('/api/evidence/uploads', { itemId: 'system', filename: 'photo.png', bytes: 5_000, kind: 'png' }, demo().token);
    expect({ status: claimed.status, code: claimed.body.code }).toEqual({ status: 415, code: 'EVIDENCE_KIND_INVALID' });
    expect(claimed.body.details.reason).toContain('只接受 PDF');
    const disguised = await api.post('/api/evidence/uploads', { itemId: 'cases', filename: 'tool.pdf', bytes: 4_000, kind: 'pdf' }, demo().token);
    const sent = await api.raw('PUT', `/api/evidence/uploads/${disguised.body.uploadId}/chunks/0`, { raw: Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00]), Buffer.alloc(3_996)]), token: demo().token, headers: OCTET });
    expect({ status: sent.status, code: sent.body.code }).toEqual({ status: 415, code: 'EVIDENCE_KIND_INVALID' });
    expect((await api.get(`/api/evidence/uploads/${disguised.body.uploadId}`, demo().token)).status).toBe(404);
    const huge = await api.post('/api/evidence/uploads', { itemId: 'commitment', filename: 'big.pdf', bytes: 11 * 1024 * 1024, kind: 'pdf' }, demo().token);
    expect({ status: huge.status, code: huge.body.code }).toEqual({ status: 413, code: 'EVIDENCE_FILE_TOO_LARGE' });
    expect(huge.body.details.reason).toContain('10 MB');
    const fat = await api.post('/api/evidence/uploads', { itemId: 'cases', filename: 'c.pdf', bytes: 3 * EVIDENCE_CHUNK_BYTES, kind: 'pdf' }, demo().token);
    const fatChunk = await api.raw('PUT', `/api/evidence/uploads/${fat.body.uploadId}/chunks/0`, { raw: pdf(EVIDENCE_CHUNK_BYTES + 10), token: demo().token, headers: OCTET });
    expect({ status: fatChunk.status, code: fatChunk.body.code }).toEqual({ status: 413, code: 'FILE_TOO_LARGE' });
    const stray = await bff.services.models.evidenceSets.db.collection('evidence.chunks').countDocuments({});
    expect(stray).toBe(3); // the resumed file's three chunks only
  });

  let replacement: Buffer;
  it('When the enterprise replaces a file before submitting, then the new one counts and the old one is kept as an earlier version', async () => {
    replacement = pdf(400_000, 9);
    const done = await upload(demo().token, 'system', replacement, 'pdf', { replaces: systemFileId, filename: '创新管理体系-修订.pdf' });
    expect(done.status).toBe(200);
    const item = done.body.items.find((i: { id: string }) => i.id === 'system');
    expect(item.files.map((f: { sha256: string }) => f.sha256)).toEqual([sha(replacement)]);
    expect(item.history).toEqual([expect.objectContaining({ id: systemFileId, sha256: sha(systemFile), replacedAt: expect.any(String) })]);
  });

  it('When required items are missing, then the submit is refused; complete, it gives a receipt with every file’s SHA-256', async () => {
    const early = await api.post('/api/evidence/submit', undefined, demo().token);
    expect({ status: early.status, code: early.body.code }).toEqual({ status: 422, code: 'EVIDENCE_INCOMPLETE' });
    expect(early.body.details.missing).toEqual(['system', 'ip_assets', 'results', 'commitment']); // system lacks its required text
    const tooLong = await api.raw('PUT', '/api/evidence/items/system/answer', { body: { answer: '长'.repeat(1_001) }, token: demo().token });
    expect(tooLong.status).toBe(400);
    expect((await api.raw('PUT', '/api/evidence/items/system/answer', { body: { answer: '企业于 2021 年建立创新管理体系，2023 年通过认证。' }, token: demo().token })).status).toBe(200);
    expect((await upload(demo().token, 'ip_assets', png(150_000), 'png')).status).toBe(200);
    expect((await upload(demo().token, 'results', jpeg(90_000), 'jpeg')).status).toBe(200);
    const last = await upload(demo().token, 'commitment', pdf(60_000, 4), 'pdf');
    expect(last.body.missingRequired).toEqual([]);
    const submitted = await api.post('/api/evidence/submit', undefined, demo().token);
    expect(submitted.status).toBe(200);
    expect(submitted.body.state).toBe('submitted');
    const receipt = submitted.body.receipts[0];
    expect(receipt.files.map((f: { itemId: string }) => f.itemId)).toEqual(['system', 'ip_assets', 'results', 'commitment']);
    expect(receipt.files[0]).toEqual(expect.objectContaining({ sha256: sha(replacement), bytes: replacement.length }));
    expect(receipt.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('When the set is submitted, then nothing in it can change and the checklist is fixed (only its deadline moves)', async () => {
    const more = await api.post('/api/evidence/uploads', { itemId: 'cases', filename: 'c.pdf', bytes: 5_000, kind: 'pdf' }, demo().token);
    expect({ status: more.status, code: more.body.code }).toEqual({ status: 409, code: 'EVIDENCE_LOCKED' });
    const text = await api.raw('PUT', '/api/evidence/items/system/answer', { body: { answer: '改' }, token: demo().token });
    expect({ status: text.status, code: text.body.code }).toEqual({ status: 409, code: 'EVIDENCE_LOCKED' });
    const again = await api.post('/api/evidence/submit', undefined, demo().token);
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'EVIDENCE_LOCKED' });
    const changed = await api.raw('PUT', `/api/admin/campaigns/${world.campaignId}/evidence-checklist`, { body: { items: items.slice(1), deadline }, token: world.staff.national });
    expect({ status: changed.status, code: changed.body.code }).toEqual({ status: 409, code: 'EVIDENCE_CHECKLIST_LOCKED' });
    const later = new Date(clock.now().getTime() + 21 * DAY).toISOString();
    const moved = await api.raw('PUT', `/api/admin/campaigns/${world.campaignId}/evidence-checklist`, { body: { items, deadline: later }, token: world.staff.national });
    expect(moved.body).toEqual(expect.objectContaining({ version: 1, locked: true }));
  });

  it('When bureaus read the set, then its region and city bureau and the national bureau may, another region’s bureau and another enterprise may not', async () => {
    const list = await api.get(`/api/evidence/sets?${q()}`, world.staff.gd);
    expect(list.status).toBe(200);
    expect(list.body.rows).toEqual([expect.objectContaining({ enterpriseId: demo().id, state: 'submitted', complete: 4, items: 5 })]);
    for (const token of [world.staff.gd, world.staff.gz, world.staff.national]) expect((await api.get(setPath(), token)).status).toBe(200);
    const sz = await api.get(setPath(), world.staff.sz);
    expect({ status: sz.status, code: sz.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect((await api.get(`/api/evidence/sets?${q()}`, world.staff.sz)).body.rows).toEqual([]);
    const szFile = await api.get(setPath(`/files/${systemFileId}`), world.staff.sz);
    expect(szFile.status).toBe(403);
    const otherEnterprise = await api.get(`/api/evidence/files/${systemFileId}`, world.enterprises.gdHolder.token);
    expect(otherEnterprise.status).toBe(403);
  });

  it('When a bureau views and downloads a file, then it comes back as sent (the old version too) and each download is audited', async () => {
    const inline = await api.get(setPath(`/files/${systemFileId}`).replace('?', '?inline=1&'), world.staff.gd);
    expect(inline.status).toBe(200);
    expect(inline.headers.get('content-type')).toBe('application/pdf');
    expect(inline.headers.get('content-disposition')).toMatch(/^inline/);
    expect(Buffer.compare(inline.body as Buffer, systemFile)).toBe(0);
    const national = await api.get(setPath(`/files/${systemFileId}`), world.staff.national);
    expect(national.headers.get('content-disposition')).toMatch(/^attachment/);
    const audit = await api.get(`/api/admin/audit?target=${demo().id}`, world.staff.national);
    const downloads = audit.body.events.filter((event: { action: string }) => event.action === 'evidence.downloaded');
    expect(downloads.map((event: { actor: { kind: string } }) => event.actor.kind).sort()).toEqual(['enterprise', 'staff', 'staff']);
    expect(downloads[0].details).toEqual(expect.objectContaining({ fileId: systemFileId, sha256: sha(systemFile) }));
  });

  it('When the bureau marks an item as needing more and asks for 补正, then only that item reopens until the new deadline', async () => {
    const bare = await api.raw('PUT', setPath('/marks'), { body: { items: [{ itemId: 'ip_assets', verdict: 'needs_more' }] }, token: world.staff.gd });
    expect({ status: bare.status, code: bare.body.code }).toEqual({ status: 422, code: 'EVIDENCE_MARK_INVALID' });
    const marked = await api.raw('PUT', setPath('/marks'), { body: { items: [{ itemId: 'ip_assets', verdict: 'needs_more', comment: '请补充知识产权评估报告' }, { itemId: 'system', verdict: 'sufficient' }] }, token: world.staff.gd });
    expect(marked.status).toBe(200);
    const past = await api.post(setPath('/requests'), { itemIds: ['ip_assets'], deadline: new Date(clock.now().getTime() - 1_000).toISOString(), comment: '请补正' }, world.staff.gd);
    expect({ status: past.status, code: past.body.code }).toEqual({ status: 422, code: 'EVIDENCE_REQUEST_INVALID' });
    const requested = await api.post(setPath('/requests'), { itemIds: ['ip_assets'], deadline: new Date(clock.now().getTime() + 5 * DAY).toISOString(), comment: '请补充知识产权评估报告' }, world.staff.gd);
    expect(requested.status).toBe(201);
    expect(requested.body.state).toBe('reopened');
    const page = (await api.get('/api/evidence', demo().token)).body.set;
    expect(page.items.filter((i: { editable: boolean }) => i.editable).map((i: { id: string }) => i.id)).toEqual(['ip_assets']);
    expect(page.items.find((i: { id: string }) => i.id === 'ip_assets')).toEqual(expect.objectContaining({ requested: true, mark: expect.objectContaining({ verdict: 'needs_more', comment: '请补充知识产权评估报告' }) }));
    const closedItem = await api.post('/api/evidence/uploads', { itemId: 'system', filename: 'x.pdf', bytes: 5_000, kind: 'pdf', replaces: page.items[0].files[0].id }, demo().token);
    expect({ status: closedItem.status, code: closedItem.body.code }).toEqual({ status: 409, code: 'EVIDENCE_LOCKED' });
    const old = page.items.find((i: { id: string }) => i.id === 'ip_assets').files[0];
    const redone = await upload(demo().token, 'ip_assets', png(200_000), 'png', { replaces: old.id });
    expect(redone.status).toBe(200);
    const resubmitted = await api.post('/api/evidence/submit', undefined, demo().token);
    expect(resubmitted.body.state).toBe('submitted');
    expect(resubmitted.body.receipts).toHaveLength(2);
    const ip = resubmitted.body.items.find((i: { id: string }) => i.id === 'ip_assets');
    expect(ip.history).toEqual([expect.objectContaining({ id: old.id, submitted: true })]);
    expect((await api.get(setPath(`/files/${old.id}`), world.staff.gd)).status).toBe(200); // the submitted version stays
  });

  it('When the region writes its note, then it becomes the enterprise’s 评审 opinion in the package; another region cannot', async () => {
    const noted = await api.raw('PUT', setPath('/note'), { body: { note: '材料齐全，体系运行有效' }, token: world.staff.gd });
    expect(noted.status).toBe(200);
    expect(noted.body.note).toEqual(expect.objectContaining({ text: '材料齐全，体系运行有效' }));
    const work = await api.get(`/api/reviews/work?${q()}`, world.staff.gd);
    const row = work.body.applicants.demonstration.find((r: { id: string }) => r.id === demo().id);
    expect(row.review.opinion).toContain('【材料审查意见】材料齐全，体系运行有效');
    const sz = await api.raw('PUT', setPath('/note'), { body: { note: '越权' }, token: world.staff.sz });
    expect(sz.status).toBe(403);
    const actions = (await api.get(`/api/admin/audit?target=${demo().id}`, world.staff.national)).body.events.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['evidence.uploaded', 'evidence.submitted', 'evidence.marked', 'evidence.requested', 'evidence.noted', 'evidence.downloaded']));
  });
});
