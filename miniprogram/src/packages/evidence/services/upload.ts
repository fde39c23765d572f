import { claimedKind, missingChunks, uploadIssue, uploadIssueMessage, type EvidenceItemView, type EvidenceSetView } from '@assess/shared';
import type { EvidenceFile } from '../platform/files.types';
import { evidenceApi } from './evidenceApi';

/** A refusal found before any byte is sent (the item's kinds, size or count), in Chinese. */
export class UploadRefused extends Error {}

const RETRIES = 4;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Uploads ever started on this device and not finished, by item: a dropped connection resumes there. */
const unfinished = new Map<string, { uploadId: string; name: string; size: number }>();

/**
 * Sends one file as resumable chunks: checked first against the item (shared uploadIssue), then
 * each chunk the server lacks is read from the file and sent (retried with backoff; after a
 * dropped connection the server says which chunks it has), then completed.
 */
export async function uploadEvidence(set: EvidenceSetView, item: EvidenceItemView, file: EvidenceFile, replaces: string | null, onProgress: (fraction: number) => void): Promise<EvidenceSetView> {
  const kind = claimedKind(file.type, file.name);
  const issue = uploadIssue(item, { kind, bytes: file.size }, { currentFiles: item.files.length, replacing: replaces !== null, usedBytes: set.usage.bytes - (item.files.find((f) => f.id === replaces)?.bytes ?? 0), capBytes: set.usage.maxBytes });
  if (issue || !kind) throw new UploadRefused(uploadIssueMessage(issue ?? 'KIND', item));
  const key = `${item.id}:${replaces ?? ''}`;
  const previous = unfinished.get(key);
  let session = previous && previous.name === file.name && previous.size === file.size ? await evidenceApi.upload(previous.uploadId).catch(() => null) : null;
  session ??= await evidenceApi.createUpload({ itemId: item.id, filename: file.name, bytes: file.size, kind, ...(replaces ? { replaces } : {}) });
  unfinished.set(key, { uploadId: session.uploadId, name: file.name, size: file.size });
  const todo = missingChunks(file.size, session.received, session.chunkBytes);
  let done = session.chunks - todo.length;
  onProgress(done / session.chunks);
  for (const n of todo) {
    const bytes = await file.read(n * session.chunkBytes, Math.min(file.size, (n + 1) * session.chunkBytes));
    for (let attempt = 1; ; attempt++) {
      try {
        await evidenceApi.putChunk(session.uploadId, n, bytes);
        break;
      } catch (error) {
        const status = (error as { status?: number }).status ?? 0;
        if (attempt >= RETRIES || (status >= 400 && status < 500)) throw error;
        await pause(500 * 2 ** attempt);
      }
    }
    done++;
    onProgress(done / session.chunks);
  }
  const set2 = await evidenceApi.complete(session.uploadId);
  unfinished.delete(key);
  return set2;
}
