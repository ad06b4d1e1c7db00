import { PhoneOutlined, PlusOutlined, StarFilled } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Result, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { Contact } from '../../api/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useVocab } from '../../components/vocab.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { ConfigurationTab } from '../archive/configuration-tab.tsx';
import { DocumentsTab } from '../archive/documents-tab.tsx';
import { ProfileTab } from '../archive/profile-tab.tsx';
import { SystemsTab } from '../archive/systems-tab.tsx';
import { TimelineTab } from '../archive/timeline-tab.tsx';
import { CustomerContractsTab } from '../contracts/customer-contracts-tab.tsx';
import { EntitlementBadge } from '../contracts/entitlement-badge.tsx';
import { RetrainingLine } from '../contracts/retraining-line.tsx';
import { VisitsTab } from '../contracts/visits-tab.tsx';
import { MaintenanceTab } from '../maintenance/maintenance-tab.tsx';
import { CustomerServiceTab } from '../service-quality/customer-service-tab.tsx';
import { TicketTable } from '../tickets/ticket-table.tsx';
import { useCustomer } from './api.ts';
import { ContactFormModal } from './contact-form-modal.tsx';
import { CustomerEditModal } from './customer-form-modal.tsx';

const CUSTOMER_TABS = [
  'profile',
  'systems',
  'configuration',
  'contacts',
  'contracts',
  'visits',
  'requests',
  'documents',
  'timeline',
  'service',
  'maintenance',
] as const;
type CustomerTab = (typeof CUSTOMER_TABS)[number];

/** 客户档案: one page per customer covering contract, implementation and service, in tabs (?tab=…). */
export function CustomerDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { label } = useVocab();
  const customer = useCustomer(id);
  const [isAddingContact, setAddingContact] = useState(false);
  const [isEditing, setEditing] = useState(false);
  const [params, setParams] = useSearchParams();
  const tab = CUSTOMER_TABS.find((key) => key === params.get('tab')) ?? 'profile';
  const tabLabel = (key: CustomerTab, count?: number) => (
    <span data-testid={`customer-tab-${key}`}>
      {t(`archive.tabs.${key}`)}
      {count !== undefined && count > 0 && <span className="card-count">{count}</span>}
    </span>
  );

  if (customer.isPending) {
    return (
      <div className="page">
        <Card>
          <Skeleton active />
        </Card>
      </div>
    );
  }
  if (customer.isError) return <Result status="warning" title={t('errors.loadFailed')} subTitle={errorMessage(customer.error, t)} />;
  const data = customer.data;

  return (
    <div className="page">
      <Breadcrumb
        className="page-breadcrumb"
        items={[{ title: <Link to="/customers">{t('customers.title')}</Link> }, { title: data.name }]}
      />
      <PageHeader
        title={data.name}
        testId="customer-name-heading"
        subtitle={
          <Space size={8}>
            <Tag>{label('customerKind', data.kind)}</Tag>
            {data.grade && <Tag color="blue">{data.grade}</Tag>}
            <span>
              {data.province} · {data.city}
            </span>
            <EntitlementBadge customerId={data.id} testId="customer-entitlement" />
            <RetrainingLine customerId={data.id} />
          </Space>
        }
        extra={
          <Space>
            <Link to={`/customers/${data.id}/emergency-plan`}>
              <Button data-testid="customer-emergency-plan">{t('emergency.plan')}</Button>
            </Link>
            <Link to={`/intake?customerId=${data.id}`}>
              <Button type="primary" icon={<PhoneOutlined aria-hidden />}>
                {t('customers.newRequest')}
              </Button>
            </Link>
          </Space>
        }
      />
      <Tabs
        className="customer-tabs"
        activeKey={tab}
        onChange={(key) =>
          setParams(
            (prev) => {
              const next = new URLSearchParams(prev);
              next.set('tab', key);
              return next;
            },
            { replace: true },
          )
        }
        items={[
          { key: 'profile', label: tabLabel('profile'), children: <ProfileTab customer={data} onEdit={() => setEditing(true)} /> },
          { key: 'systems', label: tabLabel('systems'), children: <SystemsTab customerId={data.id} /> },
          { key: 'configuration', label: tabLabel('configuration'), children: <ConfigurationTab customerId={data.id} /> },
          {
            key: 'contacts',
            label: tabLabel('contacts', data.contacts.length),
            children: (
              <Card
                size="small"
                title={
                  <span>
                    {t('customers.contacts')}
                    <span className="card-count">{data.contacts.length}</span>
                  </span>
                }
                extra={
                  <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => setAddingContact(true)} data-testid="contact-add">
                    {t('customers.addContact')}
                  </Button>
                }
              >
                <Table<Contact>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={data.contacts}
                  data-testid="contact-table"
                  columns={[
                    {
                      key: 'name',
                      title: t('customers.contact.name'),
                      render: (_v, contact) => (
                        <Space size={4}>
                          {contact.name}
                          {contact.isPrimary && (
                            <StarFilled
                              aria-label={t('customers.contact.isPrimary')}
                              className="primary-star"
                              title={t('customers.contact.isPrimary')}
                            />
                          )}
                        </Space>
                      ),
                    },
                    { key: 'role', title: t('customers.contact.role'), render: (_v, contact) => label('contactRole', contact.role) },
                    { key: 'title', title: t('customers.contact.title'), render: (_v, contact) => contact.title ?? t('common.none') },
                    {
                      key: 'phone',
                      title: t('customers.contact.phone'),
                      render: (_v, contact) => (contact.phone ? <a href={`tel:${contact.phone}`}>{contact.phone}</a> : t('common.none')),
                    },
                    { key: 'email', title: t('customers.contact.email'), render: (_v, contact) => contact.email ?? t('common.none') },
                  ]}
                />
              </Card>
            ),
          },
          { key: 'contracts', label: tabLabel('contracts'), children: <CustomerContractsTab customerId={data.id} /> },
          { key: 'visits', label: tabLabel('visits'), children: <VisitsTab customerId={data.id} /> },
          {
            key: 'requests',
            label: tabLabel('requests', data.openTicketCount),
            children: (
              <Card
                size="small"
                className="section-card"
                title={
                  <span>
                    {t('customers.requests')}
                    <Typography.Text type="secondary" className="card-subtitle">
                      {t('customers.openTickets')} {data.openTicketCount}
                    </Typography.Text>
                  </span>
                }
                styles={{ body: { padding: 0 } }}
              >
                <TicketTable
                  filters={{ customerId: data.id, sort: 'created_desc' }}
                  columns={['number', 'severity', 'title', 'status', 'sla', 'assignee', 'createdAt']}
                  hrefFor={(ticket) => `/tickets/${ticket.id}`}
                  testId="customer-ticket-table"
                  size="small"
                />
              </Card>
            ),
          },
          { key: 'documents', label: tabLabel('documents'), children: <DocumentsTab customerId={data.id} /> },
          { key: 'timeline', label: tabLabel('timeline'), children: <TimelineTab customerId={data.id} /> },
          { key: 'service', label: tabLabel('service'), children: <CustomerServiceTab customerId={data.id} contacts={data.contacts} /> },
          { key: 'maintenance', label: tabLabel('maintenance'), children: <MaintenanceTab customerId={data.id} /> },
        ]}
      />
      <ContactFormModal customerId={data.id} open={isAddingContact} onClose={() => setAddingContact(false)} />
      <CustomerEditModal customer={data} open={isEditing} onClose={() => setEditing(false)} />
    </div>
  );
}
