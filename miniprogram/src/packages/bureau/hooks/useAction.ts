import { useCallback, useState } from 'react';
import { describeError } from '../../../services/errorText';

/** What an action left to say: its success, or its failure in Chinese. */
export type Note = { ok: boolean; text: string } | null;

/**
 * A workbench tool's actions: which one is running (`busy`, for the button's busy text) and the
 * note the last one left. `run` clears the note, runs the action, shows the text it returns as a
 * success or its failure as the server's Chinese message, and says whether it succeeded.
 */
export function useAction<Kind extends string = 'busy'>() {
  const [busy, setBusy] = useState<Kind | null>(null);
  const [note, setNote] = useState<Note>(null);
  const run = useCallback(async (kind: Kind, action: () => Promise<string | void>): Promise<boolean> => {
    setBusy(kind);
    setNote(null);
    try {
      const done = await action();
      if (typeof done === 'string') setNote({ ok: true, text: done });
      return true;
    } catch (failure) {
      setNote({ ok: false, text: describeError(failure) });
      return false;
    } finally {
      setBusy(null);
    }
  }, []);
  return { busy, note, setNote, run };
}
