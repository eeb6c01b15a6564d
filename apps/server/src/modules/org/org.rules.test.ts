import { describe, expect, it } from 'vitest';
import { localeOf } from '../../platform/http/errors.ts';
import { generatePassword } from './bootstrap.service.ts';
import { sniffImageType } from './hospital.service.ts';
import { checkPasswordStrength } from './password.ts';

describe('sniffImageType', () => {
  it('recognises PNG, JPEG and WebP by their magic numbers', () => {
    expect(sniffImageType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImageType(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]))).toBe('image/webp');
  });
  it('refuses SVG, GIF and text whatever the file claims', () => {
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImageType(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffImageType(Buffer.alloc(0))).toBeNull();
  });
});

describe('generatePassword', () => {
  it('makes passwords that pass the strength rules and differ each time', () => {
    const passwords = Array.from({ length: 50 }, generatePassword);
    for (const p of passwords) expect(checkPasswordStrength(p, 'admin')).toBeNull();
    expect(new Set(passwords).size).toBe(50);
  });
});

describe('localeOf', () => {
  it('speaks Chinese unless English comes first', () => {
    expect(localeOf(undefined)).toBe('zh-CN');
    expect(localeOf('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(localeOf('en-US,en;q=0.9')).toBe('en');
    expect(localeOf('fr-FR')).toBe('zh-CN');
  });
});
