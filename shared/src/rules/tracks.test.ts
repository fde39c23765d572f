import { titleHeldSchema, trackSchema } from '../api/admin';
import {
  linesAssessed,
  parseTitleHeld,
  parseTrack,
  passLineFor,
  passLineLabels,
  titleHeldLabels,
  titlesHeld,
  trackLabels,
  tracks,
  trackTitleIssue,
  type TitleHeld,
  type Track,
} from './tracks';

describe('tracks and titles', () => {
  it('are the API enums, with Chinese labels', () => {
    expect(tracks).toEqual(trackSchema.options);
    expect(titlesHeld).toEqual(titleHeldSchema.options);
    expect(trackLabels).toEqual({ apply_advantage: '申报优势', apply_demonstration: '申报示范', assessment: '考核', review: '复核' });
    expect(titleHeldLabels).toEqual({ none: '无', advantage: '优势企业', demonstration: '示范企业' });
    expect(passLineLabels.demonstration).toBe('示范企业合格线');
  });

  // Every valid combination, the line it is judged against, and what else the score decides.
  it.each<[Track, TitleHeld, 'advantage' | 'demonstration', string]>([
    ['apply_advantage', 'none', 'advantage', 'application:advantage'],
    ['apply_demonstration', 'advantage', 'demonstration', 'application:demonstration review:advantage'],
    ['assessment', 'advantage', 'advantage', 'assessment:advantage'],
    ['assessment', 'demonstration', 'demonstration', 'assessment:demonstration'],
    ['review', 'advantage', 'advantage', 'review:advantage'],
    ['review', 'demonstration', 'demonstration', 'review:demonstration'],
  ])('%s holding %s is judged against the %s line', (track, title, line, judgements) => {
    expect(trackTitleIssue(track, title)).toBeNull();
    expect(passLineFor(track, title)).toBe(line);
    expect(linesAssessed(track, title).map((j) => `${j.purpose}:${j.line}`).join(' ')).toBe(judgements);
  });

  it.each<[Track, TitleHeld]>([
    ['apply_advantage', 'advantage'],
    ['apply_advantage', 'demonstration'],
    ['apply_demonstration', 'none'],
    ['apply_demonstration', 'demonstration'],
    ['assessment', 'none'],
    ['review', 'none'],
  ])('refuses %s with title %s, in Chinese', (track, title) => {
    expect(trackTitleIssue(track, title)).toMatch(/企业/);
  });

  it('still names the line an application is judged by, whatever the title', () => {
    expect(passLineFor('apply_demonstration', 'none')).toBe('demonstration');
    expect(linesAssessed('apply_demonstration', 'none')).toEqual([{ line: 'demonstration', purpose: 'application' }]);
  });

  it('cannot judge 考核 or 复核 without a title', () => {
    expect(() => passLineFor('assessment', 'none')).toThrow(RangeError);
    expect(() => passLineFor('review', 'none')).toThrow(RangeError);
  });

  it.each([
    ['apply_advantage', 'apply_advantage'],
    ['申报优势', 'apply_advantage'],
    [' 申报示范企业 ', 'apply_demonstration'],
    ['考核', 'assessment'],
    ['年度考核', 'assessment'],
    ['复核', 'review'],
    ['报名', null],
    ['toString', null],
  ])('parseTrack(%j) → %s', (raw, track) => {
    expect(parseTrack(raw)).toBe(track);
  });

  it.each([
    ['', 'none'],
    ['无', 'none'],
    ['优势企业', 'advantage'],
    ['示范', 'demonstration'],
    ['demonstration', 'demonstration'],
    ['金牌', null],
  ])('parseTitleHeld(%j) → %s', (raw, title) => {
    expect(parseTitleHeld(raw)).toBe(title);
  });
});
