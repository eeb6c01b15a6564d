/**
 * An alert's life: open → acknowledged → closed, or → incident (an 舆情事件 takes it over). A level rise reopens an
 * acknowledged alert (the story got worse: someone must look again); an incident's alert closes with its incident.
 * Every move is checked against this table and audited.
 */
export const alertStatuses = ['open', 'acknowledged', 'closed', 'incident'] as const;
export type AlertStatus = (typeof alertStatuses)[number];

const allowedMoves: Record<AlertStatus, readonly AlertStatus[]> = {
  open: ['acknowledged', 'closed', 'incident'],
  acknowledged: ['open', 'closed', 'incident'],
  incident: ['closed'],
  closed: [],
};

export const canMoveAlert = (from: AlertStatus, to: AlertStatus) => allowedMoves[from].includes(to);
