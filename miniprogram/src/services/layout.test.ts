import { defaultQuestionnaire } from '@assess/shared';
import { BONUS_KEY, layOut } from './layout';

describe('layOut', () => {
  it('When laying out the default questionnaire, then every question has one group and a unique label', () => {
    const layout = layOut(defaultQuestionnaire);
    const all = layout.groups.flatMap((g) => g.sections.flatMap((s) => s.questions));
    expect(layout.groups.map((g) => g.key)).toEqual([...defaultQuestionnaire.dimensions.map((d) => d.id), BONUS_KEY]);
    expect(new Set(all.map((q) => q.label)).size).toBe(all.length);
    expect(layout.groupOf.size).toBe(all.length);
    expect(all[0]?.label).toBe('1.1');
  });
});
