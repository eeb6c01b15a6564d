import { hash, verify, type Algorithm } from '@node-rs/argon2';

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
// 2 is Algorithm.Argon2id: the package's enum is a const enum, unusable under isolatedModules.
const argon2Options = { algorithm: 2 as Algorithm, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const passwordRules = { minLength: 10, maxLength: 128 };

const commonPasswords = new Set([
  'password', 'password1', 'password123', 'passw0rd', 'qwerty123', 'qwertyuiop', '1234567890', '12345678910',
  'abc1234567', 'a123456789', 'admin12345', 'admin@123', 'admin123456', 'iloveyou1', 'woaini1314', 'aa123456789',
]);

export type PasswordProblem = { zh: string; en: string };

/** Minimum strength: length, at least two kinds of character, not a known common password, not the username itself. */
export function checkPasswordStrength(password: string, username?: string): PasswordProblem | null {
  if (password.length < passwordRules.minLength) {
    return { zh: `密码至少 ${passwordRules.minLength} 位`, en: `Password must be at least ${passwordRules.minLength} characters` };
  }
  if (password.length > passwordRules.maxLength) {
    return { zh: `密码不能超过 ${passwordRules.maxLength} 位`, en: `Password must be at most ${passwordRules.maxLength} characters` };
  }
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (kinds < 2) {
    return { zh: '密码需包含字母、数字、符号中的至少两类', en: 'Use at least two of: letters, digits, symbols' };
  }
  const lowered = password.toLowerCase();
  if (commonPasswords.has(lowered)) return { zh: '密码过于常见', en: 'This password is too common' };
  if (username && lowered === username.toLowerCase()) return { zh: '密码不能与用户名相同', en: 'Password must not be the username' };
  return null;
}

export function hashPassword(password: string) {
  return hash(password, argon2Options);
}

export function verifyPassword(passwordHash: string, password: string) {
  return verify(passwordHash, password).catch(() => false);
}

/** Verifying against this when the user does not exist keeps the response time from revealing which usernames exist. */
export const decoyPasswordHash = hashPassword('decoy-password-never-matches-1');
