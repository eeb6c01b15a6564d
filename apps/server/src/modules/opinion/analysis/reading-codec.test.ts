import { describe, expect, it } from 'vitest';
import type { MentionReading } from './mention-analyzer.ts';
import { packReadings, unpackReadings } from './reading-codec.ts';

describe('reading codec', () => {
  it('gives back what it packed, for the ids the caller kept', () => {
    const readings: MentionReading[] = [
      { id: 'a', about: true, polarity: 'negative', risk: 3, category: 'malpractice_injury', reasons: ['alias:滨江一院', 'negative:误诊'], clusterCap: 3, hi: 0xffffffff, lo: 7, signed: true, at: 1_777_000_000_000, reach: 1520, sourceWeight: 2 },
      { id: 2, about: false, polarity: 'neutral', risk: 0, category: 'unrelated', reasons: [], clusterCap: 0, hi: 0, lo: 0, signed: false, at: undefined, reach: 0, sourceWeight: 1 },
      { id: 'c', about: true, polarity: 'positive', risk: 0, category: 'praise_staff', reasons: ['name:滨江市第一人民医院'], clusterCap: 0, hi: 1, lo: 2, signed: true, at: 0, reach: 3, sourceWeight: 3 },
    ];
    const packed = packReadings(readings);
    expect(unpackReadings(structuredClone(packed), readings.map((r) => r.id))).toEqual(readings);
  });
});
