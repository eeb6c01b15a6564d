import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { RequireSession } from './auth/RequireSession';
import { BUILT_MODULES, COMING_MODULES, modulePath } from './modules';
import { PageSpinner } from './PageSpinner';

/** React.lazy for a named export, so every page is its own chunk loaded on first visit. */
// ComponentType<any> is React.lazy's own constraint: pages may take props (ComingSoonPage does).
function lazyNamed<K extends string, C extends ComponentType<any>>(load: () => Promise<Record<K, C>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const LoginPage = lazyNamed(() => import('./auth/LoginPage'), 'LoginPage');
const ForcedPasswordChangePage = lazyNamed(() => import('./auth/ForcedPasswordChangePage'), 'ForcedPasswordChangePage');
const ConsoleLayout = lazyNamed(() => import('./layout/ConsoleLayout'), 'ConsoleLayout');
const DashboardPage = lazyNamed(() => import('./pages/DashboardPage'), 'DashboardPage');
const ComingSoonPage = lazyNamed(() => import('./pages/ComingSoonPage'), 'ComingSoonPage');
const NotFoundPage = lazyNamed(() => import('./pages/NotFoundPage'), 'NotFoundPage');
const HospitalProfilePage = lazyNamed(() => import('../features/org/HospitalProfilePage'), 'HospitalProfilePage');
const CampusesPage = lazyNamed(() => import('../features/org/CampusesPage'), 'CampusesPage');
const DepartmentsPage = lazyNamed(() => import('../features/org/DepartmentsPage'), 'DepartmentsPage');
const UsersPage = lazyNamed(() => import('../features/org/UsersPage'), 'UsersPage');
const ApiTokensPage = lazyNamed(() => import('../features/org/ApiTokensPage'), 'ApiTokensPage');
const AuditLogPage = lazyNamed(() => import('../features/org/AuditLogPage'), 'AuditLogPage');
const ArticlesPage = lazyNamed(() => import('../features/content/ArticlesPage'), 'ArticlesPage');
const ArticleEditorPage = lazyNamed(() => import('../features/content/ArticleEditorPage'), 'ArticleEditorPage');
const ReviewInboxPage = lazyNamed(() => import('../features/content/ReviewInboxPage'), 'ReviewInboxPage');
const ArticleReviewPage = lazyNamed(() => import('../features/content/ArticleReviewPage'), 'ArticleReviewPage');
const ChannelsPage = lazyNamed(() => import('../features/channels/ChannelsPage'), 'ChannelsPage');
const ComplianceCheckPage = lazyNamed(() => import('../features/messaging/ComplianceCheckPage'), 'ComplianceCheckPage');
const StatementsPage = lazyNamed(() => import('../features/messaging/StatementsPage'), 'StatementsPage');
const TermsPage = lazyNamed(() => import('../features/messaging/TermsPage'), 'TermsPage');
const LexiconsPage = lazyNamed(() => import('../features/messaging/LexiconsPage'), 'LexiconsPage');
const LexiconDetailPage = lazyNamed(() => import('../features/messaging/LexiconDetailPage'), 'LexiconDetailPage');
const AllowedTermsPage = lazyNamed(() => import('../features/messaging/AllowedTermsPage'), 'AllowedTermsPage');

function suspended(element: ReactNode) {
  return <Suspense fallback={<PageSpinner />}>{element}</Suspense>;
}

const routes: RouteObject[] = [
  { path: '/login', element: suspended(<LoginPage />) },
  {
    path: '/change-password',
    element: <RequireSession passwordChangeScreen>{suspended(<ForcedPasswordChangePage />)}</RequireSession>,
  },
  {
    path: '/',
    element: <RequireSession>{suspended(<ConsoleLayout />)}</RequireSession>,
    children: [
      { index: true, element: suspended(<DashboardPage />) },
      ...COMING_MODULES.map((key) => ({
        path: modulePath(key),
        element: suspended(<ComingSoonPage moduleKey={key} />),
      })),
      { path: modulePath('content'), element: <Navigate to={BUILT_MODULES.content[0].path} replace /> },
      { path: '/content/articles', element: suspended(<ArticlesPage />) },
      { path: '/content/articles/:id', element: suspended(<ArticleEditorPage />) },
      { path: '/content/review', element: suspended(<ReviewInboxPage />) },
      { path: '/content/review/:id', element: suspended(<ArticleReviewPage />) },
      { path: modulePath('channels'), element: <Navigate to={BUILT_MODULES.channels[0].path} replace /> },
      { path: '/channels/registry', element: suspended(<ChannelsPage />) },
      { path: modulePath('messaging'), element: <Navigate to={BUILT_MODULES.messaging[0].path} replace /> },
      { path: '/messaging/check', element: suspended(<ComplianceCheckPage />) },
      { path: '/messaging/statements', element: suspended(<StatementsPage />) },
      { path: '/messaging/terms', element: suspended(<TermsPage />) },
      { path: '/messaging/lexicons', element: suspended(<LexiconsPage />) },
      { path: '/messaging/lexicons/:id', element: suspended(<LexiconDetailPage />) },
      { path: '/messaging/allowed-terms', element: suspended(<AllowedTermsPage />) },
      { path: '/system/hospital', element: suspended(<HospitalProfilePage />) },
      { path: '/system/campuses', element: suspended(<CampusesPage />) },
      { path: '/system/departments', element: suspended(<DepartmentsPage />) },
      { path: '/system/users', element: suspended(<UsersPage />) },
      { path: '/system/api-tokens', element: suspended(<ApiTokensPage />) },
      { path: '/system/audit', element: suspended(<AuditLogPage />) },
      { path: '*', element: suspended(<NotFoundPage />) },
    ],
  },
];

export const router = createBrowserRouter(routes);
