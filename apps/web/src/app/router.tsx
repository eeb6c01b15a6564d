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
const LeadsPage = lazyNamed(() => import('../features/content/LeadsPage'), 'LeadsPage');
const TopicBoardPage = lazyNamed(() => import('../features/content/TopicBoardPage'), 'TopicBoardPage');
const AssetLibraryPage = lazyNamed(() => import('../features/content/AssetLibraryPage'), 'AssetLibraryPage');
const ArticlesPage = lazyNamed(() => import('../features/content/ArticlesPage'), 'ArticlesPage');
const ArticleEditorPage = lazyNamed(() => import('../features/content/ArticleEditorPage'), 'ArticleEditorPage');
const ReviewInboxPage = lazyNamed(() => import('../features/content/ReviewInboxPage'), 'ReviewInboxPage');
const ReviewChainsPage = lazyNamed(() => import('../features/content/ReviewChainsPage'), 'ReviewChainsPage');
const ArticleReviewPage = lazyNamed(() => import('../features/content/ArticleReviewPage'), 'ArticleReviewPage');
const ChannelsPage = lazyNamed(() => import('../features/channels/ChannelsPage'), 'ChannelsPage');
const PublicationCalendarPage = lazyNamed(() => import('../features/channels/PublicationCalendarPage'), 'PublicationCalendarPage');
const ComplianceCheckPage = lazyNamed(() => import('../features/messaging/ComplianceCheckPage'), 'ComplianceCheckPage');
const StatementsPage = lazyNamed(() => import('../features/messaging/StatementsPage'), 'StatementsPage');
const TermsPage = lazyNamed(() => import('../features/messaging/TermsPage'), 'TermsPage');
const LexiconsPage = lazyNamed(() => import('../features/messaging/LexiconsPage'), 'LexiconsPage');
const LexiconDetailPage = lazyNamed(() => import('../features/messaging/LexiconDetailPage'), 'LexiconDetailPage');
const AllowedTermsPage = lazyNamed(() => import('../features/messaging/AllowedTermsPage'), 'AllowedTermsPage');
const GridPage = lazyNamed(() => import('../features/team/GridPage'), 'GridPage');
const TrainingPage = lazyNamed(() => import('../features/team/TrainingPage'), 'TrainingPage');
const PointsPage = lazyNamed(() => import('../features/team/PointsPage'), 'PointsPage');
const CommendationPage = lazyNamed(() => import('../features/team/CommendationPage'), 'CommendationPage');
const PlansPage = lazyNamed(() => import('../features/targets/PlansPage'), 'PlansPage');
const PlanPage = lazyNamed(() => import('../features/targets/PlanPage'), 'PlanPage');
const EvaluationPage = lazyNamed(() => import('../features/targets/EvaluationPage'), 'EvaluationPage');
const ExpertsPage = lazyNamed(() => import('../features/experts/ExpertsPage'), 'ExpertsPage');
const OpinionDeskPage = lazyNamed(() => import('../features/opinion/OpinionDeskPage'), 'OpinionDeskPage');
const OpinionClustersPage = lazyNamed(() => import('../features/opinion/ClustersPage'), 'ClustersPage');
const OpinionClusterPage = lazyNamed(() => import('../features/opinion/ClusterPage'), 'ClusterPage');
const IncidentBoardPage = lazyNamed(() => import('../features/opinion/IncidentBoardPage'), 'IncidentBoardPage');
const IncidentPage = lazyNamed(() => import('../features/opinion/IncidentPage'), 'IncidentPage');
const OpinionCluesPage = lazyNamed(() => import('../features/opinion/CluesPage'), 'CluesPage');
const OpinionSourcesPage = lazyNamed(() => import('../features/opinion/SourcesPage'), 'SourcesPage');
const OpinionWatchRulesPage = lazyNamed(() => import('../features/opinion/WatchRulesPage'), 'WatchRulesPage');
const OpinionImportPage = lazyNamed(() => import('../features/opinion/ImportPage'), 'ImportPage');
const OpinionClassifierPage = lazyNamed(() => import('../features/opinion/ClassifierPage'), 'ClassifierPage');
const OpinionWallScreenPage = lazyNamed(() => import('../features/opinion/WallScreenPage'), 'WallScreenPage');
const AlertsPage = lazyNamed(() => import('../features/opinion/AlertsPage'), 'AlertsPage');
const AlertRulesPage = lazyNamed(() => import('../features/opinion/AlertRulesPage'), 'AlertRulesPage');
const NotificationChannelsPage = lazyNamed(() => import('../features/opinion/NotificationChannelsPage'), 'NotificationChannelsPage');
const DeliveryLogPage = lazyNamed(() => import('../features/opinion/DeliveryLogPage'), 'DeliveryLogPage');
const PortalPage = lazyNamed(() => import('../features/portal/PortalPage'), 'PortalPage');

function suspended(element: ReactNode) {
  return <Suspense fallback={<PageSpinner />}>{element}</Suspense>;
}

const routes: RouteObject[] = [
  { path: '/login', element: suspended(<LoginPage />) },
  {
    path: '/change-password',
    element: <RequireSession passwordChangeScreen>{suspended(<ForcedPasswordChangePage />)}</RequireSession>,
  },
  { path: '/opinion/wall', element: <RequireSession>{suspended(<OpinionWallScreenPage />)}</RequireSession> },
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
      { path: '/content/leads', element: suspended(<LeadsPage />) },
      { path: '/content/topics', element: suspended(<TopicBoardPage />) },
      { path: '/content/assets', element: suspended(<AssetLibraryPage />) },
      { path: '/content/articles', element: suspended(<ArticlesPage />) },
      { path: '/content/articles/:id', element: suspended(<ArticleEditorPage />) },
      { path: '/content/review', element: suspended(<ReviewInboxPage />) },
      { path: '/content/review-chains', element: suspended(<ReviewChainsPage />) },
      { path: '/content/review/:id', element: suspended(<ArticleReviewPage />) },
      { path: modulePath('channels'), element: <Navigate to={BUILT_MODULES.channels[0].path} replace /> },
      { path: '/channels/registry', element: suspended(<ChannelsPage />) },
      { path: '/channels/calendar', element: suspended(<PublicationCalendarPage />) },
      { path: modulePath('messaging'), element: <Navigate to={BUILT_MODULES.messaging[0].path} replace /> },
      { path: '/messaging/check', element: suspended(<ComplianceCheckPage />) },
      { path: '/messaging/statements', element: suspended(<StatementsPage />) },
      { path: '/messaging/terms', element: suspended(<TermsPage />) },
      { path: '/messaging/lexicons', element: suspended(<LexiconsPage />) },
      { path: '/messaging/lexicons/:id', element: suspended(<LexiconDetailPage />) },
      { path: '/messaging/allowed-terms', element: suspended(<AllowedTermsPage />) },
      { path: modulePath('opinion'), element: <Navigate to={BUILT_MODULES.opinion[0].path} replace /> },
      { path: '/opinion/desk', element: suspended(<OpinionDeskPage />) },
      { path: '/opinion/clusters', element: suspended(<OpinionClustersPage />) },
      { path: '/opinion/clusters/:id', element: suspended(<OpinionClusterPage />) },
      { path: '/opinion/incidents', element: suspended(<IncidentBoardPage />) },
      { path: '/opinion/incidents/:id', element: suspended(<IncidentPage />) },
      { path: '/opinion/clues', element: suspended(<OpinionCluesPage />) },
      { path: '/opinion/sources', element: suspended(<OpinionSourcesPage />) },
      { path: '/opinion/watch-rules', element: suspended(<OpinionWatchRulesPage />) },
      { path: '/opinion/import', element: suspended(<OpinionImportPage />) },
      { path: '/opinion/classifier', element: suspended(<OpinionClassifierPage />) },
      { path: '/opinion/alerts', element: suspended(<AlertsPage />) },
      { path: '/opinion/alert-rules', element: suspended(<AlertRulesPage />) },
      { path: '/opinion/notification-channels', element: suspended(<NotificationChannelsPage />) },
      { path: '/opinion/deliveries', element: suspended(<DeliveryLogPage />) },
      { path: modulePath('team'), element: <Navigate to={BUILT_MODULES.team[0].path} replace /> },
      { path: '/team/grid', element: suspended(<GridPage />) },
      { path: '/team/training', element: suspended(<TrainingPage />) },
      { path: '/team/points', element: suspended(<PointsPage />) },
      { path: '/team/commendations', element: suspended(<CommendationPage />) },
      { path: modulePath('targets'), element: <Navigate to={BUILT_MODULES.targets[0].path} replace /> },
      { path: '/targets/plans', element: suspended(<PlansPage />) },
      { path: '/targets/plans/:id', element: suspended(<PlanPage />) },
      { path: '/targets/plans/:id/evaluations/:evalId', element: suspended(<EvaluationPage />) },
      { path: modulePath('experts'), element: <Navigate to={BUILT_MODULES.experts[0].path} replace /> },
      { path: '/experts/registry', element: suspended(<ExpertsPage />) },
      { path: '/portal/site', element: suspended(<PortalPage />) },
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
