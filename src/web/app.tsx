import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation } from 'react-router-dom';
import { type Action, isStaff } from '../domain/policy.ts';
import { AppLayout } from './components/app-layout.tsx';
import { useLanguageSync } from './components/language-switch.tsx';
import { Providers } from './components/providers.tsx';
import { SessionProvider, useCan, useSession } from './components/session.tsx';
import { useMe } from './features/auth/api.ts';
import { LoginPage } from './features/auth/login-page.tsx';
import { CalendarsPage } from './features/calendars/calendars-page.tsx';
import { ContractsPage } from './features/contracts/contracts-page.tsx';
import { TiersPage } from './features/contracts/tiers-page.tsx';
import { CustomerDetailPage } from './features/customers/customer-detail-page.tsx';
import { CustomersPage } from './features/customers/customers-page.tsx';
import { DispatchPage } from './features/dispatch/dispatch-page.tsx';
import { IncidentPage } from './features/emergency/incident-page.tsx';
import { IncidentsPage } from './features/emergency/incidents-page.tsx';
import { PlanPage } from './features/emergency/plan-page.tsx';
import { RosterPage } from './features/escalations/roster-page.tsx';
import { ImportPage } from './features/imports/import-page.tsx';
import { IntakePage } from './features/intake/intake-page.tsx';
import { JobsPage } from './features/jobs/jobs-page.tsx';
import { PortalHomePage } from './features/portal/portal-home-page.tsx';
import { PortalNewRequestPage } from './features/portal/portal-new-request-page.tsx';
import { PortalTicketPage } from './features/portal/portal-ticket-page.tsx';
import { SearchResultsPage } from './features/search/search-results-page.tsx';
import { CallListPage } from './features/service-quality/call-list-page.tsx';
import { PublicSurveyPage } from './features/service-quality/public-survey-page.tsx';
import { SurveyResultsPage } from './features/service-quality/survey-results-page.tsx';
import { SettingsPage } from './features/settings/settings-page.tsx';
import { AtRiskPage } from './features/sla/at-risk-page.tsx';
import { PoliciesPage } from './features/sla/policies-page.tsx';
import { QueuePage } from './features/tickets/queue-page.tsx';
import { TicketDetailPage } from './features/tickets/ticket-detail-page.tsx';
import { UsersPage } from './features/users/users-page.tsx';
import { ChecklistSettingsPage } from './features/work-orders/checklist-settings-page.tsx';
import { FieldPage } from './features/work-orders/field-page.tsx';

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
  /** The satisfaction survey by signed link: no login. */
  { path: '/survey/:token', element: <PublicSurveyPage /> },
  {
    path: '/portal',
    element: <RequireAuth audience="customer" />,
    children: [
      {
        element: <AppLayout variant="portal" />,
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
  {
    path: '/',
    element: <RequireAuth audience="staff" />,
    children: [
      {
        element: <AppLayout variant="staff" />,
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
          { path: 'customers/:id/emergency-plan', element: <PlanPage /> },
          { path: 'contracts', element: <ContractsPage /> },
          { path: 'field', element: <FieldPage /> },
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
          { element: <Allowed action="jobs.read" />, children: [{ path: 'settings/jobs', element: <JobsPage /> }] },
          {
            element: <Allowed action="escalation_roster.manage" />,
            children: [{ path: 'settings/escalation-roster', element: <RosterPage /> }],
          },
          { path: '*', element: <NotFoundPage /> },
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
