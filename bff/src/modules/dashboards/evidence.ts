import { evidenceText, evidenceVisible, integrityLabels, type EnterpriseDetail } from '@assess/shared';
import type { StoredFlag } from '../results/model';

type FlagView = EnterpriseDetail['integrity'][number];

/**
 * An integrity flag as a bureau may see it: the flag, its label and the attempts it rests on
 * always; each piece of evidence only when the viewer may see what it cites (the scores, the
 * answers), under the same rule as the scores themselves. A flag stored as text (before
 * structured evidence) cites both, so it shows only when results do.
 */
export function integrityView(flag: StoredFlag, resultsVisible: boolean): FlagView {
  const base = { code: flag.code, label: integrityLabels[flag.code as keyof typeof integrityLabels] ?? flag.code, attempts: flag.attempts };
  if (typeof flag.evidence === 'string') return { ...base, evidence: resultsVisible ? flag.evidence : '', withheld: !resultsVisible };
  const view = { scores: resultsVisible, answers: resultsVisible };
  const shown = flag.evidence.filter((item) => evidenceVisible(item, view));
  return { ...base, evidence: shown.map((item) => evidenceText(item)).join('；'), withheld: shown.length < flag.evidence.length };
}
