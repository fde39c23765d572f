import type { ChildProcess } from 'node:child_process';

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves when the child has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  return hasExited(child) ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Stops a child we started: `signal` (SIGTERM lets it finish what it is doing), then SIGKILL
 * after `forceAfterMs` unless that is null; resolves once it has exited.
 */
export async function stopChild(child: ChildProcess | null, options: { signal?: NodeJS.Signals; forceAfterMs?: number | null } = {}): Promise<void> {
  if (!child || hasExited(child)) return;
  const { signal = 'SIGTERM', forceAfterMs = 5_000 } = options;
  const done = exited(child);
  child.kill(signal);
  const timer = forceAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), forceAfterMs);
  await done;
  if (timer) clearTimeout(timer);
}
