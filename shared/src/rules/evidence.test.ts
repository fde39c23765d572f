import { chunkCount, chunkLength, claimedKind, defaultEvidenceChecklist, editableItems, EVIDENCE_CHUNK_BYTES, evidenceAccessIssue, itemProgress, markIssue, missingChunks, missingRequired, requestIssue, uploadIssue, uploadIssueMessage } from './evidence';

const MB = 1024 * 1024;
const item = { kinds: ['pdf'] as const, maxBytes: 10 * MB, maxFiles: 2 };

describe('who sees the 评审要点', () => {
  const base = { published: true, closed: true, track: 'apply_demonstration' as const, total: 80, demonstrationLine: 75, hasChecklist: true };
  it('is a 申报示范 enterprise at or above the published demonstration line, once a checklist exists', () => {
    expect(evidenceAccessIssue(base)).toBeNull();
    expect(evidenceAccessIssue({ ...base, total: 75 })).toBeNull();
    expect(evidenceAccessIssue({ ...base, total: 74.99 })).toContain('未达到');
    expect(evidenceAccessIssue({ ...base, track: 'apply_advantage' })).toContain('申报示范');
    expect(evidenceAccessIssue({ ...base, published: false, demonstrationLine: null })).toContain('合格线公布后');
    expect(evidenceAccessIssue({ ...base, hasChecklist: false })).toContain('评审要点');
  });
});

describe('what an upload may be', () => {
  it('is one of the item’s kinds, within its size, its file count (a replacement takes the old one’s place) and the enterprise’s total', () => {
    const state = { currentFiles: 0, replacing: false, usedBytes: 0 };
    expect(uploadIssue(item, { kind: 'pdf', bytes: MB }, state)).toBeNull();
    expect(uploadIssue(item, { kind: 'png', bytes: MB }, state)).toBe('KIND');
    expect(uploadIssue(item, { kind: null, bytes: MB }, state)).toBe('KIND');
    expect(uploadIssue(item, { kind: 'pdf', bytes: 10 * MB + 1 }, state)).toBe('TOO_LARGE');
    expect(uploadIssue(item, { kind: 'pdf', bytes: MB }, { ...state, currentFiles: 2 })).toBe('TOO_MANY');
    expect(uploadIssue(item, { kind: 'pdf', bytes: MB }, { ...state, currentFiles: 2, replacing: true })).toBeNull();
    expect(uploadIssue(item, { kind: 'pdf', bytes: MB }, { ...state, usedBytes: 200 * MB })).toBe('QUOTA');
  });
  it('is refused with a Chinese message naming the limit', () => {
    expect(uploadIssueMessage('KIND', { kinds: ['pdf', 'png'], maxBytes: MB, maxFiles: 1 })).toBe('文件类型不符：该项只接受 PDF、PNG 文件');
    expect(uploadIssueMessage('TOO_LARGE', item)).toBe('文件过大：该项每个文件不超过 10 MB');
  });
  it('claims its kind by media type, else by name (the server reads the bytes)', () => {
    expect(claimedKind('application/pdf', 'x')).toBe('pdf');
    expect(claimedKind('', 'scan.JPG')).toBe('jpeg');
    expect(claimedKind('application/zip', 'a.zip')).toBeNull();
  });
  it('is sent in whole chunks, the last shorter, and resumes with the chunks missing', () => {
    expect(chunkCount(1)).toBe(1);
    expect(chunkCount(2 * EVIDENCE_CHUNK_BYTES + 1)).toBe(3);
    expect(chunkLength(2 * EVIDENCE_CHUNK_BYTES + 1, 2)).toBe(1);
    expect(chunkLength(2 * EVIDENCE_CHUNK_BYTES + 1, 0)).toBe(EVIDENCE_CHUNK_BYTES);
    expect(chunkLength(10, 1)).toBe(-1);
    expect(missingChunks(3 * EVIDENCE_CHUNK_BYTES, [0, 2])).toEqual([1]);
  });
});

describe('an item’s progress and the submit', () => {
  const [system, ip] = defaultEvidenceChecklist();
  it('is complete with a file and, when required, the text', () => {
    expect(itemProgress(system!, 1, null).complete).toBe(false);
    expect(itemProgress(system!, 1, ' 说明 ').complete).toBe(true);
    expect(itemProgress(ip!, 0, null).complete).toBe(false);
    expect(missingRequired(defaultEvidenceChecklist(), { system: { files: 1, text: '有' }, ip_assets: { files: 1, text: null } })).toEqual(['results', 'commitment']);
  });
});

describe('what a 补正 request reopens', () => {
  const now = new Date('2026-07-10T00:00:00Z');
  const ids = ['a', 'b', 'c'];
  it('before the first submit: every item until the deadline; after: none; reopened: only the named items until the request’s deadline', () => {
    expect(editableItems({ state: 'open', itemIds: ids, deadline: new Date('2026-07-11T00:00:00Z'), latestRequest: null, now })).toEqual(ids);
    expect(editableItems({ state: 'open', itemIds: ids, deadline: new Date('2026-07-09T00:00:00Z'), latestRequest: null, now })).toEqual([]);
    expect(editableItems({ state: 'submitted', itemIds: ids, deadline: null, latestRequest: null, now })).toEqual([]);
    const request = { itemIds: ['b'], deadline: new Date('2026-07-12T00:00:00Z') };
    expect(editableItems({ state: 'reopened', itemIds: ids, deadline: null, latestRequest: request, now })).toEqual(['b']);
    expect(editableItems({ state: 'reopened', itemIds: ids, deadline: null, latestRequest: request, now: new Date('2026-07-13T00:00:00Z') })).toEqual([]);
  });
  it('needs a submitted set, known items and a future deadline; a “needs more” mark says what', () => {
    const ok = { itemIds: ['a'], known: ids, deadline: new Date('2026-07-11T00:00:00Z'), now, state: 'submitted' as const };
    expect(requestIssue(ok)).toBeNull();
    expect(requestIssue({ ...ok, state: 'open' })).toBe('NOT_SUBMITTED');
    expect(requestIssue({ ...ok, itemIds: [] })).toBe('NO_ITEMS');
    expect(requestIssue({ ...ok, itemIds: ['z'] })).toBe('UNKNOWN_ITEM');
    expect(requestIssue({ ...ok, deadline: now })).toBe('DEADLINE_PAST');
    expect(markIssue('needs_more', ' ')).toBe('COMMENT_REQUIRED');
    expect(markIssue('sufficient', null)).toBeNull();
  });
});
