import fs from 'node:fs';
import path from 'node:path';
import { bffRoot, importsOf, sourceFiles } from '../../testing/sourceGraph';

/**
 * The evidence module owns `evidence_checklists`, `evidence_sets` and `evidence_uploads` (as the
 * reviews module owns its three): no other module names them, reaches for their models, or
 * imports what opens them. The composition root alone creates the models and hands them over.
 */
const OWNER = path.join(bffRoot, 'modules', 'evidence');
const COMPOSITION_ROOT = path.join(bffRoot, 'services.ts');
const OPENERS = new Set(['evidenceModels', 'evidenceService']);
const TOUCHES: Array<[string, RegExp]> = [
  ['names an evidence collection', /['"`]evidence_(?:checklists|sets|uploads)['"`]/],
  ['reaches into a models bag', /\bmodels\.evidence(?:Checklists|Sets|Uploads)\b/],
];

function violations(file: string, text: string): string[] {
  const found: string[] = [];
  const root = file === COMPOSITION_ROOT;
  for (const edge of importsOf(file, text)) {
    if (root || !edge.resolved?.startsWith(`${OWNER}${path.sep}`)) continue;
    for (const name of edge.values) if (OPENERS.has(name) || name === '*') found.push(`imports ${name} from ${path.relative(bffRoot, edge.resolved)}`);
  }
  for (const [what, pattern] of TOUCHES) {
    if (root && what === 'reaches into a models bag') continue;
    if (pattern.test(text)) found.push(what);
  }
  return found;
}

describe('the evidence module owns its collections', () => {
  const others = sourceFiles().filter((file) => !file.startsWith(`${OWNER}${path.sep}`));

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
