import { isDraftDirty, toBeijingIso, type Draft } from '@assess/shared';
import type { DraftDoc } from './model';

/** A draft as the enterprise sees it; dirty when it holds answers saved after the last submit (shared rule). */
export function toDraftView(draft: DraftDoc, lastSubmittedAt: Date | null): Draft {
  return {
    revision: draft.revision,
    answers: draft.answers ?? {},
    startedAt: draft.startedAt ? toBeijingIso(draft.startedAt) : null,
    updatedAt: draft.updatedAt ? toBeijingIso(draft.updatedAt) : null,
    dirty: isDraftDirty(draft.updatedAt ?? null, lastSubmittedAt),
  };
}
