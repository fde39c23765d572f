import path from 'node:path';
import { bffRoot, cyclesOf, importGraph, importsOf, sourceFiles } from './testing/sourceGraph';

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
