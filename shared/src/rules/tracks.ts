import type { z } from 'zod';
import type { titleHeldSchema, trackSchema } from '../api/admin';

/**
 * Tracks: what an enterprise takes part in the year's assessment as (国知办函运字〔2022〕497号
 * and〔2023〕572号, 一、条件范围):
 * - 申报优势 apply_advantage: applying for the advantage title;
 * - 申报示范 apply_demonstration: applying for demonstration — only an advantage enterprise whose
 *   3-year cultivation period has ended (培育期满3年的优势企业);
 * - 考核 assessment: the annual assessment of current advantage/demonstration enterprises (from 2023);
 * - 复核 review: the review of titles held for 3 years.
 */
export type Track = z.infer<typeof trackSchema>;
export type TitleHeld = z.infer<typeof titleHeldSchema>;
export type PassLine = 'advantage' | 'demonstration';
/** A title the programme grants (优势企业 / 示范企业); each has its pass line of the same name. */
export type Title = PassLine;

export const tracks: readonly Track[] = ['apply_advantage', 'apply_demonstration', 'assessment', 'review'];
export const titlesHeld: readonly TitleHeld[] = ['none', 'advantage', 'demonstration'];

export const trackLabels: Readonly<Record<Track, string>> = {
  apply_advantage: '申报优势',
  apply_demonstration: '申报示范',
  assessment: '考核',
  review: '复核',
};

export const titleHeldLabels: Readonly<Record<TitleHeld, string>> = {
  none: '无',
  advantage: '优势企业',
  demonstration: '示范企业',
};

export const titleLabels: Readonly<Record<Title, string>> = { advantage: '优势企业', demonstration: '示范企业' };

export const passLineLabels: Readonly<Record<PassLine, string>> = {
  advantage: '优势企业合格线',
  demonstration: '示范企业合格线',
};

/**
 * Why a track and a title do not go together (Chinese, for import reports), or null when they do:
 * 申报优势 requires no title; 申报示范 requires the advantage title; 考核/复核 require a title.
 */
export function trackTitleIssue(track: Track, titleHeld: TitleHeld): string | null {
  switch (track) {
    case 'apply_advantage':
      return titleHeld === 'none' ? null : '已是优势企业或示范企业的，不能申报优势企业';
    case 'apply_demonstration':
      return titleHeld === 'advantage' ? null : '申报示范企业的须为培育期满 3 年的优势企业';
    case 'assessment':
    case 'review':
      return titleHeld === 'none' ? `${trackLabels[track]}企业须为现有优势企业或示范企业` : null;
  }
}

/**
 * The pass line an enterprise's score is judged against: an application by the title applied
 * for; 考核 and 复核 by the title held.
 *
 * 2022 (粤知〔2022〕51号 四(三), 附件 一、1(2)): an advantage enterprise applying for demonstration
 * is also taking the advantage review (视为同时参加优势企业复核). Its line here is 'demonstration'
 * (the application); `linesAssessed` adds the advantage review judged on the same score.
 *
 * Throws RangeError for 考核/复核 without a title: check imports with `trackTitleIssue` first.
 */
export function passLineFor(track: Track, titleHeld: TitleHeld): PassLine {
  if (track === 'apply_advantage') return 'advantage';
  if (track === 'apply_demonstration') return 'demonstration';
  if (titleHeld === 'none') throw new RangeError(`${track} requires a title held`);
  return titleHeld;
}

export interface LineAssessed {
  line: PassLine;
  purpose: 'application' | 'assessment' | 'review';
}

/**
 * Every judgement one score makes: usually one; two for an advantage enterprise applying for
 * demonstration (the application against the demonstration line, and the advantage review
 * against the advantage line — so failing the first may still pass the second).
 */
export function linesAssessed(track: Track, titleHeld: TitleHeld): LineAssessed[] {
  const line = passLineFor(track, titleHeld);
  switch (track) {
    case 'apply_advantage':
      return [{ line, purpose: 'application' }];
    case 'apply_demonstration':
      return titleHeld === 'advantage'
        ? [{ line, purpose: 'application' }, { line: 'advantage', purpose: 'review' }]
        : [{ line, purpose: 'application' }];
    case 'assessment':
      return [{ line, purpose: 'assessment' }];
    case 'review':
      return [{ line, purpose: 'review' }];
  }
}

const hasOwn = Object.prototype.hasOwnProperty;

function byCodeOrLabel<T extends string>(labels: Readonly<Record<T, string>>, extra: Record<string, T>) {
  return (raw: string): T | null => {
    const text = raw.trim();
    if (hasOwn.call(labels, text)) return text as T;
    for (const [code, label] of Object.entries(labels) as Array<[T, string]>) if (label === text) return code;
    return hasOwn.call(extra, text) ? (extra[text] ?? null) : null;
  };
}

/** Reads a track from its code or Chinese label (import files use either); null if unknown. */
export const parseTrack = byCodeOrLabel<Track>(trackLabels, {
  申报优势企业: 'apply_advantage',
  申报示范企业: 'apply_demonstration',
  年度考核: 'assessment',
});

/** Reads a title held from its code or Chinese label; a blank cell means none. */
export const parseTitleHeld = byCodeOrLabel<TitleHeld>(titleHeldLabels, {
  '': 'none',
  优势: 'advantage',
  示范: 'demonstration',
});
