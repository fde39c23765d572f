import { queryString } from './query';

describe('queryString', () => {
  it('When some filters are unset, then they are left out and the rest are encoded', () => {
    expect(queryString({ campaignId: 'c1', q: '广州 科技', track: undefined, status: '', page: 2, flagged: null })).toBe('?campaignId=c1&q=%E5%B9%BF%E5%B7%9E%20%E7%A7%91%E6%8A%80&page=2');
  });

  it('When nothing is set, then no question mark', () => {
    expect(queryString({ a: undefined })).toBe('');
  });
});
