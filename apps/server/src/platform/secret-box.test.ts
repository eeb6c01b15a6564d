import { mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box.ts';

describe('SecretBox', () => {
  it('round-trips, hides the plain text, and differs every time', () => {
    const box = SecretBox.fromConfig(randomBytes(32).toString('base64'), '/nonexistent');
    const a = box.seal({ appSecret: 'wx-secret-123' });
    const b = box.seal({ appSecret: 'wx-secret-123' });
    expect(a).not.toContain('wx-secret-123');
    expect(a).not.toBe(b);
    expect(box.open(a)).toEqual({ appSecret: 'wx-secret-123' });
  });

  it('refuses tampering and another key', () => {
    const box = SecretBox.fromConfig(randomBytes(32).toString('base64'), '/nonexistent');
    const sealed = box.seal({ token: 'x' });
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}A`;
    expect(() => box.open(tampered)).toThrow();
    expect(() => SecretBox.fromConfig(randomBytes(32).toString('base64'), '/nonexistent').open(sealed)).toThrow();
  });

  it('generates a private key file once when no key is configured', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rongmei-secrets-'));
    const first = SecretBox.fromConfig(undefined, dir);
    const sealed = first.seal({ k: 'v' });
    expect(SecretBox.fromConfig(undefined, dir).open(sealed)).toEqual({ k: 'v' });
    expect(statSync(path.join(dir, 'secrets.key')).mode & 0o777).toBe(0o600);
  });

  it('names a malformed key', () => {
    expect(() => SecretBox.fromConfig('c2hvcnQ=', '/nonexistent')).toThrow(/SECRETS_KEY/);
  });
});
