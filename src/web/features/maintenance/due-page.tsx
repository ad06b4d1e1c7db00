import { Segmented, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/page-header.tsx';
import { type Round, useDueRounds } from './api.ts';
import { RoundStatusTag } from './maintenance-tab.tsx';

/** The service centre's list: routine rounds due in the next 30 days (overdue first), or only the overdue ones. */
export function MaintenanceDuePage() {
  const { t } = useTranslation();
  const [due, setDue] = useState<'due' | 'overdue'>('due');
  const rounds = useDueRounds({ due });
  return (
    <div data-testid="maintenance-due-page">
      <PageHeader
        title={t('maintenance.title')}
        subtitle={t('maintenance.dueSubtitle')}
        extra={
          <Segmented
            value={due}
            onChange={(v) => setDue(v as 'due' | 'overdue')}
            options={[
              { value: 'due', label: t('maintenance.due') },
              { value: 'overdue', label: t('maintenance.statuses.overdue') },
            ]}
          />
        }
      />
      <Table<Round>
        rowKey="id"
        size="small"
        loading={rounds.isPending}
        dataSource={rounds.data ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('maintenance.none') }}
        columns={[
          {
            key: 'customer',
            title: t('maintenance.customer'),
            render: (_v, r) => <Link to={`/maintenance-rounds/${r.id}`}>{r.customerName}</Link>,
          },
          { key: 'window', title: t('maintenance.window'), render: (_v, r) => `${r.windowStart} – ${r.windowEnd}` },
          { key: 'planned', title: t('maintenance.plannedDate'), render: (_v, r) => r.plannedDate ?? t('common.none') },
          {
            key: 'status',
            title: t('maintenance.status'),
            render: (_v, r) => <RoundStatusTag round={r} />,
          },
          { key: 'assignee', title: t('maintenance.assignee'), render: (_v, r) => r.assignee?.name ?? t('common.none') },
        ]}
      />
    </div>
  );
}
