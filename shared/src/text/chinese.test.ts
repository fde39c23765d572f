import { compareChinese, sortChinese } from './chinese';

describe('Chinese names in pinyin order', () => {
  it('When 东莞, 佛山 and 北京 are sorted, then 北京 comes first (pinyin), not last (code point)', () => {
    expect(['东莞', '佛山', '北京'].sort(compareChinese)).toEqual(['北京', '东莞', '佛山']);
    // The code-point order the tables used to show:
    expect(['东莞', '佛山', '北京'].sort()).toEqual(['东莞', '佛山', '北京']);
  });

  it('When enterprise names are sorted, then by pinyin of the whole name, numbers as numbers', () => {
    const names = ['深圳电子有限公司', '广州科技有限公司', '北京软件有限公司', '测试企业10有限公司', '测试企业2有限公司'];
    expect(sortChinese(names, (n) => n)).toEqual(['北京软件有限公司', '测试企业2有限公司', '测试企业10有限公司', '广州科技有限公司', '深圳电子有限公司']);
  });

  it('When objects are sorted by a name, then the input is left as it was', () => {
    const rows = [{ name: '佛山' }, { name: '北京' }];
    expect(sortChinese(rows, (r) => r.name).map((r) => r.name)).toEqual(['北京', '佛山']);
    expect(rows.map((r) => r.name)).toEqual(['佛山', '北京']);
  });

  it('When two names are the same, then they compare equal', () => {
    expect(compareChinese('广东省', '广东省')).toBe(0);
  });
});
