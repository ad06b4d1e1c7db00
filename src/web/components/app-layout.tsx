import {
  AlertOutlined,
  ApiOutlined,
  AppstoreOutlined,
  BankOutlined,
  CalendarOutlined,
  CarOutlined,
  CrownOutlined,
  CustomerServiceOutlined,
  DownOutlined,
  FieldTimeOutlined,
  FileAddOutlined,
  FileProtectOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  MenuUnfoldOutlined,
  PhoneOutlined,
  RiseOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  SmileOutlined,
  TeamOutlined,
  ToolOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { App, Avatar, Button, Drawer, Dropdown, Grid, Layout, Menu, type MenuProps, Space, Spin, Typography } from 'antd';
import { type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { isStaff } from '../../domain/policy.ts';
import { type LiveTicketMessage, useLiveUpdates } from '../api/live.ts';
import { useLogout } from '../features/auth/api.ts';
import { NotificationBell } from '../features/notifications/notification-bell.tsx';
import { SearchBox } from '../features/search/search-box.tsx';
import { BrandMark } from './brand.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { LiveIndicator } from './live-indicator.tsx';
import { useCan, useSession } from './session.tsx';
import { useVocab } from './vocab.tsx';

type NavItem = { key: string; path: string; icon: ReactNode; label: string };

function useNavItems(variant: 'staff' | 'portal'): NavItem[] {
  const { t } = useTranslation();
  const can = useCan();
  if (variant === 'portal') {
    return [
      { key: 'requests', path: '/portal', icon: <UnorderedListOutlined aria-hidden />, label: t('nav.myRequests') },
      { key: 'new', path: '/portal/new', icon: <FileAddOutlined aria-hidden />, label: t('nav.newRequest') },
      { key: 'maintenance', path: '/portal/maintenance', icon: <ToolOutlined aria-hidden />, label: t('nav.maintenance') },
      { key: 'settings', path: '/portal/settings', icon: <SettingOutlined aria-hidden />, label: t('nav.settings') },
    ];
  }
  const items: NavItem[] = [
    { key: 'queue', path: '/queue', icon: <AppstoreOutlined aria-hidden />, label: t('nav.queue') },
    { key: 'atRisk', path: '/sla/at-risk', icon: <FieldTimeOutlined aria-hidden />, label: t('nav.atRisk') },
    { key: 'intake', path: '/intake', icon: <PhoneOutlined aria-hidden />, label: t('nav.intake') },
    { key: 'customers', path: '/customers', icon: <BankOutlined aria-hidden />, label: t('nav.customers') },
    { key: 'contracts', path: '/contracts', icon: <FileProtectOutlined aria-hidden />, label: t('nav.contracts') },
  ];
  if (can('work_order.work')) items.push({ key: 'field', path: '/field', icon: <CarOutlined aria-hidden />, label: t('nav.field') });
  if (can('maintenance.work'))
    items.push({ key: 'maintenance', path: '/maintenance', icon: <ToolOutlined aria-hidden />, label: t('nav.maintenance') });
  if (can('work_order.dispatch')) {
    items.push({ key: 'dispatch', path: '/dispatch', icon: <ScheduleOutlined aria-hidden />, label: t('nav.dispatch') });
  }
  if (can('return_visit.read')) {
    items.push({
      key: 'returnVisits',
      path: '/return-visits',
      icon: <CustomerServiceOutlined aria-hidden />,
      label: t('serviceQuality.nav.calls'),
    });
  }
  if (can('survey.read_results')) {
    items.push({ key: 'surveys', path: '/surveys', icon: <SmileOutlined aria-hidden />, label: t('serviceQuality.nav.surveys') });
  }
  if (can('incident.read'))
    items.push({ key: 'emergency', path: '/incidents', icon: <AlertOutlined aria-hidden />, label: t('nav.emergency') });
  items.push({
    key: 'slaPolicies',
    path: '/settings/sla-policies',
    icon: <SafetyCertificateOutlined aria-hidden />,
    label: t('nav.slaPolicies'),
  });
  items.push({ key: 'calendars', path: '/settings/calendars', icon: <CalendarOutlined aria-hidden />, label: t('nav.calendars') });
  if (can('tier.manage')) {
    items.push({ key: 'serviceTiers', path: '/settings/service-tiers', icon: <CrownOutlined aria-hidden />, label: t('nav.serviceTiers') });
  }
  if (can('spare_part.read'))
    items.push({ key: 'spareParts', path: '/settings/spare-parts', icon: <ToolOutlined aria-hidden />, label: t('nav.spareParts') });
  if (can('user.update')) items.push({ key: 'users', path: '/users', icon: <TeamOutlined aria-hidden />, label: t('nav.users') });
  if (can('field_settings.manage')) {
    items.push({
      key: 'fieldChecklist',
      path: '/settings/field-checklist',
      icon: <CarOutlined aria-hidden />,
      label: t('nav.fieldChecklist'),
    });
  }
  if (can('maintenance.manage_checklists')) {
    items.push({
      key: 'maintenanceChecklists',
      path: '/settings/maintenance-checklists',
      icon: <FileProtectOutlined aria-hidden />,
      label: t('nav.maintenanceChecklists'),
    });
  }
  if (can('jobs.read')) items.push({ key: 'jobs', path: '/settings/jobs', icon: <ScheduleOutlined aria-hidden />, label: t('nav.jobs') });
  if (can('escalation_roster.manage')) {
    items.push({
      key: 'escalationRoster',
      path: '/settings/escalation-roster',
      icon: <RiseOutlined aria-hidden />,
      label: t('nav.escalationRoster'),
    });
  }
  items.push({ key: 'settings', path: '/settings', icon: <SettingOutlined aria-hidden />, label: t('nav.settings') });
  return items;
}

/** The nav entry a path belongs to: the longest matching prefix (tickets belong to the queue). */
function selectedKey(items: NavItem[], pathname: string): string | undefined {
  if (pathname.startsWith('/tickets/')) return 'queue';
  if (pathname.startsWith('/portal/requests/')) return 'requests';
  if (pathname === '/search' || pathname === '/portal/search') return undefined;
  const matches = items.filter((item) => pathname === item.path || pathname.startsWith(`${item.path}/`));
  return matches.sort((a, b) => b.path.length - a.path.length)[0]?.key;
}

function UserMenu({ settingsPath }: { settingsPath: string }) {
  const { t } = useTranslation();
  const { label } = useVocab();
  const user = useSession();
  const navigate = useNavigate();
  const logout = useLogout();
  const { message } = App.useApp();
  const items: MenuProps['items'] = [
    { key: 'who', disabled: true, label: <div className="user-menu-who">{user.email}</div> },
    { type: 'divider' },
    { key: 'settings', icon: <ApiOutlined aria-hidden />, label: t('nav.settings') },
    { key: 'logout', icon: <LogoutOutlined aria-hidden />, danger: true, label: <span data-testid="sign-out">{t('nav.signOut')}</span> },
  ];
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items,
        onClick: ({ key }) => {
          if (key === 'settings') navigate(settingsPath);
          if (key === 'logout') {
            logout.mutate(undefined, {
              onSettled: () => {
                message.success(t('auth.signedOut'));
                navigate('/login', { replace: true });
              },
            });
          }
        },
      }}
    >
      <button type="button" className="user-menu-trigger" data-testid="user-menu">
        <Avatar size={28} className="user-avatar">
          {user.name.slice(0, 1).toUpperCase()}
        </Avatar>
        <span className="user-menu-text">
          <span className="user-menu-name">{user.name}</span>
          <span className="user-menu-role">{label('role', user.role)}</span>
        </span>
        <DownOutlined aria-hidden className="user-menu-caret" />
      </button>
    </Dropdown>
  );
}

/** True below antd's `md` breakpoint (768 px): phones get a drawer, stacked cards and lists instead of tables. */
/** While a page's code loads (pages are loaded when first opened, see app.tsx), the shell stays and the page area spins. */
function PageSuspense({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <div className="page-loading" data-testid="page-loading">
          <Spin size="large" />
        </div>
      }
    >
      {children}
    </Suspense>
  );
}

export function useIsPhone(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.md === false;
}

/** The navigation drawer of narrow screens: the same entries as the sider or the portal's top menu. */
function NavDrawer({
  open,
  onClose,
  items,
  selected,
  subtitle,
}: {
  open: boolean;
  onClose: () => void;
  items: MenuProps['items'];
  selected: string | undefined;
  subtitle: string;
}) {
  const { t } = useTranslation();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      placement="left"
      size={264}
      closable={false}
      className="nav-drawer"
      styles={{ body: { padding: 0 } }}
      title={
        <span className="nav-drawer-brand">
          <BrandMark />
          <span className="brand-text">
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-sub">{subtitle}</span>
          </span>
        </span>
      }
      data-testid="nav-drawer"
    >
      <Menu
        theme="dark"
        mode="inline"
        tooltip={false}
        selectedKeys={selected ? [selected] : []}
        items={items}
        onClick={onClose}
        className="sider-menu"
      />
    </Drawer>
  );
}

/** The signed-in shell: a sider for staff, a top bar for hospital users (the portal); a drawer on phones for both. */
export function AppLayout({ variant }: { variant: 'staff' | 'portal' }) {
  const { t } = useTranslation();
  const user = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const { notification } = App.useApp();
  const [collapsed, setCollapsed] = useState(false);
  // The drawer is open on the page it was opened from, so every navigation (from the drawer, a link,
  // the back button) closes it without an effect.
  const [drawerOpenOn, setDrawerOpenOn] = useState<string | null>(null);
  const drawerOpen = drawerOpenOn === location.pathname;
  const isPhone = useIsPhone();
  const items = useNavItems(variant);

  const onLiveMessage = (message: LiveTicketMessage) => {
    // Not while taking a call, nor for the request on screen (typically the one this agent just created).
    const isBusyWithIt = location.pathname === '/intake' || location.pathname.endsWith(message.ticketId);
    if (message.type !== 'ticket.created' || !isStaff(user) || isBusyWithIt) return;
    notification.info({
      key: message.ticketId,
      title: t('live.newTicket', { number: message.number }),
      placement: 'bottomRight',
      duration: 6,
      actions: (
        <Button
          size="small"
          type="primary"
          onClick={() => {
            notification.destroy(message.ticketId);
            navigate(`/tickets/${message.ticketId}`);
          }}
        >
          {t('live.view')}
        </Button>
      ),
    });
  };
  const liveStatus = useLiveUpdates(onLiveMessage);

  const menuItems: MenuProps['items'] = items.map((item) => ({
    key: item.key,
    icon: item.icon,
    label: (
      <Link to={item.path} data-testid={`nav-${item.key}`}>
        {item.label}
      </Link>
    ),
  }));
  const selected = selectedKey(items, location.pathname);
  const settingsPath = variant === 'portal' ? '/portal/settings' : '/settings';

  const headerRight = (
    <Space size={4} className="header-right">
      <SearchBox audience={variant} />
      {!isPhone && <LiveIndicator status={liveStatus} />}
      {isStaff(user) && <NotificationBell />}
      <LanguageSwitch signedIn compact={isPhone} />
      <UserMenu settingsPath={settingsPath} />
    </Space>
  );
  const menuButton = (
    <Button
      type="text"
      icon={<MenuOutlined />}
      onClick={() => setDrawerOpenOn(location.pathname)}
      aria-label={t('nav.toggleMenu')}
      aria-expanded={drawerOpen}
      className="nav-drawer-button"
      data-testid="nav-open"
    />
  );
  const drawer = isPhone && (
    <NavDrawer
      open={drawerOpen}
      onClose={() => setDrawerOpenOn(null)}
      items={menuItems}
      selected={selected}
      subtitle={variant === 'portal' ? t('app.portalName') : t('app.altName')}
    />
  );

  if (variant === 'portal') {
    return (
      <Layout className={`app-shell portal-shell${isPhone ? ' is-phone' : ''}`}>
        <Layout.Header className="portal-header">
          {isPhone && menuButton}
          <Link to="/portal" className="portal-brand">
            <BrandMark />
            {!isPhone && (
              <span className="brand-text">
                <span className="brand-name">{t('app.name')}</span>
                <span className="brand-sub">{t('app.portalName')}</span>
              </span>
            )}
          </Link>
          {isPhone ? (
            <span className="header-spacer" />
          ) : (
            <Menu mode="horizontal" tooltip={false} selectedKeys={selected ? [selected] : []} items={menuItems} className="portal-menu" />
          )}
          {headerRight}
        </Layout.Header>
        {drawer}
        <Layout.Content className="portal-content">
          <PageSuspense>
            <Outlet />
          </PageSuspense>
        </Layout.Content>
      </Layout>
    );
  }

  return (
    <Layout className={`app-shell${isPhone ? ' is-phone' : ''}`}>
      {!isPhone && (
        <Layout.Sider width={216} collapsedWidth={64} collapsed={collapsed} className="app-sider" theme="dark" trigger={null}>
          <Link to="/queue" className="sider-brand">
            <BrandMark />
            {!collapsed && (
              <span className="brand-text">
                <span className="brand-name">{t('app.name')}</span>
                <span className="brand-sub">{t('app.altName')}</span>
              </span>
            )}
          </Link>
          {/* Labels as tooltips only when collapsed to icons: an expanded menu mounted one unused popup per entry. */}
          <Menu
            theme="dark"
            mode="inline"
            tooltip={collapsed ? undefined : false}
            selectedKeys={selected ? [selected] : []}
            items={menuItems}
            className="sider-menu"
          />
        </Layout.Sider>
      )}
      {drawer}
      <Layout className="app-main">
        <Layout.Header className="app-header">
          {isPhone ? (
            menuButton
          ) : (
            <Button
              type="text"
              icon={collapsed ? <MenuUnfoldOutlined aria-hidden /> : <MenuFoldOutlined aria-hidden />}
              onClick={() => setCollapsed((value) => !value)}
              aria-label={t('nav.toggleMenu')}
            />
          )}
          {isPhone ? (
            <span className="header-spacer" />
          ) : (
            <Typography.Text type="secondary" className="header-tagline">
              {t('app.tagline')}
            </Typography.Text>
          )}
          {headerRight}
        </Layout.Header>
        <Layout.Content className="app-content">
          <PageSuspense>
            <Outlet />
          </PageSuspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
