import { routeTable } from '../../bff/src/routes';
import { fuzzRoutes } from '../helpers/fuzzing';
import { paramNames, pathWith } from '../helpers/routeProbe';

/**
 * Hostile input, part 1: the public and enterprise routes, plus checks that span the table. The
 * staff routes are in fuzz-bureau.test.ts and fuzz-admin.test.ts: the three filters together take
 * the whole route table. The generator and the properties are in test/helpers/fuzzing.ts.
 */
fuzzRoutes(
  'hostile input: public and enterprise routes (property-based, from the route table)',
  routeTable.filter((route) => route.access.kind !== 'staff'),
  (context) => {
    it('When a known path is called with a method it does not have (or an unknown one), then 405 METHOD_NOT_ALLOWED with a code, and Allow lists the real ones', async () => {
      const problems: string[] = [];
      for (const route of routeTable) {
        const path = pathWith(route, Object.fromEntries(paramNames(route.path).map((name) => [name, 'x'])));
        const taken = new Set(routeTable.filter((other) => pathWith(other, Object.fromEntries(paramNames(other.path).map((name) => [name, 'x']))) === path).map((other) => other.method.toUpperCase()));
        for (const method of ['PUT', 'DELETE', 'PATCH', 'POST'].filter((m) => !taken.has(m))) {
          const response = await fetch(`${context().bff.url}${path}`, { method });
          const body = (await response.json().catch(() => null)) as { code?: string } | null;
          if (response.status !== 405 || body?.code !== 'METHOD_NOT_ALLOWED' || !response.headers.get('allow')) problems.push(`${method} ${path}: ${response.status} ${body?.code}`);
        }
      }
      const odd = await fetch(`${context().bff.url}/api/me`, { method: 'PROPFIND' });
      expect({ status: odd.status, code: ((await odd.json()) as { code: string }).code }).toEqual({ status: 405, code: 'METHOD_NOT_ALLOWED' });
      expect(problems).toEqual([]);
    });

    it('When a mongoose filter built from request data carries an operator, then it is a literal (sanitizeFilter on)', async () => {
      const { models } = context().bff.services;
      // Sanitised: the operator becomes a value to compare with ($eq), which a string field cannot even cast.
      const applied = async (query: PromiseLike<unknown>) => Promise.resolve(query).then((found) => found !== null && found !== 0, () => false);
      expect(await applied(models.enterprises.findOne({ sceneToken: { $ne: null } } as never).lean())).toBe(false);
      expect(await applied(models.staff.countDocuments({ username: { $regex: '.*' } } as never))).toBe(false);
      expect(await applied(models.staff.findOne({ username: { $gt: '' } } as never).lean())).toBe(false);
      expect(await models.enterprises.countDocuments({ sceneToken: context().world.enterprises.a.sceneToken })).toBe(1);
    });

    it('When the fuzzing is over, then the world still works: enterprise A reads its home, the national admin its staff list', async () => {
      expect((await context().world.api.get('/api/me', context().world.enterprises.a.token)).status).toBe(200);
      expect((await context().world.api.get('/api/admin/staff', context().world.staff.national.token)).status).toBe(200);
    });
  },
);
