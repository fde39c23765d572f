import path from 'node:path';

/** The repository root, whichever script or test imports this. */
export const repoRoot = path.resolve(__dirname, '..', '..');
export const cacheDir = path.join(repoRoot, '.cache');
export const dataDir = path.join(repoRoot, '.data');
