import type { MessageKey } from './i18n/i18n';

/** The modules of domain.md, in menu order. */
export type ModuleKey =
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

export const MODULES: readonly ModuleKey[] = [
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

export type ModulePage = { path: string; label: MessageKey };

/** Modules that are built: a menu group of their pages, in menu order; the router maps each path to its page. */
export const BUILT_MODULES = {
  content: [
    { path: '/content/articles', label: 'menu.articles' },
    { path: '/content/review', label: 'menu.reviewInbox' },
  ],
  channels: [{ path: '/channels/registry', label: 'menu.channelRegistry' }],
  messaging: [
    { path: '/messaging/check', label: 'menu.complianceCheck' },
    { path: '/messaging/statements', label: 'menu.statements' },
    { path: '/messaging/terms', label: 'menu.terms' },
    { path: '/messaging/lexicons', label: 'menu.lexicons' },
    { path: '/messaging/allowed-terms', label: 'menu.allowedTerms' },
  ],
} as const satisfies Partial<Record<ModuleKey, readonly ModulePage[]>>;

export type BuiltModuleKey = keyof typeof BUILT_MODULES;

/** Modules that are not built yet: each gets a menu entry and a placeholder page. */
export type ComingModuleKey = Exclude<ModuleKey, BuiltModuleKey>;

export function isBuiltModule(key: ModuleKey): key is BuiltModuleKey {
  return key in BUILT_MODULES;
}

export const COMING_MODULES: readonly ComingModuleKey[] = MODULES.filter((key): key is ComingModuleKey => !isBuiltModule(key));

/** The system-management pages, in menu order; the router maps each path to its page. */
export const SYSTEM_PAGES: readonly ModulePage[] = [
  { path: '/system/hospital', label: 'menu.hospital' },
  { path: '/system/campuses', label: 'menu.campuses' },
  { path: '/system/departments', label: 'menu.departments' },
  { path: '/system/users', label: 'menu.users' },
  { path: '/system/api-tokens', label: 'menu.apiTokens' },
  { path: '/system/audit', label: 'menu.audit' },
];

export function modulePath(key: ModuleKey): string {
  return `/${key}`;
}

export const API_DOCS_URL = '/api/docs';
