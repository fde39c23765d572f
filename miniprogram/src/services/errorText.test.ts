import { ApiError } from './apiClient';
import { describeError } from './errorText';

describe('describeError', () => {
  it('When the key is wrong, then the tries left are stated', () => {
    expect(describeError(new ApiError('KEY_WRONG', '密钥不正确', 401, { triesLeft: 2 }))).toBe('密钥不正确，还可尝试 2 次');
  });

  it('When the key is locked, then the unlock time is given in Beijing time', () => {
    expect(describeError(new ApiError('KEY_LOCKED', '密钥错误次数过多，已暂时锁定', 429, { lockedUntil: '2026-06-30T06:30:00Z' }))).toBe(
      '密钥错误次数过多，已暂时锁定，请于 2026-06-30 14:30（北京时间）后再试',
    );
  });

  it('When a public login path asks to wait, then the wait is stated in seconds or minutes', () => {
    expect(describeError(new ApiError('USCC_OR_KEY_WRONG', '统一社会信用代码或密钥不正确', 401, { retryAfterSeconds: 4 }, 4))).toBe('统一社会信用代码或密钥不正确，请 4 秒后再试');
    expect(describeError(new ApiError('USCC_OR_KEY_WRONG', '统一社会信用代码或密钥不正确', 401))).toBe('统一社会信用代码或密钥不正确');
    expect(describeError(new ApiError('KEY_SLOWED', '密钥错误次数较多，请稍后再试', 429, { retryAfterSeconds: 900 }, 900))).toBe('密钥错误次数较多，请稍后再试（约 15 分钟后）');
  });

  it('When offline, then the message says so', () => {
    expect(describeError(new ApiError('OFFLINE', '', 0))).toMatch(/网络/);
  });

  it('When the error is not an API error, then a generic message is shown', () => {
    expect(describeError(new Error('boom'))).toMatch(/稍后重试/);
  });
});
