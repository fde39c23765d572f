import type { z } from 'zod';
import { Types } from 'mongoose';
import { routeTable } from '../../bff/src/routes';
import { startTestBff, type TestBff } from '../helpers/bff';
import { ACTORS, createWorld, dataEnterprises, markersOf, staffSees, type ActorName, type LoggedInEnterprise, type World, type WorldStaff } from '../helpers/world';
import { codeOf, legitimateRequest, paramKind, paramNames, REFUSALS, routeKey, scopeCodesIn, send, type AnyRoute, type ProbeResponse } from '../helpers/routeProbe';
import { jsonSchemaOf, UntaughtSchemaError } from '../helpers/schemaArbitraries';

/**
 * Every route of the route table × {anonymous, enterprise A, enterprise B, city bureau, region
 * bureau of another region, national admin}, generated: a new route is covered the moment it is
 * declared, and one whose inputs or scope the probes cannot build fails here until taught.
 */

type Expectation = 'allowed' | 'unauthenticated' | 'forbidden';
const STAFF_ACTORS = ['cityBureau', 'otherRegionBureau', 'national'] as const;
type StaffActorName = (typeof STAFF_ACTORS)[number];
const label: Record<ActorName, string> = {
  anonymous: 'an anonymous caller',
  enterpriseA: 'enterprise A',
  enterpriseB: 'enterprise B',
  cityBureau: 'the 广州 city bureau',
  otherRegionBureau: 'the 深圳 region bureau',
  national: 'the national admin',
};
const staffRole: Record<StaffActorName, WorldStaff['role']> = { cityBureau: 'city', otherRegionBureau: 'region', national: 'national' };

function expectedAt(route: AnyRoute, actor: ActorName): Expectation {
  if (route.access.kind === 'public') return 'allowed';
  if (actor === 'anonymous') return 'unauthenticated';
  if (route.access.kind === 'enterprise') return actor === 'enterpriseA' || actor === 'enterpriseB' ? 'allowed' : 'forbidden';
  if (actor === 'enterpriseA' || actor === 'enterpriseB') return 'forbidden';
  return route.access.roles.includes(staffRole[actor]) ? 'allowed' : 'forbidden';
}

const KNOWN_SCOPES = new Set(['none', 'own-enterprise', 'campaign', 'region', 'national']);

function outcome(response: ProbeResponse): { status: number; code: string | null } {
  return { status: response.status, code: codeOf(response) };
}

/** A route the probes cannot build a request for is a failure, not a skip. */
function assertExercisable(route: AnyRoute): void {
  if (!KNOWN_SCOPES.has(route.scope)) throw new UntaughtSchemaError(`${routeKey(route)}: scope "${route.scope}" is unknown to the matrix`);
  for (const name of paramNames(route.path)) paramKind(route, name);
  if (route.scope === 'region') {
    const query = route.query ? Object.keys(jsonSchemaOf(route.query as z.ZodType).properties ?? {}) : [];
    const narrowsByQuery = query.includes('region') || query.includes('city');
    const narrowsById = paramNames(route.path).some((name) => paramKind(route, name) === 'enterprise');
    if (!narrowsByQuery && !narrowsById) throw new UntaughtSchemaError(`${routeKey(route)}: a region-scoped route must narrow by ?region/?city or an enterprise id; teach the matrix how it narrows`);
  }
}

describe('authorization matrix (generated from the route table)', () => {
  let bff: TestBff;
  let world: World;

  beforeAll(async () => {
    bff = await startTestBff();
    world = await createWorld(bff);
  }, 120_000);
  afterAll(async () => {
    await bff.stop();
  });

  const cases = routeTable.map((route) => [routeKey(route), route] as const);

  describe.each(cases)('%s', (_key, route) => {
    it('When the matrix builds its requests, then it knows every parameter and the scope', () => {
      expect(() => assertExercisable(route)).not.toThrow();
    });

    it.each(ACTORS.map((actor) => [label[actor], actor, expectedAt(route, actor)] as const))('When %s calls it, then it is %s', async (_label, actor, expected) => {
      const response = await send(bff.url, legitimateRequest(world, route, actor));
      const seen = outcome(response);
      if (expected === 'unauthenticated') expect(seen).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
      else if (expected === 'forbidden') expect(seen).toEqual({ status: 403, code: 'FORBIDDEN' });
      else {
        // Let through: whatever the answer, it is not the gate's (and never a server error).
        expect(seen.status).toBeLessThan(500);
        expect(REFUSALS as readonly string[]).not.toContain(seen.code);
        if (route.access.kind !== 'public') expect(seen.code).not.toBe('TOKEN_INVALID');
      }
    });
  });

  describe('enterprise routes answer for the token’s own enterprise only', () => {
    const ownRoutes = routeTable.filter((route) => route.scope === 'own-enterprise');

    async function snapshotOf(enterprise: LoggedInEnterprise) {
      const id = new Types.ObjectId(enterprise.id);
      const { models } = bff.services;
      const [result, draft, attempts, doc] = await Promise.all([
        models.results.collection.findOne({ _id: id }),
        models.drafts.collection.findOne({ _id: id }),
        models.attempts.collection.find({ enterpriseId: id }).sort({ _id: 1 }).toArray(),
        models.enterprises.collection.findOne({ _id: id }),
      ]);
      return JSON.parse(JSON.stringify({ result, draft, attempts, doc }));
    }

    it.each([
      ['A', 'B'],
      ['B', 'A'],
    ] as const)('When enterprise %s calls every enterprise route aiming at %s’s ids, then nothing of the other comes back and the other is untouched', async (self, other) => {
      const actor: ActorName = self === 'A' ? 'enterpriseA' : 'enterpriseB';
      const me = self === 'A' ? world.enterprises.a : world.enterprises.b;
      const them = other === 'A' ? world.enterprises.a : world.enterprises.b;
      const before = await snapshotOf(them);
      const leaks: string[] = [];
      for (const route of ownRoutes) {
        // The other's ids wherever an id can go: path parameters and smuggled query fields.
        const request = legitimateRequest(world, route, actor, { query: { enterpriseId: them.id, id: them.id, attemptId: them.attemptId } });
        const aimsAtAttempt = paramNames(route.path).some((name) => paramKind(route, name) === 'attempt');
        if (aimsAtAttempt) request.path = request.path.replace(me.attemptId, them.attemptId);
        const response = await send(bff.url, request);
        if (aimsAtAttempt) expect({ route: routeKey(route), ...outcome(response) }).toEqual({ route: routeKey(route), status: 404, code: 'ATTEMPT_NOT_FOUND' });
        expect(response.status).toBeLessThan(500);
        for (const marker of markersOf(them)) if (response.text.includes(marker)) leaks.push(`${routeKey(route)} showed ${marker}`);
      }
      expect(leaks).toEqual([]);
      expect(await snapshotOf(them)).toEqual(before);
    });
  });

  describe('bureau routes stay inside the bureau’s region or city', () => {
    const regionRoutes = routeTable.filter((route) => route.scope === 'region');
    // Each role the route admits (the first part of the matrix already holds the others to 403).
    const admits = (route: AnyRoute, actor: StaffActorName) => route.access.kind === 'staff' && route.access.roles.includes(staffRole[actor]);
    const cases = regionRoutes.flatMap((route) => STAFF_ACTORS.filter((actor) => admits(route, actor)).map((actor) => [routeKey(route), label[actor], route, actor] as const));

    it.each(cases)('When %s is asked by %s for each place and each enterprise, then what lies outside its scope is refused or absent', async (_key, _label, route, actor) => {
      const staff = world.staff[actor];
      const enterprises = dataEnterprises(world);
      const visible = enterprises.filter((enterprise) => staffSees(staff, enterprise));
      const hidden = enterprises.filter((enterprise) => !staffSees(staff, enterprise));
      const queryFields = route.query ? Object.keys(jsonSchemaOf(route.query as z.ZodType).properties ?? {}) : [];
      const byId = paramNames(route.path).some((name) => paramKind(route, name) === 'enterprise');
      const problems: string[] = [];

      const check = (what: string, response: ProbeResponse, asked: typeof enterprises) => {
        const seen = outcome(response);
        const reachable = asked.some((enterprise) => staffSees(staff, enterprise));
        if (seen.status >= 500) problems.push(`${what}: ${seen.status}`);
        if (!reachable && !(seen.status === 403 && seen.code === 'FORBIDDEN')) problems.push(`${what}: expected 403 FORBIDDEN, got ${seen.status} ${seen.code}`);
        if (reachable && (seen.code === 'FORBIDDEN' || seen.code === 'UNAUTHENTICATED')) problems.push(`${what}: in scope but refused (${seen.code})`);
        for (const enterprise of hidden) for (const marker of markersOf(enterprise)) if (response.text.includes(marker)) problems.push(`${what}: showed ${enterprise.name} (${marker})`);
        if (staff.role !== 'national' && response.contentType.includes('json')) {
          const codes = scopeCodesIn(response.body);
          for (const code of codes.regionCodes) if (code !== staff.regionCode) problems.push(`${what}: answered for region ${code}`);
          if (staff.role === 'city') for (const code of codes.cityCodes) if (code !== staff.cityCode) problems.push(`${what}: answered for city ${code}`);
        }
      };

      if (byId) {
        for (const target of enterprises) check(`${target.name}`, await send(bff.url, legitimateRequest(world, route, actor, { target })), [target]);
      }
      if (queryFields.includes('region') || queryFields.includes('city')) {
        check('no region or city', await send(bff.url, legitimateRequest(world, route, actor)), enterprises);
        for (const target of enterprises) {
          const asks: Array<Record<string, string>> = [{ region: target.regionCode }];
          if (target.cityCode && queryFields.includes('city')) asks.push({ city: target.cityCode }, { region: target.regionCode, city: target.cityCode });
          for (const query of asks) {
            const asked = enterprises.filter((e) => e.regionCode === target.regionCode && (!query.city || e.cityCode === query.city));
            check(`?${new URLSearchParams(query)}`, await send(bff.url, legitimateRequest(world, route, actor, { query })), asked);
          }
        }
      }
      expect(problems).toEqual([]);
      // The probes reached real data: a bureau sees at least its own enterprises somewhere.
      expect(visible.length).toBeGreaterThan(0);
    });
  });
});
