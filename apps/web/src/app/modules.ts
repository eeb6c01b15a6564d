import type { MessageKey } from './i18n/i18n';

/** Modules of domain.md that are not built yet: each gets a menu entry and a placeholder page. */
export type ComingModuleKey =
  | 'content'
  | 'channels'
  | 'messaging'
  | 'opinion'
  | 'team'
  | 'targets'
  | 'media'
  | 'campaigns'
  | 'experts'
  | 'reports'
  | 'portal';

export const COMING_MODULES: readonly ComingModuleKey[] = [
  'content',
  'channels',
  'messaging',
  'opinion',
  'team',
  'targets',
  'media',
  'campaigns',
  'experts',
  'reports',
  'portal',
];

/** The system-management pages, in menu order; the router maps each path to its page. */
export const SYSTEM_PAGES: readonly { path: string; label: MessageKey }[] = [
  { path: '/system/hospital', label: 'menu.hospital' },
  { path: '/system/campuses', label: 'menu.campuses' },
  { path: '/system/departments', label: 'menu.departments' },
  { path: '/system/users', label: 'menu.users' },
  { path: '/system/api-tokens', label: 'menu.apiTokens' },
  { path: '/system/audit', label: 'menu.audit' },
];

export function comingModulePath(key: ComingModuleKey): string {
  return `/${key}`;
}

export const API_DOCS_URL = '/api/docs';
