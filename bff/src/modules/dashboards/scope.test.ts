import { resolveScope, withinScope } from './scope';
import type { StaffActor } from '../../lib/route';

const staff = (role: StaffActor['role'], region: string | null = null, city: string | null = null): StaffActor => ({ kind: 'staff', staffId: 's', role, region, city });

describe('resolveScope', () => {
  it('lets the national bureau pick any region or all', () => {
    expect(resolveScope(staff('national'), {})).toEqual({ regionCode: null, cityCode: null });
    expect(resolveScope(staff('national'), { region: '440300' })).toEqual({ regionCode: '440300', cityCode: null });
    expect(resolveScope(staff('national'), { city: '440100' })).toEqual({ regionCode: '440000', cityCode: '440100' });
  });

  it('pins a region bureau to its region and refuses another, 广东 asking for 深圳 included', () => {
    const guangdong = staff('region', '440000');
    expect(resolveScope(guangdong, {})).toEqual({ regionCode: '440000', cityCode: null });
    expect(resolveScope(guangdong, { city: '440100' })).toEqual({ regionCode: '440000', cityCode: '440100' });
    expect(() => resolveScope(guangdong, { region: '440300' })).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => resolveScope(guangdong, { city: '440300' })).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => resolveScope(guangdong, { region: '110000' })).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('pins a city bureau to its city and refuses its neighbour', () => {
    const guangzhou = staff('city', '440000', '440100');
    expect(resolveScope(guangzhou, {})).toEqual({ regionCode: '440000', cityCode: '440100' });
    expect(() => resolveScope(guangzhou, { city: '440600' })).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('refuses unknown codes with a validation error', () => {
    expect(() => resolveScope(staff('national'), { region: '999999' })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});

describe('withinScope', () => {
  it('keeps 深圳 out of 广东 and other cities out of a city scope', () => {
    expect(withinScope({ regionCode: '440000', cityCode: null }, '440300', '440300')).toBe(false);
    expect(withinScope({ regionCode: '440000', cityCode: null }, '440000', '440100')).toBe(true);
    expect(withinScope({ regionCode: '440000', cityCode: '440100' }, '440000', '440600')).toBe(false);
    expect(withinScope({ regionCode: null, cityCode: null }, '440300', null)).toBe(true);
  });
});
