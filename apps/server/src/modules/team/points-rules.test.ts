import { describe, expect, it } from 'vitest';
import { ruleMatches, type Rule } from './points-rules.service.ts';

const rule = (overrides: Partial<Rule>): Rule => ({ kind: 'publication', channelKind: null, category: null, mediaLevel: null, validFrom: '2024-01-01', validTo: null, ...overrides });
const at = new Date('2024-03-15T02:00:00Z');

describe('which facts a points rule counts', () => {
  it('counts facts of its own kind only', () => {
    expect(ruleMatches(rule({}), { kind: 'publication', at, channelKind: 'website' })).toBe(true);
    expect(ruleMatches(rule({}), { kind: 'article', at })).toBe(false);
  });

  it('narrows by channel kind, category and media level when it sets them', () => {
    const wechatScience = rule({ channelKind: 'wechat_service', category: 'science' });
    expect(ruleMatches(wechatScience, { kind: 'publication', at, channelKind: 'wechat_service', category: 'science' })).toBe(true);
    expect(ruleMatches(wechatScience, { kind: 'publication', at, channelKind: 'wechat_service', category: 'news' })).toBe(false);
    expect(ruleMatches(wechatScience, { kind: 'publication', at, channelKind: 'weibo', category: 'science' })).toBe(false);
    const national = rule({ kind: 'coverage', mediaLevel: 'national' });
    expect(ruleMatches(national, { kind: 'coverage', at, mediaLevel: 'national' })).toBe(true);
    expect(ruleMatches(national, { kind: 'coverage', at, mediaLevel: 'provincial' })).toBe(false);
  });

  it('counts what happened within its validity, by the China date, both ends included', () => {
    const first = rule({ validFrom: '2024-03-15', validTo: '2024-03-15' });
    expect(ruleMatches(first, { kind: 'publication', at: new Date('2024-03-14T16:00:00Z') })).toBe(true);
    expect(ruleMatches(first, { kind: 'publication', at: new Date('2024-03-14T15:59:59Z') })).toBe(false);
    expect(ruleMatches(first, { kind: 'publication', at: new Date('2024-03-15T16:00:00Z') })).toBe(false);
  });
});
