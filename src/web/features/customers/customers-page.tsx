import { ImportOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { CustomerListRow } from '../../api/types.ts';
import { ListEmpty } from '../../components/list-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../components/session.tsx';
import { useVocab } from '../../components/vocab.tsx';
import { PROVINCES } from '../../lib/provinces.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useCustomerList } from './api.ts';
import { CustomerFormModal } from './customer-form-modal.tsx';

export function CustomersPage() {
  const { t } = useTranslation();
  const { label } = useVocab();
  const navigate = useNavigate();
  const can = useCan();
  const [q, setQ] = useState('');
  const [province, setProvince] = useState<string | undefined>();
  const [isCreating, setCreating] = useState(false);
  const debouncedQ = useDebounced(q.trim(), 250);
  const list = useCustomerList({ q: debouncedQ || undefined, province });
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="page">
      <PageHeader
        title={t('customers.title')}
        subtitle={t('customers.subtitle')}
        extra={
          <Space>
            {can('archive.import') && (
              <Button icon={<ImportOutlined aria-hidden />} onClick={() => navigate('/customers/import')} data-testid="customer-import">
                {t('customers.import')}
              </Button>
            )}
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)} data-testid="customer-create">
              {t('customers.create')}
            </Button>
          </Space>
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <div className="filter-bar">
          <Input.Search
            allowClear
            enterButton={<Button aria-label={t('common.search')} icon={<SearchOutlined aria-hidden />} />}
            placeholder={t('customers.search')}
            aria-label={t('customers.search')}
            value={q}
            onChange={(event) => setQ(event.target.value)}
            className="filter-text"
            data-testid="customer-search"
          />
          <Select
            allowClear
            showSearch
            placeholder={t('customers.allProvinces')}
            aria-label={t('customers.allProvinces')}
            value={province}
            onChange={setProvince}
            options={PROVINCES.map((p) => ({ value: p, label: p }))}
            className="filter-select"
          />
        </div>
        <Table<CustomerListRow>
          rowKey="id"
          data-testid="customer-table"
          dataSource={rows}
          pagination={false}
          scroll={{ x: 720 }}
          rowClassName="clickable-row"
          onRow={(customer) => ({ onClick: () => navigate(`/customers/${customer.id}`) })}
          locale={{ emptyText: <ListEmpty query={list} /> }}
          columns={[
            {
              key: 'name',
              title: t('customers.name'),
              render: (_v, customer) => (
                <Link to={`/customers/${customer.id}`} onClick={(event) => event.stopPropagation()} className="strong-link">
                  {customer.name}
                </Link>
              ),
            },
            { key: 'kind', title: t('customers.kind'), width: 110, render: (_v, customer) => label('customerKind', customer.kind) },
            { key: 'grade', title: t('customers.grade'), width: 120, render: (_v, customer) => customer.grade ?? t('common.none') },
            { key: 'province', title: t('customers.province'), dataIndex: 'province', width: 140 },
            { key: 'city', title: t('customers.city'), dataIndex: 'city', width: 140 },
            {
              key: 'open',
              title: t('customers.openTickets'),
              width: 120,
              align: 'right',
              render: (_v, customer) =>
                customer.openTicketCount > 0 ? (
                  <Badge count={customer.openTicketCount} color="#1456f0" overflowCount={999} />
                ) : (
                  <Typography.Text type="secondary">0</Typography.Text>
                ),
            },
          ]}
        />
        {rows.length > 0 && (
          <div className="table-footer">
            <Typography.Text type="secondary">{t('common.shown', { count: rows.length })}</Typography.Text>
            {list.hasNextPage && (
              <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                {t('common.loadMore')}
              </Button>
            )}
          </div>
        )}
      </Card>
      <CustomerFormModal
        open={isCreating}
        onClose={() => setCreating(false)}
        onSaved={(customer) => navigate(`/customers/${customer.id}`)}
      />
    </div>
  );
}
