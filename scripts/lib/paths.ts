import path from 'node:path';

/** The repository root, whichever script or test imports this. */
export const repoRoot = path.resolve(__dirname, '..', '..');
export const cacheDir = path.join(repoRoot, '.cache');
/**
 * Where `npm start` keeps the demo's data (FerretDB's files, demo keys, logs): `.data/`, or
 * DEMO_DATA_DIR (the quick-start smoke test runs on a throwaway folder).
 */
export const dataDir = process.env.DEMO_DATA_DIR ? path.resolve(process.env.DEMO_DATA_DIR) : path.join(repoRoot, '.data');
