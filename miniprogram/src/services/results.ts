import type { Answers, SubmitResponse } from '@assess/shared';

/**
 * The submit response just received, held for the result page it leads to (that page can also
 * rebuild everything from /api/attempts/:id, e.g. after a reload).
 */
export interface FreshResult {
  response: SubmitResponse;
  answers: Answers;
}

let fresh: FreshResult | null = null;

export const freshResult = {
  set(value: FreshResult) {
    fresh = value;
  },
  take(attemptId: string): FreshResult | null {
    return fresh && fresh.response.receipt.attemptId === attemptId ? fresh : null;
  },
};
