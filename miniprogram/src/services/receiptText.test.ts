import { questionnaireFallbackName, questionnaireName, receiptNumber } from './receiptText';

describe('receipt in words', () => {
  const receipt = { submittedAt: '2026-12-04T23:30:05.120+08:00', number: 2, checksum: '3f9a2c1b'.padEnd(64, '0') };

  it('When a receipt is shown, then its number is the Beijing date, the attempt and the checksum start, not a database id', () => {
    expect(receiptNumber(receipt)).toBe('20261204-02-3F9A2C1B');
  });

  it('When the receipt was received just after midnight Beijing time, then the Beijing date is used (not UTC)', () => {
    expect(receiptNumber({ ...receipt, submittedAt: '2026-12-04T16:30:00.000Z' })).toBe('20261205-02-3F9A2C1B');
  });

  it('When the questionnaire is named, then by its Chinese title and version; without its definition, by the version only', () => {
    expect(questionnaireName({ title: '创新管理与知识产权国际标准测评（ISO 56005/56002）', version: '2023' })).toBe('创新管理与知识产权国际标准测评（ISO 56005/56002） · 2023 版');
    expect(questionnaireFallbackName('iso56005-56002@2023')).toBe('测评问卷 · 2023 版');
    expect(questionnaireFallbackName('odd')).toBe('测评问卷');
  });
});
