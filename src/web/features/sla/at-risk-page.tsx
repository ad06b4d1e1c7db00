import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Segmented, Space, Table, type TableColumnsType, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { AtRiskItem } from '../../api/types.ts';
import { KnownCount, ListEmpty } from '../../components/list-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useTimeZone } from '../../components/session.tsx';
import { SeverityTag, useVocab } from '../../components/vocab.tsx';
import { escalationLevelName, type SlaTone } from '../../lib/sla.ts';
import { formatDateTime, formatShortDateTime } from '../../lib/time.ts';
import { useAtRisk } from './api.ts';
import { readTargets, targetStatusText } from './sla-badge.tsx';
import { useSlaClock } from './use-sla-clock.ts';

type Filter = 'all' | 'breached' | 'dueSoon';
type Row = AtRiskItem & { leftMs: number; tone: SlaTone };

/** One row per request: the server lists open targets soonest-due first, so the first seen per request is its most urgent. */
function firstPerTicket(items: readonly AtRiskItem[]): AtRiskItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    if (seen.has(item.ticket.id)) return false;
    seen.add(item.ticket.id);
    return true;
  });
}

/** Breach risk (超时预警): the open commitments closest to their due time, breached first; refreshed live. */
export function AtRiskPage() {
  const { t } = useTranslation();
  const { label } = useVocab();
  const timeZone = useTimeZone();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<Filter>('all');
  const atRisk = useAtRisk(200);
  const { now, calendars } = useSlaClock();

  const rows: Row[] = useMemo(() => {
    const items = firstPerTicket(atRisk.data ?? []);
    const readings = readTargets(
      items.map((item) => item.target),
      atRisk.dataUpdatedAt,
      now,
      calendars,
    );
    return items
      .map((item, index) => ({ ...item, leftMs: readings[index].leftMs, tone: readings[index].tone }))
      .sort((a, b) => a.leftMs - b.leftMs);
  }, [atRisk.data, atRisk.dataUpdatedAt, now, calendars]);

  const counts = {
    all: rows.length,
    breached: rows.filter((row) => row.tone === 'breached').length,
    dueSoon: rows.filter((row) => row.tone === 'warn').length,
  };
  const shown = rows.filter((row) => filter === 'all' || (filter === 'breached' ? row.tone === 'breached' : row.tone === 'warn'));

  const columns: TableColumnsType<Row> = [
    {
      key: 'left',
      title: t('atRisk.left'),
      width: 156,
      render: (_value, row) => (
        <span className={`sla-badge sla-badge-${row.tone}`} data-testid={`at-risk-left-${row.ticket.number}`}>
          {targetStatusText(row.leftMs, row.tone, t)}
        </span>
      ),
    },
    {
      key: 'metric',
      title: t('atRisk.metric'),
      width: 96,
      render: (_value, row) => label('slaMetric', row.target.metric),
    },
    {
      key: 'number',
      title: t('ticket.number'),
      width: 132,
      render: (_value, row) => (
        <Link to={`/tickets/${row.ticket.id}`} className="ticket-number" onClick={(event) => event.stopPropagation()}>
          {row.ticket.number}
        </Link>
      ),
    },
    {
      key: 'severity',
      title: t('ticket.severity'),
      width: 88,
      render: (_value, row) => <SeverityTag severity={row.ticket.severity} />,
    },
    {
      key: 'title',
      title: t('ticket.title'),
      ellipsis: true,
      render: (_value, row) => <span title={row.ticket.title}>{row.ticket.title}</span>,
    },
    {
      key: 'customer',
      title: t('ticket.customer'),
      width: 170,
      ellipsis: true,
      render: (_value, row) => row.ticket.customerName,
    },
    {
      key: 'assignee',
      title: t('ticket.assignee'),
      width: 120,
      ellipsis: true,
      render: (_value, row) =>
        row.ticket.assignee ? row.ticket.assignee.name : <Typography.Text type="secondary">{t('ticket.unassigned')}</Typography.Text>,
    },
    {
      key: 'due',
      title: t('atRisk.due'),
      width: 104,
      render: (_value, row) =>
        row.target.dueAt ? (
          <Tooltip title={formatDateTime(row.target.dueAt, timeZone)}>
            <span className="tabular">{formatShortDateTime(row.target.dueAt, timeZone)}</span>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ),
    },
    {
      key: 'escalation',
      title: t('atRisk.escalation'),
      width: 112,
      ellipsis: true,
      render: (_value, row) => label('escalationLevel', escalationLevelName(row.ticket.escalationLevel)),
    },
  ];

  return (
    <div className="page" data-testid="at-risk-page">
      <PageHeader
        title={t('atRisk.title')}
        subtitle={t('atRisk.subtitle')}
        testId="at-risk-title"
        extra={
          <Space>
            <Typography.Text type="secondary" className="small-text">
              {t('atRisk.refreshed')}
            </Typography.Text>
            <Button
              icon={<ReloadOutlined aria-hidden spin={atRisk.isFetching} />}
              onClick={() => void atRisk.refetch()}
              aria-label={t('common.refresh')}
            />
          </Space>
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <div className="at-risk-toolbar">
          <Segmented<Filter>
            value={filter}
            onChange={setFilter}
            options={(['all', 'breached', 'dueSoon'] as const).map((value) => ({
              value,
              label: (
                <span data-testid={`at-risk-filter-${value}`}>
                  {t(`atRisk.filters.${value}`)}
                  <span className="at-risk-count">
                    <KnownCount value={atRisk.data ? counts[value] : undefined}>{(n) => n}</KnownCount>
                  </span>
                </span>
              ),
            }))}
          />
        </div>
        <Table<Row>
          data-testid="at-risk-table"
          rowKey={(row) => `${row.ticket.id}-${row.target.metric}`}
          columns={columns}
          dataSource={shown}
          loading={atRisk.isFetching && !atRisk.isPending && !atRisk.data}
          pagination={false}
          tableLayout="fixed"
          scroll={{ x: 1140 }}
          rowClassName={(row) => `clickable-row severity-row-${row.ticket.severity}`}
          onRow={(row) => ({
            onClick: () => navigate(`/tickets/${row.ticket.id}`),
            'data-testid': `at-risk-row-${row.ticket.number}`,
          })}
          locale={{ emptyText: <ListEmpty query={atRisk} description={t('atRisk.empty')} /> }}
        />
      </Card>
    </div>
  );
}
