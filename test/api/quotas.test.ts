import { useTestBff } from '../helpers/suite';

/** What the notices published, served by year (国知办函运字〔2023〕572号 and 〔2022〕497号, 附件1). */
describe('GET /api/quotas/:year', () => {
  const suite = useTestBff();

  it('When 2023 is asked for, then the 37 rows of its table in the notice order, totals 3437 and 816, without logging in', async () => {
    const response = await suite.api.get('/api/quotas/2023');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=86400');
    const table = response.body;
    expect(table.rows).toHaveLength(37);
    expect(table.rows[0]).toEqual({ regionCode: '110000', regionName: '北京市', advantage: 85, demonstration: 25 });
    expect(table.rows.find((row: { regionCode: string }) => row.regionCode === '440300')).toEqual({ regionCode: '440300', regionName: '深圳市', advantage: 87, demonstration: 25 });
    expect(table.totals).toEqual({ advantage: 3437, demonstration: 816 });
    expect(table.rows.reduce((sum: number, row: { advantage: number }) => sum + row.advantage, 0)).toBe(3437);
    expect(table.source).toContain('〔2023〕572号');
  });

  it('When 2022 is asked for, then the demonstration table alongside, advantage as the cap of 100 per region', async () => {
    const table = (await suite.api.get('/api/quotas/2022')).body;
    expect(table.rows).toHaveLength(37);
    expect(table.rows.find((row: { regionCode: string }) => row.regionCode === '440000')).toEqual({ regionCode: '440000', regionName: '广东省', advantage: null, demonstration: 60 });
    expect(table.totals.advantage).toBeNull();
    expect(table.totals.demonstration).toBe(table.rows.reduce((sum: number, row: { demonstration: number }) => sum + row.demonstration, 0));
    expect(table.advantageCapPerRegion).toBe(100);
    expect(table.source).toContain('〔2022〕497号');
  });

  it('When a year without a published table or not a year is asked for, then 404 NOT_FOUND or 400', async () => {
    expect((await suite.api.get('/api/quotas/2021')).body).toMatchObject({ code: 'NOT_FOUND', details: { years: [2022, 2023] } });
    expect((await suite.api.get('/api/quotas/twenty')).status).toBe(400);
  });
});
