import { Card, Segmented, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { DateTime } from '../../components/date-time.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { type IncidentSummary, type PlanSummary, useIncidents, usePlans } from './api.ts';
import { IncidentStatusTag } from './incident-labels.tsx';
import './emergency.css';

/** Major incidents (open first) and the plans' dashboard: last and next drill, open incidents. */
export function IncidentsPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState('incidents');
  return (
    <div className="page">
      <PageHeader title={t('emergency.title')} subtitle={t('emergency.subtitle')} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'incidents', label: t('emergency.tabIncidents'), children: <IncidentList /> },
          { key: 'plans', label: t('emergency.tabPlans'), children: <PlanDashboard /> },
        ]}
      />
    </div>
  );
}

function IncidentList() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const incidents = useIncidents({ status });
  return (
    <Card styles={{ body: { padding: 0 } }}>
      <div className="filter-bar">
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as 'open' | 'all')}
          options={[
            { value: 'open', label: t('emergency.filterOpen') },
            { value: 'all', label: t('emergency.filterAll') },
          ]}
        />
      </div>
      <Table<IncidentSummary>
        rowKey="id"
        data-testid="incident-table"
        loading={incidents.isPending}
        dataSource={incidents.data?.items ?? []}
        locale={{ emptyText: t('emergency.empty') }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            key: 'hospital',
            title: t('emergency.hospital'),
            render: (_v, i) => (
              <Link to={`/incidents/${i.id}`} data-testid="incident-link">
                {i.customerName}
              </Link>
            ),
          },
          { key: 'status', title: t('emergency.status'), render: (_v, i) => <IncidentStatusTag status={i.status} isDrill={i.isDrill} /> },
          { key: 'trigger', title: t('emergency.trigger'), render: (_v, i) => t('emergency.triggerN', { n: i.trigger }) },
          { key: 'request', title: t('emergency.request'), render: (_v, i) => <Link to={`/tickets/${i.ticketId}`}>{i.ticketNumber}</Link> },
          { key: 'failed', title: t('emergency.failedAt'), render: (_v, i) => <DateTime value={i.failedAt} short /> },
          {
            key: 'paper',
            title: t('emergency.onPaper'),
            render: (_v, i) =>
              i.departmentsOnPaper.length ? (
                <Tag color="red">{t('emergency.onPaperCount', { count: i.departmentsOnPaper.length })}</Tag>
              ) : null,
          },
          {
            key: 'reentry',
            title: t('emergency.reentry'),
            render: (_v, i) =>
              i.reentry.total ? t('emergency.reentryProgress', { done: i.reentry.finished, total: i.reentry.total }) : null,
          },
        ]}
      />
    </Card>
  );
}

function PlanDashboard() {
  const { t } = useTranslation();
  const plans = usePlans();
  return (
    <Card styles={{ body: { padding: 0 } }}>
      <Table<PlanSummary>
        rowKey="id"
        data-testid="plan-table"
        loading={plans.isPending}
        dataSource={plans.data?.items ?? []}
        locale={{ emptyText: t('emergency.noPlans') }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            key: 'hospital',
            title: t('emergency.hospital'),
            render: (_v, p) => <Link to={`/customers/${p.customerId}/emergency-plan`}>{p.customerName}</Link>,
          },
          { key: 'version', title: t('emergency.plan'), render: (_v, p) => t('emergency.version', { version: p.version }) },
          {
            key: 'last',
            title: t('emergency.lastDrill'),
            render: (_v, p) => (p.lastDrillAt ? <DateTime value={p.lastDrillAt} short /> : t('common.none')),
          },
          {
            key: 'next',
            title: t('emergency.nextDrill'),
            render: (_v, p) => (
              <span className={p.drillOverdue ? 'drill-overdue' : undefined}>
                <DateTime value={p.nextDrillDue} short />
                {p.drillOverdue ? ` · ${t('emergency.drillOverdue')}` : ''}
              </span>
            ),
          },
          {
            key: 'training',
            title: t('emergency.lastTraining'),
            render: (_v, p) => (
              <span className={p.isTrainingDue ? 'drill-overdue' : undefined} data-testid="plan-training">
                {p.lastTrainingOn ?? t('common.none')}
                {p.isTrainingDue ? ` · ${t('emergency.trainingDue')}` : ''}
              </span>
            ),
          },
          { key: 'open', title: t('emergency.openIncidents'), dataIndex: 'openIncidents' },
          { key: 'actions', title: t('emergency.openActions'), dataIndex: 'openActions' },
        ]}
      />
    </Card>
  );
}
