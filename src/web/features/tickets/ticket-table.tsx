import { Button, Empty, Table, type TableColumnsType, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { Ticket, TicketFilters } from '../../api/types.ts';
import { DateTime } from '../../components/date-time.tsx';
import { FirstResponse } from '../../components/first-response.tsx';
import { SeverityTag, StatusTag, useVocab } from '../../components/vocab.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTicketList } from './api.ts';

export type TicketColumn =
  | 'number'
  | 'severity'
  | 'title'
  | 'customer'
  | 'status'
  | 'assignee'
  | 'team'
  | 'createdAt'
  | 'updatedAt'
  | 'firstResponse';

const DEFAULT_COLUMNS: TicketColumn[] = [
  'number',
  'severity',
  'title',
  'customer',
  'status',
  'assignee',
  'team',
  'createdAt',
  'firstResponse',
];

type Props = {
  filters: TicketFilters;
  /** Columns in order; the queue shows all, a customer's page drops the customer, the portal drops staff fields. */
  columns?: TicketColumn[];
  /** Where a row leads: the staff tracking card or the portal's view of it. */
  hrefFor: (ticket: Ticket) => string;
  emptyText?: string;
  testId?: string;
  size?: 'small' | 'middle';
};

/** The one list of service requests, used by the agent queue, a customer's page and the customer portal. */
export function TicketTable({ filters, columns = DEFAULT_COLUMNS, hrefFor, emptyText, testId = 'ticket-table', size = 'middle' }: Props) {
  const { t } = useTranslation();
  const { label } = useVocab();
  const navigate = useNavigate();
  const list = useTicketList(filters);
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];

  const all: Record<TicketColumn, TableColumnsType<Ticket>[number]> = {
    number: {
      key: 'number',
      title: t('ticket.number'),
      dataIndex: 'number',
      width: 150,
      render: (_value, ticket) => (
        <Link to={hrefFor(ticket)} className="ticket-number" onClick={(event) => event.stopPropagation()}>
          {ticket.number}
        </Link>
      ),
    },
    severity: {
      key: 'severity',
      title: t('ticket.severity'),
      dataIndex: 'severity',
      width: 96,
      render: (_value, ticket) => <SeverityTag severity={ticket.severity} />,
    },
    title: {
      key: 'title',
      title: t('ticket.title'),
      dataIndex: 'title',
      ellipsis: true,
      render: (_value, ticket) => (
        <span className="ticket-title-cell">
          {ticket.module && <span className="module-chip">{ticket.module}</span>}
          <span title={ticket.title}>{ticket.title}</span>
        </span>
      ),
    },
    customer: {
      key: 'customer',
      title: t('ticket.customer'),
      dataIndex: 'customerName',
      width: 200,
      ellipsis: true,
    },
    status: {
      key: 'status',
      title: t('ticket.status'),
      dataIndex: 'status',
      width: 116,
      render: (_value, ticket) => <StatusTag status={ticket.status} />,
    },
    assignee: {
      key: 'assignee',
      title: t('ticket.assignee'),
      width: 110,
      ellipsis: true,
      render: (_value, ticket) =>
        ticket.assignee ? ticket.assignee.name : <Typography.Text type="secondary">{t('ticket.unassigned')}</Typography.Text>,
    },
    team: {
      key: 'team',
      title: t('ticket.team'),
      width: 130,
      ellipsis: true,
      render: (_value, ticket) =>
        ticket.team ? label('team', ticket.team) : <Typography.Text type="secondary">{t('common.none')}</Typography.Text>,
    },
    createdAt: {
      key: 'createdAt',
      title: t('ticket.createdAt'),
      width: 150,
      render: (_value, ticket) => <DateTime value={ticket.createdAt} />,
    },
    updatedAt: {
      key: 'updatedAt',
      title: t('ticket.updatedAt'),
      width: 150,
      render: (_value, ticket) => <DateTime value={ticket.updatedAt} relative />,
    },
    firstResponse: {
      key: 'firstResponse',
      title: t('ticket.firstResponse'),
      width: 150,
      render: (_value, ticket) => (
        <FirstResponse
          severity={ticket.severity}
          status={ticket.status}
          createdAt={ticket.createdAt}
          firstRespondedAt={ticket.firstRespondedAt}
        />
      ),
    },
  };

  const lastPage = list.data?.pages.at(-1);
  return (
    <div className="ticket-table">
      <Table<Ticket>
        data-testid={testId}
        rowKey="id"
        size={size}
        columns={columns.map((column) => all[column])}
        dataSource={rows}
        loading={list.isPending || (list.isFetching && !list.isFetchingNextPage && list.isPlaceholderData)}
        pagination={false}
        scroll={{ x: 'max-content' }}
        tableLayout="fixed"
        rowClassName={(ticket) => `clickable-row severity-row-${ticket.severity}`}
        onRow={(ticket) => ({
          onClick: () => navigate(hrefFor(ticket)),
          'data-testid': `ticket-row-${ticket.number}`,
        })}
        locale={{
          emptyText: list.isError ? (
            <Empty description={errorMessage(list.error, t)} />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText ?? t('queue.empty')} />
          ),
        }}
      />
      {rows.length > 0 && (
        <div className="table-footer">
          <Typography.Text type="secondary">{t('common.shown', { count: rows.length })}</Typography.Text>
          {lastPage?.nextCursor && (
            <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="load-more">
              {t('common.loadMore')}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
