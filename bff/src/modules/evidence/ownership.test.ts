import fs from 'node:fs';
import path from 'node:path';
import { bffRoot } from '../../testing/sourceGraph';
import { filesOutside, ownershipViolations, REACHES_INTO_MODELS } from '../../testing/ownership';

/**
 * The evidence module owns `evidence_checklists`, `evidence_sets` and `evidence_uploads` (as the
 * reviews module owns its three): no other module names them, reaches for their models, or
 * imports what opens them. The composition root alone creates the models and hands them over.
 */
const violations = ownershipViolations({
  module: 'evidence',
  openers: new Set(['evidenceModels', 'evidenceService']),
  touches: [
    ['names an evidence collection', /['"`]evidence_(?:checklists|sets|uploads)['"`]/],
    [REACHES_INTO_MODELS, /\bmodels\.evidence(?:Checklists|Sets|Uploads)\b/],
  ],
});

describe('the evidence module owns its collections', () => {
  const others = filesOutside('evidence');

  it.each(others.map((file) => [path.relative(bffRoot, file), file]))('%s touches none of them', (_name, file) => {
    expect(violations(file, fs.readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('recognises what it forbids', () => {
    const elsewhere = path.join(bffRoot, 'modules', 'reviews', 'x.ts');
    expect(violations(elsewhere, "import { evidenceModels } from '../evidence/model';\nconst s = db.collection('evidence_sets');\nconst t = deps.models.evidenceSets;")).toEqual([
      'imports evidenceModels from modules/evidence/model.ts',
      'names an evidence collection',
      'reaches into a models bag',
    ]);
    expect(violations(elsewhere, "import type { EvidenceService } from '../evidence/service';")).toEqual([]);
  });
});
