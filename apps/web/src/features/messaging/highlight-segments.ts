import type { Finding } from './compliance.api';
import { SEVERITIES, type Severity } from './findings';

/** A run of text and the findings (by index) that cover all of it: none for plain text. */
export type Segment = { start: number; end: number; text: string; findings: number[]; severity: Severity | null };

function mostSevere(severities: Severity[]): Severity | null {
  return SEVERITIES.find((severity) => severities.includes(severity)) ?? null;
}

/**
 * Cuts `text` at every finding's start and end, so overlapping findings (全国最好 and 最好) each keep
 * their exact span; a run covered by several is coloured by the most severe. Offsets are UTF-16 code
 * units, as String.slice counts them, and are clamped to the text.
 */
export function segmentText(text: string, findings: readonly Finding[], indices: readonly number[]): Segment[] {
  const clamp = (offset: number) => Math.max(0, Math.min(text.length, offset));
  const cuts = new Set([0, text.length]);
  for (const index of indices) {
    cuts.add(clamp(findings[index].start));
    cuts.add(clamp(findings[index].end));
  }
  const bounds = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < bounds.length - 1; i += 1) {
    const [start, end] = [bounds[i], bounds[i + 1]];
    const covering = indices.filter((index) => clamp(findings[index].start) <= start && clamp(findings[index].end) >= end);
    segments.push({
      start,
      end,
      text: text.slice(start, end),
      findings: covering,
      severity: mostSevere(covering.map((index) => findings[index].severity)),
    });
  }
  return segments;
}
