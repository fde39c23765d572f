import { fileNameOf } from './contentDisposition';

describe('fileNameOf', () => {
  it('When the server sends an RFC 5987 name, then the Chinese name is decoded', () => {
    expect(fileNameOf(`attachment; filename="x.xlsx"; filename*=UTF-8''${encodeURIComponent('广东省.xlsx')}`, 'f.xlsx')).toBe('广东省.xlsx');
  });

  it('When the RFC 5987 name is malformed, then the plain name', () => {
    expect(fileNameOf(`attachment; filename="plain.xlsx"; filename*=UTF-8''%E5%ZZ`, 'f.xlsx')).toBe('plain.xlsx');
  });

  it('When there is no header, then the fallback', () => {
    expect(fileNameOf(undefined, '企业测评情况.xlsx')).toBe('企业测评情况.xlsx');
  });
});
