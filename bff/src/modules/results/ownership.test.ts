import fs from 'node:fs';
import path from 'node:path';
import { bffRoot } from '../../testing/sourceGraph';
import { filesOutside, ownershipViolations, REACHES_INTO_MODELS } from '../../testing/ownership';

/**
 * The results module owns an enterprise's result, draft and attempts (and the summaries and rosters
 * derived from them): no other module of bff/src reads or writes those collections — they call the
 * repository. A module that names one of the collections, reaches for a model's collection, or
 * imports what opens them fails here. The composition root (services.ts) alone creates the models
 * and hands them to this module.
 */
const OWNED = ['results', 'drafts', 'attempts'];

/** What opens the owned collections: the model factories, and the stores and writers built on them. */
const OPENERS = new Set([
  'resultModel',
  'draftModel',
  'attemptModel',
  'regionSummaryModel',
  'summaryDeltaModel',
  'regionRosterModel',
  'resultRepository',
  'rosterStore',
  'summaryStore',
  'submitWrites',
  'draftWrites',
  'rebuildWrites',
  'changeResult',
]);

const owned = OWNED.join('|');
const TOUCHES: Array<[string, RegExp]> = [
  ['names an owned collection', new RegExp(`collection(?:<[^>]*>)?\\(\\s*['"\`](?:${owned})['"\`]|collection:\\s*['"\`](?:${owned})['"\`]`)],
  ["takes an owned model's collection", new RegExp(`\\.(?:${owned})\\.collection\\b|collectionOf\\([^)]*\\.(?:${owned})\\s*\\)`)],
  [REACHES_INTO_MODELS, new RegExp(`\\bmodels\\.(?:${owned})\\b`)],
];

/** Why `file` (not in the results module) breaks the ownership, if it does. */
const violations = ownershipViolations({ module: 'results', openers: OPENERS, touches: TOUCHES });

describe('the results module owns the results, drafts and attempts collections', () => {
  const others = filesOutside('results');

  it('has the other modules to check', () => {
    expect(others.length).toBeGreaterThan(60);
  });

  it.each(others.map((file) => [path.relative(bffRoot, file), file]))('%s touches none of them', (_name, file) => {
    expect(violations(file, fs.readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('recognises what it forbids', () => {
    const elsewhere = path.join(bffRoot, 'modules', 'dashboards', 'x.ts');
    const sample = [
      "import { resultModel, type ResultDoc } from '../results/model';",
      "import type { AttemptModel } from '../results/model';",
      "const a = connection.collection<ResultDoc>('results');",
      'const b = deps.models.attempts.collection;',
      'const c = collectionOf(this.drafts);',
    ].join('\n');
    expect(violations(elsewhere, sample)).toEqual([
      'imports resultModel from modules/results/model.ts',
      'names an owned collection',
      "takes an owned model's collection",
      'reaches into a models bag',
    ]);
    expect(violations(elsewhere, "import { toDraftView } from '../results/draftView';\nimport type { ResultRepository } from '../results/repository';")).toEqual([]);
  });
});
