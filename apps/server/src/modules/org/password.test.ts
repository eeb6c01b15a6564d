import { describe, expect, it } from 'vitest';
import { checkPasswordStrength, hashPassword, verifyPassword } from './password.ts';

describe('checkPasswordStrength', () => {
  it('accepts a long password with two kinds of character', () => {
    expect(checkPasswordStrength('xinwen2026zhongxin')).toBeNull();
  });
  it.each([
    ['short1!', '至少 10 位'],
    ['abcdefghijkl', '至少两类'],
    ['Password123', '过于常见'],
    ['ZhangSan', '至少 10 位'],
    ['zhangsan2026', '不能与用户名相同'],
  ])('rejects %s', (password, reason) => {
    expect(checkPasswordStrength(password, password === 'zhangsan2026' ? 'ZhangSan2026' : 'zhangsan')?.zh).toContain(reason);
  });
});

describe('argon2id hashing', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const hashed = await hashPassword('Correct-horse-9');
    expect(hashed.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(hashed, 'Correct-horse-9')).toBe(true);
    expect(await verifyPassword(hashed, 'correct-horse-9')).toBe(false);
  });
});
