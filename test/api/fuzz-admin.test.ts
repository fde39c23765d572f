import { routeTable } from '../../bff/src/routes';
import { fuzzRoutes } from '../helpers/fuzzing';

/**
 * Hostile input, part 3: the national-only routes (imports, keys, accounts, pass lines, audit).
 * Parts 1 and 2: fuzz.test.ts, fuzz-bureau.test.ts; the properties are in test/helpers/fuzzing.ts.
 */
fuzzRoutes(
  'hostile input: national admin routes (property-based, from the route table)',
  routeTable.filter((route) => route.access.kind === 'staff' && route.access.roles.every((role) => role === 'national')),
);
