import { Button, Result, Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation } from 'react-router-dom';
import { type Action, isStaff } from '../domain/policy.ts';
import { AppLayout } from './components/app-layout.tsx';
import { useLanguageSync } from './components/language-switch.tsx';
import { Providers } from './components/providers.tsx';
import { SessionProvider, useCan, useSession } from './components/session.tsx';
import { useMe } from './features/auth/api.ts';
import { LoginPage } from './features/auth/login-page.tsx';

// One chunk per page: the first screen loads only the shell and its own page.
const CalendarsPage = lazy(() => import('./features/calendars/calendars-page.tsx').then((m) => ({ default: m.CalendarsPage })));
const ContractsPage = lazy(() => import('./features/contracts/contracts-page.tsx').then((m) => ({ default: m.ContractsPage })));
const TiersPage = lazy(() => import('./features/contracts/tiers-page.tsx').then((m) => ({ default: m.TiersPage })));
const CustomerDetailPage = lazy(() =>
  import('./features/customers/customer-detail-page.tsx').then((m) => ({ default: m.CustomerDetailPage })),
);
const CustomersPage = lazy(() => import('./features/customers/customers-page.tsx').then((m) => ({ default: m.CustomersPage })));
const ImportPage = lazy(() => import('./features/imports/import-page.tsx').then((m) => ({ default: m.ImportPage })));
const IntakePage = lazy(() => import('./features/intake/intake-page.tsx').then((m) => ({ default: m.IntakePage })));
const PortalHomePage = lazy(() => import('./features/portal/portal-home-page.tsx').then((m) => ({ default: m.PortalHomePage })));
const PortalNewRequestPage = lazy(() =>
  import('./features/portal/portal-new-request-page.tsx').then((m) => ({ default: m.PortalNewRequestPage })),
);
const PortalTicketPage = lazy(() => import('./features/portal/portal-ticket-page.tsx').then((m) => ({ default: m.PortalTicketPage })));
const SearchResultsPage = lazy(() => import('./features/search/search-results-page.tsx').then((m) => ({ default: m.SearchResultsPage })));
const SettingsPage = lazy(() => import('./features/settings/settings-page.tsx').then((m) => ({ default: m.SettingsPage })));
const AtRiskPage = lazy(() => import('./features/sla/at-risk-page.tsx').then((m) => ({ default: m.AtRiskPage })));
const PoliciesPage = lazy(() => import('./features/sla/policies-page.tsx').then((m) => ({ default: m.PoliciesPage })));
const QueuePage = lazy(() => import('./features/tickets/queue-page.tsx').then((m) => ({ default: m.QueuePage })));
const TicketDetailPage = lazy(() => import('./features/tickets/ticket-detail-page.tsx').then((m) => ({ default: m.TicketDetailPage })));
const UsersPage = lazy(() => import('./features/users/users-page.tsx').then((m) => ({ default: m.UsersPage })));
const JobsPage = lazy(() => import('./features/jobs/jobs-page.tsx').then((m) => ({ default: m.JobsPage })));

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

/** While a page's chunk loads: a spinner in the content area, the shell stays. */
function PageSuspense() {
  return (
    <Suspense
      fallback={
        <div className="page-loading" data-testid="page-loading">
          <Spin />
        </div>
      }
    >
      <Outlet />
    </Suspense>
  );
}

/** Signed-in area for one audience; the other audience is sent to its own home. */
function RequireAuth({ audience }: { audience: 'staff' | 'customer' }) {
  const me = useMe();
  const location = useLocation();
  const { t } = useTranslation();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    return (
      <Result
        status="warning"
        title={t('errors.loadFailed')}
        subTitle={t('errors.network')}
        extra={<Button onClick={() => void me.refetch()}>{t('common.refresh')}</Button>}
      />
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

function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('errors.notFoundTitle')}
      subTitle={t('errors.notFoundBody')}
      extra={
        <Button type="primary" href="/">
          {t('errors.goHome')}
        </Button>
      }
    />
  );
}

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/portal',
    element: <RequireAuth audience="customer" />,
    children: [
      {
        element: <AppLayout variant="portal" />,
        children: [
          {
            element: <PageSuspense />,
            children: [
              { index: true, element: <PortalHomePage /> },
              { path: 'new', element: <PortalNewRequestPage /> },
              { path: 'requests/:id', element: <PortalTicketPage /> },
              { path: 'search', element: <SearchResultsPage audience="portal" /> },
              { path: 'settings', element: <SettingsPage /> },
            ],
          },
        ],
      },
    ],
  },
  {
    path: '/',
    element: <RequireAuth audience="staff" />,
    children: [
      {
        element: <AppLayout variant="staff" />,
        children: [
          {
            element: <PageSuspense />,
            children: [
              { index: true, element: <Navigate to="/queue" replace /> },
              { path: 'queue', element: <QueuePage /> },
              { path: 'sla/at-risk', element: <AtRiskPage /> },
              { path: 'tickets/:id', element: <TicketDetailPage /> },
              { path: 'search', element: <SearchResultsPage audience="staff" /> },
              { path: 'intake', element: <IntakePage /> },
              { path: 'customers', element: <CustomersPage /> },
              { path: 'customers/import', element: <ImportPage /> },
              { path: 'customers/:id', element: <CustomerDetailPage /> },
              { path: 'contracts', element: <ContractsPage /> },
              { path: 'settings', element: <SettingsPage /> },
              { path: 'settings/calendars', element: <CalendarsPage /> },
              { path: 'settings/sla-policies', element: <PoliciesPage /> },
              { element: <Allowed action="user.update" />, children: [{ path: 'users', element: <UsersPage /> }] },
              { element: <Allowed action="tier.manage" />, children: [{ path: 'settings/service-tiers', element: <TiersPage /> }] },
              { element: <Allowed action="jobs.read" />, children: [{ path: 'settings/jobs', element: <JobsPage /> }] },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]);

export function AppRoot() {
  return (
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  );
}
