import { maskContact, maskEmail, maskName, maskPhone } from './contacts';

describe('contact masking', () => {
  it('keeps the first character of a name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('李')).toBe('李*');
    expect(maskName('')).toBe('');
  });

  it('keeps the first three and last four digits of a phone number, separators included', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('020-87654321')).toBe('020-****4321');
    expect(maskPhone('+86 138 1234 5678')).toBe('+86 1** **** 5678');
    expect(maskPhone('12345')).toBe('***45');
    expect(maskPhone('')).toBe('');
  });

  it('keeps the first letter and the domain of an email', () => {
    expect(maskEmail('zhangsan@example.cn')).toBe('z***@example.cn');
    expect(maskEmail('not-an-email')).toBe('***');
    expect(maskEmail('')).toBe('');
  });

  it('masks every field of a contact, and never returns the original digits in the middle', () => {
    const masked = maskContact({ name: '王小明', phone: '13912345678', email: 'wang@corp.cn' });
    expect(masked).toEqual({ name: '王**', phone: '139****5678', email: 'w***@corp.cn' });
    expect(JSON.stringify(masked)).not.toContain('1234');
  });
});
