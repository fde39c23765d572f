import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/**
 * How hard a staff password is to guess, estimated by zxcvbn-ts (the maintained TypeScript port
 * of Dropbox's zxcvbn): common passwords, dictionary words, names, keyboard walks, repeats,
 * sequences, dates and l33t substitutions all count as cheap guesses. Pure code, no I/O.
 *
 * Score 3 means at least 10^8 guesses: with the login's growing delays an online attacker gets
 * about a hundred guesses a day per account, so such a password holds for millennia.
 */
export const MIN_PASSWORD_SCORE = 3;

/** Built on first use: the dictionaries take a few milliseconds to rank, and most callers never need them. */
let estimator: ZxcvbnFactory | null = null;

/** zxcvbn's score, 0 (too guessable) to 4, of a password; `related` words (user name, display name) count as known. */
export function passwordScore(password: string, related: readonly string[] = []): number {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return estimator.check(password, related.filter((word) => word.length > 0)).score;
}

export function isGuessablePassword(password: string, related: readonly string[] = []): boolean {
  return passwordScore(password, related) < MIN_PASSWORD_SCORE;
}
