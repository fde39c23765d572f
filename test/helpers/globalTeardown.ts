import fs from 'node:fs';

type Stoppable = { stop(): Promise<void> };
const started = globalThis as unknown as { __services?: Stoppable[]; __dataDir?: string };

/** Stops only what globalSetup started and removes the throwaway data folder. */
export default async function globalTeardown(): Promise<void> {
  for (const service of (started.__services ?? []).reverse()) await service.stop();
  started.__services = [];
  if (started.__dataDir) fs.rmSync(started.__dataDir, { recursive: true, force: true });
  delete process.env.TEST_MONGODB_URI;
}
