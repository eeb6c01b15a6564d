import type { Translate } from '../../app/i18n/i18n';
import type { ChannelKind } from '../channels/channels.api';

/**
 * Where an offline channel carries an article. Items are stored as the office writes them (位置, 期号 …), like credit
 * roles; the console labels the known ones per locale and keeps any other name as typed.
 */
const PLACEMENT_KEYS = ['位置', '期号', '版面', '时段'] as const;
type PlacementKey = (typeof PLACEMENT_KEYS)[number];

const PLACEMENT_KEY_LABELS = {
  位置: 'publication.placementKey.location',
  期号: 'publication.placementKey.issue',
  版面: 'publication.placementKey.page',
  时段: 'publication.placementKey.slot',
} as const satisfies Record<PlacementKey, string>;

/** The items each offline kind usually records, offered as empty rows when it is chosen. */
const SUGGESTED_BY_KIND: Partial<Record<ChannelKind, readonly PlacementKey[]>> = {
  magazine: ['期号', '版面'],
  screen: ['位置', '时段'],
  cctv_broadcast: ['时段'],
  morning_broadcast: ['时段'],
};

/** A placement item as the form holds it: the name as shown, and its value. */
export type PlacementRow = { key?: string; value?: string };

function isPlacementKey(key: string): key is PlacementKey {
  return (PLACEMENT_KEYS as readonly string[]).includes(key);
}

function placementKeyLabel(key: string, t: Translate): string {
  return isPlacementKey(key) ? t(PLACEMENT_KEY_LABELS[key]) : key;
}

/** The stored name of a typed item name: a known item's label (or the item itself) is that item, other text its own name. */
export function placementKeyOf(text: string, t: Translate): string {
  const name = text.trim();
  return PLACEMENT_KEYS.find((key) => key === name || t(PLACEMENT_KEY_LABELS[key]) === name) ?? name;
}

export function placementKeySuggestions(t: Translate): { value: string }[] {
  return PLACEMENT_KEYS.map((key) => ({ value: t(PLACEMENT_KEY_LABELS[key]) }));
}

export function suggestedPlacementRows(kind: ChannelKind, t: Translate): PlacementRow[] {
  return (SUGGESTED_BY_KIND[kind] ?? ['位置']).map((key) => ({ key: t(PLACEMENT_KEY_LABELS[key]), value: '' }));
}

/** The rows with a name and a value, as the placement to send; undefined when none is filled in. */
export function placementOf(rows: readonly PlacementRow[] | undefined, t: Translate): Record<string, string> | undefined {
  const filled = (rows ?? []).filter((row) => row.key?.trim() && row.value?.trim());
  if (filled.length === 0) return undefined;
  return Object.fromEntries(filled.map((row) => [placementKeyOf(row.key ?? '', t), (row.value ?? '').trim()]));
}

/** A recorded placement as form rows again, for publishing it anew (重新发布). */
export function placementRowsOf(placement: Record<string, string> | null, t: Translate): PlacementRow[] {
  return Object.entries(placement ?? {}).map(([key, value]) => ({ key: placementKeyLabel(key, t), value }));
}

/** One line for the table: "位置：门诊大厅宣传栏；期号：2026年第3期". */
export function placementSummary(placement: Record<string, string> | null, t: Translate): string {
  return Object.entries(placement ?? {})
    .map(([key, value]) => `${placementKeyLabel(key, t)}${t('publication.separator')}${value}`)
    .join(t('publication.joiner'));
}
