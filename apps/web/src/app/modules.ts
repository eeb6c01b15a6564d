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
    { path: '/content/leads', label: 'menu.leads' },
    { path: '/content/topics', label: 'menu.topics' },
    { path: '/content/articles', label: 'menu.articles' },
    { path: '/content/review', label: 'menu.reviewInbox' },
    { path: '/content/assets', label: 'menu.assets' },
    { path: '/content/review-chains', label: 'menu.reviewChains' },
  ],
  channels: [
    { path: '/channels/registry', label: 'menu.channelRegistry' },
    { path: '/channels/calendar', label: 'menu.publicationCalendar' },
  ],
  messaging: [
    { path: '/messaging/check', label: 'menu.complianceCheck' },
    { path: '/messaging/statements', label: 'menu.statements' },
    { path: '/messaging/terms', label: 'menu.terms' },
    { path: '/messaging/lexicons', label: 'menu.lexicons' },
    { path: '/messaging/allowed-terms', label: 'menu.allowedTerms' },
  ],
  opinion: [
    { path: '/opinion/desk', label: 'menu.opinionDesk' },
    { path: '/opinion/alerts', label: 'menu.opinionAlerts' },
    { path: '/opinion/clusters', label: 'menu.opinionClusters' },
    { path: '/opinion/incidents', label: 'menu.opinionIncidents' },
    { path: '/opinion/clues', label: 'menu.opinionClues' },
    { path: '/opinion/sources', label: 'menu.opinionSources' },
    { path: '/opinion/watch-rules', label: 'menu.opinionWatchRules' },
    { path: '/opinion/classifier', label: 'menu.opinionClassifier' },
    { path: '/opinion/import', label: 'menu.opinionImport' },
    { path: '/opinion/alert-rules', label: 'menu.opinionAlertRules' },
    { path: '/opinion/notification-channels', label: 'menu.opinionNotificationChannels' },
    { path: '/opinion/deliveries', label: 'menu.opinionDeliveries' },
  ],
  team: [
    { path: '/team/grid', label: 'menu.teamGrid' },
    { path: '/team/training', label: 'menu.teamTraining' },
    { path: '/team/points', label: 'menu.teamPoints' },
    { path: '/team/commendations', label: 'menu.teamCommendations' },
  ],
  targets: [{ path: '/targets/plans', label: 'menu.targetPlans' }],
  experts: [{ path: '/experts/registry', label: 'menu.expertList' }],
  portal: [{ path: '/portal/site', label: 'menu.portalSite' }],
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
