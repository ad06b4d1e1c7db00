import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Segmented } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { OPEN_STATUSES } from '../../../domain/vocabulary.ts';
import type { TicketFilters } from '../../api/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useSession } from '../../components/session.tsx';
import { useCustomer } from '../customers/api.ts';
import { PortalEmergencyBanner } from '../emergency/portal-emergency-banner.tsx';
import { PortalSurveysCard } from '../service-quality/portal-surveys-card.tsx';
import { TicketTable } from '../tickets/ticket-table.tsx';

type View = 'active' | 'resolved' | 'all';

/** "In progress" includes requests waiting for the hospital's confirmation: they still need it. */
const FILTERS: Record<View, TicketFilters> = {
  active: { status: [...OPEN_STATUSES, 'resolved'] },
  resolved: { status: ['resolved'] },
  all: {},
};

/** A hospital user's home: its organisation's requests (the server limits the list to them). */
export function PortalHomePage() {
  const { t } = useTranslation();
  const user = useSession();
  const organisation = useCustomer(user.customerId ?? undefined);
  const [view, setView] = useState<View>('active');
  return (
    <div className="page">
      <PageHeader
        title={t('portal.title')}
        subtitle={organisation.data ? t('portal.subtitle', { organization: organisation.data.name }) : undefined}
        extra={
          <Link to="/portal/new">
            <Button type="primary" icon={<PlusOutlined aria-hidden />} data-testid="portal-new-request">
              {t('portal.newRequest')}
            </Button>
          </Link>
        }
      />
      <PortalEmergencyBanner hospital={organisation.data?.name ?? ''} />
      <PortalSurveysCard customerId={user.customerId} />
      <Card styles={{ body: { padding: 0 } }}>
        <div className="filter-bar">
          <Segmented<View>
            value={view}
            onChange={setView}
            options={[
              { value: 'active', label: t('portal.views.active') },
              { value: 'resolved', label: t('portal.views.resolved') },
              { value: 'all', label: t('queue.views.all') },
            ]}
            data-testid="portal-view"
          />
        </div>
        <TicketTable
          filters={{ ...FILTERS[view], sort: 'updated_desc' }}
          columns={['number', 'severity', 'title', 'status', 'assignee', 'createdAt', 'updatedAt']}
          hrefFor={(ticket) => `/portal/requests/${ticket.id}`}
          testId="portal-ticket-table"
        />
      </Card>
    </div>
  );
}
