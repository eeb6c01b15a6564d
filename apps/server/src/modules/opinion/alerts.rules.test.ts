import { describe, expect, it } from 'vitest';
import { CompiledRule, escalationDueAt, levelAfter, notificationHeldUntil, quietHoursEnd, type AlertRuleSpec, type MentionFacts } from './alert-rules.ts';
import { canMoveAlert } from './alert-states.ts';

const none: AlertRuleSpec = { minLevel: null, growth: null, keywords: null, quietHours: null, escalation: null };
const mention = (overrides: Partial<MentionFacts> = {}): MentionFacts => ({ aboutHospital: true, risk: 0, title: '', text: '', author: null, ...overrides });
/** A Beijing wall-clock time on 2026-03-05 as an instant (UTC+8). */
const beijing = (hhmm: string, day = 5) => new Date(`2026-03-${String(day).padStart(2, '0')}T${hhmm}:00+08:00`);

describe('level thresholds', () => {
  const orangeAndAbove = new CompiledRule({ ...none, minLevel: 3 });

  it('alerts at or above the level, at the mention’s own level', () => {
    expect(orangeAndAbove.evaluate(mention({ risk: 2 }), null)).toBeNull();
    expect(orangeAndAbove.evaluate(mention({ risk: 3 }), null)).toEqual({ level: 3, reasons: [{ kind: 'level', risk: 3 }] });
    expect(orangeAndAbove.evaluate(mention({ risk: 4 }), null)?.level).toBe(4);
  });

  it('ignores mentions that are not about the hospital, whatever their risk says', () => {
    expect(orangeAndAbove.evaluate(mention({ aboutHospital: false, risk: 4 }), null)).toBeNull();
  });

  it('blue and above catches every complaint, and risk 0 never', () => {
    const blue = new CompiledRule({ ...none, minLevel: 1 });
    expect(blue.evaluate(mention({ risk: 1 }), null)?.level).toBe(1);
    expect(blue.evaluate(mention({ risk: 0 }), null)).toBeNull();
  });
});

describe('cluster growth', () => {
  const growth = new CompiledRule({ ...none, growth: { mentions: 10, minutes: 30, level: 2 } });

  it('alerts when the cluster gained N mentions within the window, at least at the rule’s level', () => {
    expect(growth.evaluate(mention({ risk: 1 }), 9)).toBeNull();
    expect(growth.evaluate(mention({ risk: 1 }), 10)).toEqual({ level: 2, reasons: [{ kind: 'growth', mentions: 10, minutes: 30 }] });
  });

  it('keeps the mention’s own level when it is higher than the rule’s', () => {
    expect(growth.evaluate(mention({ risk: 3 }), 12)?.level).toBe(3);
  });

  it('does not count stories that are not about the hospital', () => {
    expect(growth.evaluate(mention({ aboutHospital: false, risk: 0 }), 50)).toBeNull();
  });
});

describe('keywords that always alert', () => {
  const keywords = new CompiledRule({ ...none, minLevel: 4, keywords: { terms: ['医闹', '号贩子'], level: 2 } });

  it('alerts on a keyword whatever the analysis said, even a mention judged unrelated', () => {
    expect(keywords.evaluate(mention({ aboutHospital: false, risk: 0, text: '门诊楼又见号贩子' }), null)).toEqual({ level: 2, reasons: [{ kind: 'keyword', terms: ['号贩子'] }] });
  });

  it('finds traditional, full-width and dodged spellings', () => {
    expect(keywords.keywordHits({ title: '醫鬧', text: '', author: null })).toEqual(['医闹']);
    expect(keywords.keywordHits({ title: '', text: '号*贩*子出没', author: null })).toEqual(['号贩子']);
  });

  it('combines with the level trigger and takes the higher level', () => {
    const outcome = keywords.evaluate(mention({ risk: 4, text: '急诊科发生医闹' }), null);
    expect(outcome?.level).toBe(4);
    expect(outcome?.reasons.map((r) => r.kind)).toEqual(['level', 'keyword']);
  });
});

describe('joining an open alert', () => {
  it('raises the level with a riskier mention and never lowers it', () => {
    expect(levelAfter(2, mention({ risk: 4 }), null)).toBe(4);
    expect(levelAfter(3, mention({ risk: 1 }), null)).toBe(3);
    expect(levelAfter(2, mention({ aboutHospital: false, risk: 4 }), null)).toBe(2);
    expect(levelAfter(1, mention({ risk: 0 }), { level: 3, reasons: [] })).toBe(3);
  });
});

describe('quiet hours', () => {
  const overnight = { start: '22:00', end: '07:00' };

  it('finds the end of an overnight window from either side of midnight', () => {
    expect(quietHoursEnd(overnight, beijing('23:30'))).toEqual(beijing('07:00', 6));
    expect(quietHoursEnd(overnight, beijing('03:15'))).toEqual(beijing('07:00'));
    expect(quietHoursEnd(overnight, beijing('07:00'))).toBeNull();
    expect(quietHoursEnd(overnight, beijing('21:59'))).toBeNull();
    expect(quietHoursEnd(overnight, beijing('22:00'))).toEqual(beijing('07:00', 6));
  });

  it('handles a window within one day', () => {
    expect(quietHoursEnd({ start: '12:00', end: '14:00' }, beijing('13:00'))).toEqual(beijing('14:00'));
    expect(quietHoursEnd({ start: '12:00', end: '14:00' }, beijing('14:30'))).toBeNull();
  });

  it('holds blue and yellow notifications until the end, never orange or red', () => {
    const spec = { quietHours: overnight };
    expect(notificationHeldUntil(spec, 1, beijing('23:30'))).toEqual(beijing('07:00', 6));
    expect(notificationHeldUntil(spec, 2, beijing('23:30'))).toEqual(beijing('07:00', 6));
    expect(notificationHeldUntil(spec, 3, beijing('23:30'))).toBeNull();
    expect(notificationHeldUntil(spec, 4, beijing('23:30'))).toBeNull();
    expect(notificationHeldUntil({ quietHours: null }, 1, beijing('23:30'))).toBeNull();
  });
});

describe('escalation', () => {
  const spec = { escalation: { afterMinutes: 30, roles: ['leader' as const], channelIds: [] } };

  it('is due after the rule’s time when nobody acknowledges, and at once for red', () => {
    const raised = beijing('10:00');
    expect(escalationDueAt(spec, 2, raised)).toEqual(beijing('10:30'));
    expect(escalationDueAt(spec, 4, raised)).toEqual(raised);
    expect(escalationDueAt({ escalation: null }, 3, raised)).toBeNull();
    expect(escalationDueAt({ escalation: null }, 4, raised)).toEqual(raised);
  });
});

describe('alert transitions', () => {
  it('allows the documented moves only', () => {
    expect(canMoveAlert('open', 'acknowledged')).toBe(true);
    expect(canMoveAlert('acknowledged', 'closed')).toBe(true);
    expect(canMoveAlert('open', 'incident')).toBe(true);
    expect(canMoveAlert('acknowledged', 'open')).toBe(true);
    expect(canMoveAlert('incident', 'closed')).toBe(true);
    expect(canMoveAlert('closed', 'open')).toBe(false);
    expect(canMoveAlert('incident', 'open')).toBe(false);
    expect(canMoveAlert('open', 'open')).toBe(false);
  });
});
