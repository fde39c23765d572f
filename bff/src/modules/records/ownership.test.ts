import fs from 'node:fs';
import path from 'node:path';
import { bffRoot, importsOf, sourceFiles } from '../../testing/sourceGraph';

/**
 * The records module owns each enterprise's lasting record (`enterprise_records`) and the record
 * of which closes were applied (`record_closings`): no other module of bff/src names those
 * collections, reaches for their models or imports what opens them — the import, the
 * certification and the rebuild call its service. The composition root alone creates the models
 * and hands them to it (as results/ownership.test.ts holds for the results module).
 */
const OWNER = path.join(bffRoot, 'modules', 'records');
const COMPOSITION_ROOT = path.join(bffRoot, 'services.ts');
const OPENERS = new Set(['recordModels']);
const TOUCHES: Array<[string, RegExp]> = [
  ['names an owned collection', /['"`](?:enterprise_records|record_closings|record_journal)['"`]/],
  ['reaches into a models bag', /\bmodels\.(?:enterpriseRecords|recordClosings|recordJournal)\b/],
];

function violations(file: string, text: string): string[] {
  const found: string[] = [];
  const root = file === COMPOSITION_ROOT;
  for (const edge of importsOf(file, text)) {
    if (!edge.resolved?.startsWith(`${OWNER}${path.sep}`) || root) continue;
    for (const name of edge.values) if (OPENERS.has(name) || name === '*') found.push(`imports ${name} from ${path.relative(bffRoot, edge.resolved)}`);
  }
  for (const [what, pattern] of TOUCHES) {
    if (root && what === 'reaches into a models bag') continue;
    if (pattern.test(text)) found.push(what);
  }
  return found;
}

describe('the records module owns the enterprise_records and record_closings collections', () => {
  const others = sourceFiles().filter((file) => !file.startsWith(`${OWNER}${path.sep}`));

  it.each(others.map((file) => [path.relative(bffRoot, file), file]))('%s touches none of them', (_name, file) => {
    expect(violations(file, fs.readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('recognises what it forbids', () => {
    const elsewhere = path.join(bffRoot, 'modules', 'dashboards', 'x.ts');
    const sample = ["import { recordModels } from '../records/model';", "const a = db.collection('enterprise_records');", 'const b = deps.models.recordClosings;'].join('\n');
    expect(violations(elsewhere, sample)).toEqual(['imports recordModels from modules/records/model.ts', 'names an owned collection', 'reaches into a models bag']);
    expect(violations(elsewhere, "import type { RecordService } from '../records/service';")).toEqual([]);
  });
});
