import { PlusOutlined, RetweetOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ListEmpty } from '../../components/list-state.tsx';
import { useCan } from '../../components/session.tsx';
import { formatFen } from '../../lib/money.ts';
import { type ServiceContract, type SystemContract, useServiceContracts, useSystemContracts } from './api.ts';
import { RenewModal, ServiceContractModal, SystemContractModal, tierName } from './contract-forms.tsx';
import { ContractStateTag, useToday, VisitsLeft } from './contract-status.tsx';
import { OwnerName } from './owner-name.tsx';

/** 合同 tab: the system contract with its derived terms, and the service contracts by tier. */
export function CustomerContractsTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const today = useToday();
  const canManage = can('contract.manage');
  const systems = useSystemContracts(customerId);
  const services = useServiceContracts({ customerId });
  const [isAddingSystem, setAddingSystem] = useState(false);
  const [isAddingService, setAddingService] = useState(false);
  const [renewing, setRenewing] = useState<ServiceContract | null>(null);
  const none = t('common.none');

  const serviceRows = [...(services.data ?? [])].sort((a, b) => (a.startDate < b.startDate ? 1 : -1));

  return (
    <Space orientation="vertical" size={16} className="full-width">
      <Card
        size="small"
        title={t('contracts.system.title')}
        extra={
          canManage && (
            <Button
              size="small"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => setAddingSystem(true)}
              data-testid="system-contract-add"
            >
              {t('contracts.system.add')}
            </Button>
          )
        }
        styles={{ body: { padding: 0 } }}
      >
        <Table<SystemContract>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={systems.data ?? []}
          data-testid="system-contract-table"
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <ListEmpty query={systems} description={t('contracts.system.none')} /> }}
          columns={[
            { key: 'title', title: t('contracts.system.name'), dataIndex: 'title' },
            {
              key: 'signed',
              title: t('contracts.system.signedDate'),
              render: (_v, c) => <span className="tabular">{c.signedDate ?? none}</span>,
            },
            {
              key: 'total',
              title: t('contracts.system.total'),
              align: 'right',
              render: (_v, c) => <span className="money">{formatFen(c.totalPriceFen)}</span>,
            },
            {
              key: 'acceptance',
              title: t('contracts.system.acceptanceDate'),
              render: (_v, c) =>
                c.acceptanceDate ? (
                  <span className="tabular">
                    {t('contracts.system.initialShort')} {c.acceptanceDate}
                    <br />
                    {t('contracts.system.finalShort')} {c.finalAcceptanceDate ?? '—'}
                  </span>
                ) : (
                  <Tag>{t('contracts.system.notAccepted')}</Tag>
                ),
            },
            {
              key: 'free',
              title: t('contracts.system.freeMaintenanceUntil'),
              render: (_v, c) => <DateUntil date={c.freeMaintenanceUntil} today={today} />,
            },
            {
              key: 'upgrades',
              title: t('contracts.system.freeUpgradesUntil'),
              render: (_v, c) => <DateUntil date={c.freeUpgradesUntil} today={today} />,
            },
            {
              key: 'warranty',
              title: t('contracts.system.hardwareWarrantyUntil'),
              render: (_v, c) => <DateUntil date={c.hardwareWarrantyUntil} today={today} />,
            },
            {
              key: 'fee',
              title: (
                <Tooltip title={t('contracts.system.suggestedFeeHelp')}>
                  <span>{t('contracts.system.suggestedFee')}</span>
                </Tooltip>
              ),
              align: 'right',
              render: (_v, c) => (
                <span className="money" data-testid="suggested-fee">
                  {formatFen(c.suggestedYearlyMaintenanceFeeFen)}
                </span>
              ),
            },
          ]}
        />
      </Card>

      <Card
        size="small"
        title={t('contracts.service.title')}
        extra={
          canManage && (
            <Button
              size="small"
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => setAddingService(true)}
              data-testid="service-contract-add"
            >
              {t('contracts.service.add')}
            </Button>
          )
        }
        styles={{ body: { padding: 0 } }}
      >
        <Table<ServiceContract>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={serviceRows}
          data-testid="service-contract-table"
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <ListEmpty query={services} description={t('contracts.service.none')} /> }}
          columns={[
            {
              key: 'tier',
              title: t('contracts.service.tier'),
              render: (_v, c) => (
                <Space size={4}>
                  <Tag color="blue" data-testid="service-contract-tier-name">
                    {tierName(c.tier)}
                  </Tag>
                  <Typography.Text type="secondary" className="small-text">
                    {c.tier.serviceWindow === '7x24' ? '7×24' : '5×8'}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              key: 'period',
              title: t('contracts.service.period'),
              render: (_v, c) => (
                <span className="tabular nowrap">
                  {c.startDate} ~ {c.endDate}
                </span>
              ),
            },
            { key: 'state', title: t('contracts.service.state'), render: (_v, c) => <ContractStateTag contract={c} today={today} /> },
            {
              key: 'price',
              title: t('contracts.service.price'),
              align: 'right',
              render: (_v, c) => <span className="money">{formatFen(c.priceFen)}</span>,
            },
            {
              key: 'used',
              title: t('contracts.service.used'),
              align: 'right',
              render: (_v, c) => <span className="tabular">{c.visitsUsed}</span>,
            },
            { key: 'left', title: t('contracts.service.left'), render: (_v, c) => <VisitsLeft contract={c} /> },
            { key: 'owner', title: t('contracts.service.owner'), render: (_v, c) => <OwnerName id={c.accountOwnerId} /> },
            {
              key: 'actions',
              title: t('common.actions'),
              render: (_v, c) =>
                canManage && !c.renewedById ? (
                  <Button
                    size="small"
                    icon={<RetweetOutlined aria-hidden />}
                    onClick={() => setRenewing(c)}
                    data-testid="service-contract-renew"
                  >
                    {t('contracts.service.renew')}
                  </Button>
                ) : c.renewedById ? (
                  <Typography.Text type="secondary">{t('contracts.service.states.renewed')}</Typography.Text>
                ) : null,
            },
          ]}
        />
      </Card>
      <SystemContractModal customerId={customerId} open={isAddingSystem} onClose={() => setAddingSystem(false)} />
      <ServiceContractModal customerId={customerId} open={isAddingService} onClose={() => setAddingService(false)} />
      <RenewModal contract={renewing} onClose={() => setRenewing(null)} />
    </Space>
  );
}

/** A last-covered date, struck grey once it has passed. */
function DateUntil({ date, today }: { date: string | null; today: string }) {
  const { t } = useTranslation();
  if (!date) return <Typography.Text type="secondary">{t('contracts.system.afterAcceptance')}</Typography.Text>;
  return date < today ? (
    <Typography.Text type="secondary" delete className="tabular">
      {date}
    </Typography.Text>
  ) : (
    <Typography.Text className="tabular">{date}</Typography.Text>
  );
}
