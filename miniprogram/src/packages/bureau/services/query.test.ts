import { fileNameOf, queryString } from './query';

describe('queryString', () => {
  it('When some filters are unset, then they are left out and the rest are encoded', () => {
    expect(queryString({ campaignId: 'c1', q: '广州 科技', track: undefined, status: '', page: 2, flagged: null })).toBe('?campaignId=c1&q=%E5%B9%BF%E5%B7%9E%20%E7%A7%91%E6%8A%80&page=2');
  });

  it('When nothing is set, then no question mark', () => {
    expect(queryString({ a: undefined })).toBe('');
  });
});

describe('fileNameOf', () => {
  it('When the server sends an RFC 5987 name, then the Chinese name is decoded', () => {
    expect(fileNameOf(`attachment; filename="x.xlsx"; filename*=UTF-8''${encodeURIComponent('广东省.xlsx')}`, 'f.xlsx')).toBe('广东省.xlsx');
  });

  it('When there is no header, then the fallback', () => {
    expect(fileNameOf(undefined, '企业测评情况.xlsx')).toBe('企业测评情况.xlsx');
  });
});
