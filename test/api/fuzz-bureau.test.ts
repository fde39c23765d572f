import { routeTable } from '../../bff/src/routes';
import { fuzzRoutes } from '../helpers/fuzzing';

/**
 * Hostile input, part 2: the staff routes a bureau may call (dashboards, campaigns, questionnaires).
 * Part 1 (public and enterprise routes) is fuzz.test.ts, part 3 (national-only routes)
 * fuzz-admin.test.ts; the properties are in test/helpers/fuzzing.ts.
 */
fuzzRoutes(
  'hostile input: bureau routes (property-based, from the route table)',
  routeTable.filter((route) => route.access.kind === 'staff' && route.access.roles.some((role) => role !== 'national')),
);
