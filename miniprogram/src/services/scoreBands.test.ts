import { scoreBand, scoreBandLegend } from './scoreBands';

describe('score bands of the dimension bars', () => {
  it('When a dimension scores 80 % or more, under 50 %, or between, then it is high, low or middle', () => {
    expect(scoreBand(8, 10)).toBe('high');
    expect(scoreBand(7.9, 10)).toBe('middle');
    expect(scoreBand(5, 10)).toBe('middle');
    expect(scoreBand(4.9, 10)).toBe('low');
    expect(scoreBand(0, 0)).toBe('low');
  });

  it('When the legend is shown, then each band has its colour and the range it stands for', () => {
    expect(scoreBandLegend.map((entry) => `${entry.colour}：${entry.text}`)).toEqual(['绿色：得分率 80% 及以上', '蓝色：得分率 50%–80%', '橙色：得分率低于 50%']);
  });
});
