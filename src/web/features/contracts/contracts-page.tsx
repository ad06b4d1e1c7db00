import { SettingOutlined } from '@ant-design/icons';
import { Button, Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../components/session.tsx';
import { formatFen } from '../../lib/money.ts';
import { type ServiceContract, useServiceContracts } from './api.ts';
import { tierName } from './contract-forms.tsx';
import { ContractStateTag, contractState, useToday, VisitsLeft } from './contract-status.tsx';
import { OwnerName } from './owner-name.tsx';
import './contracts.css';
import { ListEmpty } from '../../components/list-state.tsx';

const FILTERS = ['all', 'active', 'expiring7', 'expiring30', 'expiring60', 'expired'] as const;
type Filter = (typeof FILTERS)[number];
const EXPIRING_WITHIN: Partial<Record<Filter, number>> = { expiring7: 7, expiring30: 30, expiring60: 60 };

/** /contracts: every service contract with its customer, tier, dates, owner and visits left; expiring-soon filters. */
export function ContractsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const today = useToday();
  const [params, setParams] = useSearchParams();
  const filter = FILTERS.find((f) => f === params.get('filter')) ?? 'all';
  const within = EXPIRING_WITHIN[filter];
  // The server decides "expiring within N days" (in force today, not yet renewed); the rest is filtered here.
  const contracts = useServiceContracts(within === undefined ? {} : { expiringWithinDays: within });

  const rows = useMemo(() => {
    const items = contracts.data ?? [];
    const kept = items.filter((c) => {
      const state = contractState(c, today);
      if (filter === 'active') return state === 'active' || state === 'expiring';
      if (filter === 'expired') return state === 'expired';
      return true;
    });
    return kept.sort((a, b) => (a.endDate < b.endDate ? -1 : a.endDate > b.endDate ? 1 : a.customerName.localeCompare(b.customerName)));
  }, [contracts.data, filter, today]);

  return (
    <div className="page">
      <PageHeader
        title={t('contracts.title')}
        subtitle={t('contracts.subtitle')}
        extra={
          can('tier.manage') && (
            <Link to="/settings/service-tiers">
              <Button icon={<SettingOutlined aria-hidden />}>{t('contracts.tiersLink')}</Button>
            </Link>
          )
        }
      />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <div className="tab-toolbar contracts-toolbar">
          <Segmented<Filter>
            value={filter}
            onChange={(value) =>
              setParams(
                (prev) => {
                  const next = new URLSearchParams(prev);
                  if (value === 'all') next.delete('filter');
                  else next.set('filter', value);
                  return next;
                },
                { replace: true },
              )
            }
            options={FILTERS.map((value) => ({
              value,
              label: <span data-testid={`contracts-filter-${value}`}>{t(`contracts.filters.${value}`)}</span>,
            }))}
          />
          <Typography.Text type="secondary">{t('contracts.count', { count: rows.length })}</Typography.Text>
        </div>
        <Table<ServiceContract>
          rowKey="id"
          size="middle"
          dataSource={rows}
          data-testid="contracts-table"
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 'max-content' }}
          rowClassName={() => 'clickable-row'}
          onRow={(c) => ({ onClick: () => navigate(`/customers/${c.customerId}?tab=contracts`) })}
          locale={{ emptyText: <ListEmpty query={contracts} description={t('contracts.service.none')} /> }}
          columns={[
            {
              key: 'customer',
              title: t('contracts.service.customer'),
              render: (_v, c) => (
                <Link to={`/customers/${c.customerId}?tab=contracts`} className="strong-link" onClick={(event) => event.stopPropagation()}>
                  {c.customerName}
                </Link>
              ),
            },
            {
              key: 'tier',
              title: t('contracts.service.tier'),
              render: (_v, c) => (
                <Space size={4}>
                  <Tag color="blue">{tierName(c.tier)}</Tag>
                  <Typography.Text type="secondary" className="small-text">
                    {c.tier.serviceWindow === '7x24' ? '7×24' : '5×8'}
                  </Typography.Text>
                </Space>
              ),
            },
            { key: 'start', title: t('contracts.service.start'), render: (_v, c) => <span className="tabular">{c.startDate}</span> },
            { key: 'end', title: t('contracts.service.end'), render: (_v, c) => <span className="tabular">{c.endDate}</span> },
            { key: 'state', title: t('contracts.service.state'), render: (_v, c) => <ContractStateTag contract={c} today={today} /> },
            {
              key: 'price',
              title: t('contracts.service.price'),
              align: 'right',
              render: (_v, c) => <span className="money">{formatFen(c.priceFen)}</span>,
            },
            { key: 'owner', title: t('contracts.service.owner'), render: (_v, c) => <OwnerName id={c.accountOwnerId} /> },
            { key: 'left', title: t('contracts.service.left'), render: (_v, c) => <VisitsLeft contract={c} /> },
          ]}
        />
      </Card>
    </div>
  );
}
