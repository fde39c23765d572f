import { Text } from '@tarojs/components';
import { tid } from '../../../../platform/testid';
import type { Note } from '../../hooks/useAction';

/** An action's note: green when it went through, red with the reason when not. */
export function NoteText({ note, testId }: { note: Note; testId: string }) {
  if (!note) return null;
  return (
    <Text className={`bnotice ${note.ok ? 'success' : 'danger'}`} {...tid(testId, { ok: note.ok })}>
      {note.text}
    </Text>
  );
}
