import { passLinesVisibleTo, resultsVisibleTo } from './resultsVisibility';

describe('who sees results and pass lines', () => {
  const closesAt = new Date('2026-06-30T16:00:00Z');
  const during = new Date(closesAt.getTime() - 1);
  const hiding = { closesAt, settings: { hideScoresDuringWindow: true } };

  it('shows the national bureau results at any time, bureaus only after the close while the campaign hides them', () => {
    expect(resultsVisibleTo('national', hiding, during)).toBe(true);
    expect(resultsVisibleTo('region', hiding, during)).toBe(false);
    expect(resultsVisibleTo('city', hiding, during)).toBe(false);
    expect(resultsVisibleTo('region', hiding, closesAt)).toBe(true);
    expect(resultsVisibleTo('city', { closesAt, settings: { hideScoresDuringWindow: false } }, during)).toBe(true);
    expect(resultsVisibleTo('city', { closesAt, settings: null }, during)).toBe(false);
  });

  it('lets draft pass lines out of the national role only once published', () => {
    expect(passLinesVisibleTo('national', { state: 'draft' })).toBe(true);
    expect(passLinesVisibleTo('region', { state: 'draft' })).toBe(false);
    expect(passLinesVisibleTo('enterprise', undefined)).toBe(false);
    expect(passLinesVisibleTo('city', { state: 'published' })).toBe(true);
  });
});
