import { WarningFilled } from '@ant-design/icons';
import type { QueryClient } from '@tanstack/react-query';
import { Button, Spin, Typography } from 'antd';
import { type ComponentType, lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, Outlet, type RouteObject, RouterProvider, useLocation } from 'react-router-dom';
import { type Action, isStaff } from '../domain/policy.ts';
import { queryClient } from './api/query-client.ts';
import { AppLayout } from './components/app-layout.tsx';
import { useLanguageSync } from './components/language-switch.tsx';
import { Providers } from './components/providers.tsx';
import { SessionProvider, useCan, useSession } from './components/session.tsx';
import { meQuery, useMe } from './features/auth/api.ts';
import { notificationsQuery } from './features/notifications/api.ts';
import { PortalHomePage } from './features/portal/portal-home-page.tsx';
import { loadQueue, QueuePage } from './features/tickets/queue-page.tsx';
import { adoptServerState } from './first-screen.ts';

/**
 * A page loaded when first opened: the first screen (sign-in, the queue, the portal's list) ships in the main
 * bundle, every other page in its own chunk, so the browser parses and runs only what it shows (issue 9: first load).
 */
function lazyPage<Props>(load: () => Promise<ComponentType<Props>>) {
  return lazy(async () => ({ default: await load() }));
}

const CalendarsPage = lazyPage(() => import('./features/calendars/calendars-page.tsx').then((m) => m.CalendarsPage));
const ContractsPage = lazyPage(() => import('./features/contracts/contracts-page.tsx').then((m) => m.ContractsPage));
const TiersPage = lazyPage(() => import('./features/contracts/tiers-page.tsx').then((m) => m.TiersPage));
const CustomerDetailPage = lazyPage(() => import('./features/customers/customer-detail-page.tsx').then((m) => m.CustomerDetailPage));
const CustomersPage = lazyPage(() => import('./features/customers/customers-page.tsx').then((m) => m.CustomersPage));
const IncidentPage = lazyPage(() => import('./features/emergency/incident-page.tsx').then((m) => m.IncidentPage));
const IncidentsPage = lazyPage(() => import('./features/emergency/incidents-page.tsx').then((m) => m.IncidentsPage));
const PlanPage = lazyPage(() => import('./features/emergency/plan-page.tsx').then((m) => m.PlanPage));
const RosterPage = lazyPage(() => import('./features/escalations/roster-page.tsx').then((m) => m.RosterPage));
const ImportPage = lazyPage(() => import('./features/imports/import-page.tsx').then((m) => m.ImportPage));
const IntakePage = lazyPage(() => import('./features/intake/intake-page.tsx').then((m) => m.IntakePage));
const JobsPage = lazyPage(() => import('./features/jobs/jobs-page.tsx').then((m) => m.JobsPage));
const PortalNewRequestPage = lazyPage(() => import('./features/portal/portal-new-request-page.tsx').then((m) => m.PortalNewRequestPage));
const PortalTicketPage = lazyPage(() => import('./features/portal/portal-ticket-page.tsx').then((m) => m.PortalTicketPage));
const SearchResultsPage = lazyPage(() => import('./features/search/search-results-page.tsx').then((m) => m.SearchResultsPage));
const CallListPage = lazyPage(() => import('./features/service-quality/call-list-page.tsx').then((m) => m.CallListPage));
const PublicSurveyPage = lazyPage(() => import('./features/service-quality/public-survey-page.tsx').then((m) => m.PublicSurveyPage));
const SurveyResultsPage = lazyPage(() => import('./features/service-quality/survey-results-page.tsx').then((m) => m.SurveyResultsPage));
const MaintenanceChecklistsPage = lazyPage(() =>
  import('./features/maintenance/checklists-page.tsx').then((m) => m.MaintenanceChecklistsPage),
);
const SettingsPage = lazyPage(() => import('./features/settings/settings-page.tsx').then((m) => m.SettingsPage));
const AtRiskPage = lazyPage(() => import('./features/sla/at-risk-page.tsx').then((m) => m.AtRiskPage));
const PoliciesPage = lazyPage(() => import('./features/sla/policies-page.tsx').then((m) => m.PoliciesPage));
const TicketDetailPage = lazyPage(() => import('./features/tickets/ticket-detail-page.tsx').then((m) => m.TicketDetailPage));
const UsersPage = lazyPage(() => import('./features/users/users-page.tsx').then((m) => m.UsersPage));
const FieldPage = lazyPage(() => import('./features/work-orders/field-page.tsx').then((m) => m.FieldPage));

const PartsPage = lazyPage(() => import('./features/parts/parts-page.tsx').then((m) => m.PartsPage));
const MaintenanceDuePage = lazyPage(() => import('./features/maintenance/due-page.tsx').then((m) => m.MaintenanceDuePage));
const PortalMaintenancePage = lazyPage(() => import('./features/maintenance/maintenance-tab.tsx').then((m) => m.PortalMaintenancePage));
const RoundPage = lazyPage(() => import('./features/maintenance/round-page.tsx').then((m) => m.RoundPage));
const DispatchPage = lazyPage(() => import('./features/dispatch/dispatch-page.tsx').then((m) => m.DispatchPage));
// Sign-in is its own chunk too: a signed-in user opening the queue never needs its form and schema.
const LoginPage = lazyPage(() => import('./features/auth/login-page.tsx').then((m) => m.LoginPage));
const NotFoundPage = lazyPage(() => import('./components/not-found-page.tsx').then((m) => m.NotFoundPage));
const ChecklistSettingsPage = lazyPage(() =>
  import('./features/work-orders/checklist-settings-page.tsx').then((m) => m.ChecklistSettingsPage),
);
function FullPageSpin() {
  return (
    <div className="full-page-center">
      <Spin size="large" />
    </div>
  );
}

function SessionEffects() {
  useLanguageSync(useSession());
  return <Outlet />;
}

/** Signed-in area for one audience; the other audience is sent to its own home. */
function RequireAuth({ audience }: { audience: 'staff' | 'customer' }) {
  const me = useMe();
  const location = useLocation();
  const { t } = useTranslation();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    // Not antd's Result: it ships its three large illustrations with every page that uses it.
    return (
      <div className="full-page-center load-failed" role="alert">
        <WarningFilled className="load-failed-icon" />
        <Typography.Title level={4}>{t('errors.loadFailed')}</Typography.Title>
        <Typography.Text type="secondary">{t('errors.network')}</Typography.Text>
        <Button onClick={() => void me.refetch()}>{t('common.refresh')}</Button>
      </div>
    );
  }
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  const user = me.data.user;
  if (audience === 'staff' && !isStaff(user)) return <Navigate to="/portal" replace />;
  if (audience === 'customer' && isStaff(user)) return <Navigate to="/queue" replace />;
  return (
    <SessionProvider user={user}>
      <SessionEffects />
    </SessionProvider>
  );
}

/** Pages for one action's holders (user administration, service tiers); others go to the queue. */
function Allowed({ action }: { action: Action }) {
  return useCan()(action) ? <Outlet /> : <Navigate to="/queue" replace />;
}

/** Loaders start a signed-in area's requests as soon as the address is known (see `loadQueue`). */
function loadSession(): null {
  void queryClient.prefetchQuery(meQuery);
  return null;
}

/** The staff shell's own request (the notification bell), once the session is known; also the server's render. */
export async function prefetchStaffShell(client: QueryClient): Promise<void> {
  const me = await client.ensureQueryData(meQuery);
  if (me && isStaff(me.user)) await client.prefetchQuery(notificationsQuery());
}

function loadStaffShell(): null {
  prefetchStaffShell(queryClient).catch(() => {
    // The guard shows the failed session check.
  });
  return null;
}

/**
 * Every screen. Routes with a loader carry an id: a page the server rendered (src/server/http/first-screen.ts)
 * starts with those loaders marked as done, since their data came with the page.
 */
export const appRoutes: RouteObject[] = [
  {
    path: '/login',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <LoginPage />
      </Suspense>
    ),
  },
  /** The satisfaction survey by signed link: no login. */
  {
    path: '/survey/:token',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <PublicSurveyPage />
      </Suspense>
    ),
  },
  {
    id: 'portal',
    path: '/portal',
    loader: loadSession,
    element: <RequireAuth audience="customer" />,
    children: [
      {
        element: <AppLayout variant="portal" />,
        children: [
          { index: true, element: <PortalHomePage /> },
          { path: 'new', element: <PortalNewRequestPage /> },
          { path: 'requests/:id', element: <PortalTicketPage /> },
          { path: 'maintenance', element: <PortalMaintenancePage /> },
          { path: 'maintenance-rounds/:id', element: <RoundPage /> },
          { path: 'search', element: <SearchResultsPage audience="portal" /> },
          { path: 'settings', element: <SettingsPage /> },
        ],
      },
    ],
  },
  {
    id: 'staff',
    path: '/',
    loader: loadStaffShell,
    element: <RequireAuth audience="staff" />,
    children: [
      {
        element: <AppLayout variant="staff" />,
        children: [
          { index: true, element: <Navigate to="/queue" replace /> },
          { id: 'queue', path: 'queue', loader: loadQueue, element: <QueuePage /> },
          { path: 'sla/at-risk', element: <AtRiskPage /> },
          { path: 'tickets/:id', element: <TicketDetailPage /> },
          { path: 'search', element: <SearchResultsPage audience="staff" /> },
          { path: 'intake', element: <IntakePage /> },
          { path: 'customers', element: <CustomersPage /> },
          { path: 'customers/import', element: <ImportPage /> },
          { path: 'customers/:id', element: <CustomerDetailPage /> },
          { path: 'customers/:id/emergency-plan', element: <PlanPage /> },
          { path: 'contracts', element: <ContractsPage /> },
          { path: 'field', element: <FieldPage /> },
          { element: <Allowed action="maintenance.work" />, children: [{ path: 'maintenance', element: <MaintenanceDuePage /> }] },
          { path: 'maintenance-rounds/:id', element: <RoundPage /> },
          { element: <Allowed action="work_order.dispatch" />, children: [{ path: 'dispatch', element: <DispatchPage /> }] },
          {
            element: <Allowed action="field_settings.manage" />,
            children: [{ path: 'settings/field-checklist', element: <ChecklistSettingsPage /> }],
          },
          { element: <Allowed action="return_visit.read" />, children: [{ path: 'return-visits', element: <CallListPage /> }] },
          { element: <Allowed action="survey.read_results" />, children: [{ path: 'surveys', element: <SurveyResultsPage /> }] },
          { path: 'incidents', element: <IncidentsPage /> },
          { path: 'incidents/:id', element: <IncidentPage /> },
          { path: 'settings', element: <SettingsPage /> },
          { path: 'settings/calendars', element: <CalendarsPage /> },
          { path: 'settings/sla-policies', element: <PoliciesPage /> },
          { element: <Allowed action="user.update" />, children: [{ path: 'users', element: <UsersPage /> }] },
          { element: <Allowed action="tier.manage" />, children: [{ path: 'settings/service-tiers', element: <TiersPage /> }] },
          { element: <Allowed action="spare_part.read" />, children: [{ path: 'settings/spare-parts', element: <PartsPage /> }] },
          { element: <Allowed action="jobs.read" />, children: [{ path: 'settings/jobs', element: <JobsPage /> }] },
          {
            element: <Allowed action="maintenance.manage_checklists" />,
            children: [{ path: 'settings/maintenance-checklists', element: <MaintenanceChecklistsPage /> }],
          },
          {
            element: <Allowed action="escalation_roster.manage" />,
            children: [{ path: 'settings/escalation-roster', element: <RosterPage /> }],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

/**
 * The browser's router, made when this module runs so the loaders start at once. On a server-rendered page the
 * query cache is filled from the page first, and the loaders count as done. Not made on the server.
 */
const router =
  typeof window === 'undefined'
    ? null
    : createBrowserRouter(
        appRoutes,
        adoptServerState(queryClient) ? { hydrationData: { loaderData: { portal: null, staff: null, queue: null } } } : undefined,
      );

export function AppRoot() {
  if (!router) throw new Error('AppRoot renders in the browser; the server renders with entry-server.tsx');
  // Marks the page as running: a server-rendered page shows before its scripts start (e2e tests wait for this).
  useEffect(() => {
    document.documentElement.dataset.appReady = 'true';
  }, []);
  return (
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  );
}
