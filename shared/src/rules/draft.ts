/**
 * Whether a working draft holds answers the enterprise has not submitted: it was saved after the
 * latest submit (or it was saved and nothing was submitted yet). A draft only started, never
 * saved, is not dirty. The home page offers 继续作答 for a dirty draft, and a retake otherwise.
 */
export function isDraftDirty(draftUpdatedAt: Date | null, lastSubmittedAt: Date | null): boolean {
  if (draftUpdatedAt === null) return false;
  return lastSubmittedAt === null || draftUpdatedAt.getTime() > lastSubmittedAt.getTime();
}
