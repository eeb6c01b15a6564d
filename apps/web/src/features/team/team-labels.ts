import type { MessageKey } from '../../app/i18n/i18n';
import type { Attendance, EntryKind, GridRole, MediaLevel, MemberStatus, RuleKind } from './team.api';

export const gridRoleLabel = (role: GridRole): MessageKey => `team.gridRole.${role}`;
export const memberStatusLabel = (status: MemberStatus): MessageKey => `team.memberStatus.${status}`;
export const attendanceLabel = (attendance: Attendance): MessageKey => `team.attendance.${attendance}`;
export const ruleKindLabel = (kind: RuleKind): MessageKey => `team.ruleKind.${kind}`;
export const mediaLevelLabel = (level: MediaLevel): MessageKey => `team.mediaLevel.${level}`;
export const entryKindLabel = (kind: EntryKind): MessageKey => `team.entryKind.${kind}`;

export const MEMBER_STATUS_COLORS: Record<MemberStatus, string> = { active: 'success', paused: 'warning', left: 'default' };
export const ATTENDANCE_COLORS: Record<Attendance, string> = { pending: 'default', present: 'success', absent: 'error', excused: 'warning' };
export const ENTRY_KIND_COLORS: Record<EntryKind, string> = { award: 'blue', reversal: 'volcano', adjustment: 'purple' };
