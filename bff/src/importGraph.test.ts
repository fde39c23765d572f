import path from 'node:path';
import { bffRoot, cyclesOf, importGraph, importsOf, sharedRoot, sourceFiles } from './testing/sourceGraph';

/**
 * bff/src imports in one direction: entry → app → services (the composition root) → modules →
 * lib, and a route file is typed against the services it calls, not the whole `Services`. A cycle
 * — type-only imports included, since they bind the two files all the same — fails here.
 */
describe('the import graph of bff/src', () => {
  const files = sourceFiles();

  it('has the files to check', () => {
    expect(files.length).toBeGreaterThan(80);
  });

  it('has no cycle', () => {
    const cycles = cyclesOf(importGraph(files)).map((cycle) => cycle.map((file) => path.relative(bffRoot, file)).join(' → '));
    expect(cycles).toEqual([]);
  });

  it('finds a cycle when there is one, and reads type-only imports as edges', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['d']],
      ['e', ['a']],
    ]);
    expect(cyclesOf(graph)).toEqual([['a', 'b', 'c'], ['d']]);
    const edges = importsOf(path.join(bffRoot, 'x.ts'), "import type { A } from './lib/route';\nimport { type B } from './lib/route';\nexport * from './lib/clock';\nimport z from 'zod';");
    expect(edges.map((edge) => [edge.specifier, edge.typeOnly, edge.resolved !== null])).toEqual([
      ['./lib/route', true, true],
      ['./lib/route', true, true],
      ['./lib/clock', false, true],
      ['zod', false, false],
    ]);
  });
});

/**
 * shared/src too: its modules are loaded by the BFF, the mini-program and jest, and a cycle among
 * them leaves a module's zod schemas undefined while the other one initialises (two did, in
 * shared/src/api: enterprise → reviews → staff → enterprise and enterprise → reviews → dashboard →
 * enterprise, broken by tokens.ts, roles.ts and outcome.ts). And the enterprise's contracts stay
 * apart from the staff side's, which the mini-program's main package must not carry.
 */
describe('the import graph of shared/src', () => {
  const files = sourceFiles(sharedRoot);
  const graph = importGraph(files);
  const file = (name: string) => path.join(sharedRoot, name);
  const reachableFrom = (start: string): string[] => {
    const seen = new Set<string>();
    const visit = (node: string): void => {
      if (seen.has(node)) return;
      seen.add(node);
      for (const next of graph.get(node) ?? []) visit(next);
    };
    visit(file(start));
    return [...seen].map((node) => path.relative(sharedRoot, node)).sort();
  };

  it('has the files to check, and reads their imports', () => {
    expect(files.length).toBeGreaterThan(60);
    expect(graph.get(file('api/enterprise.ts'))).toEqual(expect.arrayContaining([file('api/outcome.ts'), file('api/tokens.ts')]));
    expect(graph.get(file('api/reviews.ts'))).toEqual(expect.arrayContaining([file('api/outcome.ts'), file('api/roles.ts')]));
  });

  it('has no cycle', () => {
    const cycles = cyclesOf(graph).map((cycle) => cycle.map((node) => path.relative(sharedRoot, node)).join(' → '));
    expect(cycles).toEqual([]);
  });

  it("keeps the enterprise's endpoint table clear of the staff side (reviews, dashboards, staff accounts)", () => {
    const reached = reachableFrom('api/endpoints.ts');
    expect(reached).toContain('api/enterprise.ts');
    expect(reached).toContain('api/history.ts'); // the enterprise's own history, apart from the records contract
    for (const staffSide of ['api/staff.ts', 'api/staffEndpoints.ts', 'api/reviews.ts', 'api/reviewEndpoints.ts', 'api/records.ts', 'api/recordEndpoints.ts', 'api/dashboard.ts', 'api/passwordStrength.ts']) expect(reached).not.toContain(staffSide);
  });
});
