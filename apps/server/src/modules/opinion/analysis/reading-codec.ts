import type { MentionReading } from './mention-analyzer.ts';
import { categories, polarities, type RiskLevel } from './types.ts';

/**
 * Readings as a worker sends them: numbers in one Float64Array (transferred, not copied) and every reason
 * in one string. Structured-cloning an object per mention cost the single thread that clusters in arrival
 * order more than the clustering itself; the ids stay with the caller, who sent them.
 */
export type PackedReadings = { numbers: Float64Array<ArrayBuffer>; reasons: string };

const fields = 11;
/** Between two reasons of a mention, and between the reasons of two mentions: never in a reason. */
const reasonSeparator = '\u0001';
const mentionSeparator = '\u0002';

export function packReadings(readings: MentionReading[]): PackedReadings {
  const numbers = new Float64Array(readings.length * fields);
  const reasons: string[] = [];
  readings.forEach((r, i) => {
    numbers.set(
      [r.about ? 1 : 0, polarities.indexOf(r.polarity), r.risk, categories.indexOf(r.category), r.clusterCap, r.hi, r.lo, r.signed ? 1 : 0, r.at ?? NaN, r.reach, r.sourceWeight],
      i * fields,
    );
    reasons.push(r.reasons.join(reasonSeparator));
  });
  return { numbers, reasons: reasons.join(mentionSeparator) };
}

export function unpackReadings(packed: PackedReadings, ids: (string | number)[]): MentionReading[] {
  const { numbers } = packed;
  const reasons = packed.reasons.split(mentionSeparator);
  return ids.map((id, i) => {
    const o = i * fields;
    const at = numbers[o + 8];
    return {
      id,
      about: numbers[o] === 1,
      polarity: polarities[numbers[o + 1]],
      risk: numbers[o + 2] as RiskLevel,
      category: categories[numbers[o + 3]],
      clusterCap: numbers[o + 4] as RiskLevel,
      hi: numbers[o + 5],
      lo: numbers[o + 6],
      signed: numbers[o + 7] === 1,
      at: Number.isNaN(at) ? undefined : at,
      reach: numbers[o + 9],
      sourceWeight: numbers[o + 10],
      reasons: reasons[i] ? reasons[i].split(reasonSeparator) : [],
    };
  });
}
