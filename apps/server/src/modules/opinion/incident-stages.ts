/**
 * 舆情事件 stages and the moves between them, as data: 发现 → 研判 → 处置 → 回应 → 修复 → 复盘 → closed, with the
 * shortcuts a 舆情专员 takes (a false alarm closes early, a story that flares up again goes back to 处置). Every move
 * is checked against this table and audited.
 */
export const incidentStages = ['discovered', 'assessed', 'handled', 'responded', 'repaired', 'reviewed', 'closed'] as const;
export type IncidentStage = (typeof incidentStages)[number];
export type OpenStage = Exclude<IncidentStage, 'closed'>;
export const openStages = incidentStages.filter((s): s is OpenStage => s !== 'closed');

/** What must be true before a move: an approved response statement (回应), written lessons (结案). */
export type MoveRequirement = 'approved_response' | 'lessons';

export type IncidentMove = { to: IncidentStage; reasonRequired: boolean; requires?: MoveRequirement };

const forward = (to: IncidentStage, requires?: MoveRequirement): IncidentMove => ({ to, reasonRequired: false, ...(requires ? { requires } : {}) });
const explained = (to: IncidentStage): IncidentMove => ({ to, reasonRequired: true });

export const incidentMoves: Record<IncidentStage, readonly IncidentMove[]> = {
  // 误报 or nothing to handle: closed with the reason.
  discovered: [forward('assessed'), explained('closed')],
  assessed: [forward('handled'), explained('closed')],
  // Handled without a public statement (不予公开回应) goes straight to watching the repair.
  handled: [forward('responded', 'approved_response'), explained('repaired')],
  // 舆情反弹: back to handling.
  responded: [forward('repaired'), explained('handled')],
  repaired: [forward('reviewed'), explained('handled')],
  reviewed: [forward('closed', 'lessons')],
  closed: [],
};

export const moveOf = (from: IncidentStage, to: IncidentStage) => incidentMoves[from].find((m) => m.to === to);

/** Stages in which the first-response clock (黄金4小时) runs: before any public response or a decision not to give one. */
export const awaitingFirstResponse: readonly IncidentStage[] = ['discovered', 'assessed', 'handled'];

/** Levels as alerts use them: 1 蓝, 2 黄, 3 橙, 4 红. */
export const incidentLevels = [1, 2, 3, 4] as const;
export type IncidentLevel = (typeof incidentLevels)[number];
export const levelNames: Record<IncidentLevel, string> = { 1: '蓝色', 2: '黄色', 3: '橙色', 4: '红色' };
export const stageNames: Record<IncidentStage, string> = {
  discovered: '发现',
  assessed: '研判',
  handled: '处置',
  responded: '回应',
  repaired: '修复',
  reviewed: '复盘',
  closed: '已结案',
};

/**
 * The time allowed for the first authoritative response and for each stage, in minutes, for one level, and the
 * notification channels an escalation at that level is sent to (null: every active channel of the hospital).
 */
export type SlaPolicy = { firstResponseMinutes: number; stageMinutes: Record<OpenStage, number>; escalationChannelIds: number[] | null };

/** 黄金4小时 for every level until a hospital sets its own; stage allowances an office can keep to. */
export const defaultSlaPolicy: SlaPolicy = {
  firstResponseMinutes: 4 * 60,
  stageMinutes: { discovered: 60, assessed: 2 * 60, handled: 4 * 60, responded: 3 * 24 * 60, repaired: 7 * 24 * 60, reviewed: 7 * 24 * 60 },
  escalationChannelIds: null,
};

export const afterMinutes = (from: Date, minutes: number) => new Date(from.getTime() + minutes * 60_000);

/** When the stage entered at `enteredAt` is due under a policy (a closed incident has no due time). */
export function stageDueAt(policy: SlaPolicy, stage: IncidentStage, enteredAt: Date): Date | null {
  return stage === 'closed' ? null : afterMinutes(enteredAt, policy.stageMinutes[stage]);
}
