import fs from 'node:fs';
import path from 'node:path';
import { bffRoot } from '../../testing/sourceGraph';
import { filesOutside, ownershipViolations, REACHES_INTO_MODELS } from '../../testing/ownership';

/**
 * The records module owns each enterprise's lasting record (`enterprise_records`) and the record
 * of which closes were applied (`record_closings`): no other module of bff/src names those
 * collections, reaches for their models or imports what opens them — the import, the
 * certification and the rebuild call its service. The composition root alone creates the models
 * and hands them to it (as results/ownership.test.ts holds for the results module).
 */
const violations = ownershipViolations({
  module: 'records',
  openers: new Set(['recordModels']),
  touches: [
    ['names an owned collection', /['"`](?:enterprise_records|record_closings|record_journal)['"`]/],
    [REACHES_INTO_MODELS, /\bmodels\.(?:enterpriseRecords|recordClosings|recordJournal)\b/],
  ],
});

describe('the records module owns the enterprise_records and record_closings collections', () => {
  const others = filesOutside('records');

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
