import { EditOutlined, PhoneOutlined, PlusOutlined, StarFilled } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Contact } from '../../api/types.ts';
import { DateTime } from '../../components/date-time.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useVocab } from '../../components/vocab.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { TicketTable } from '../tickets/ticket-table.tsx';
import { useCustomer } from './api.ts';
import { ContactFormModal } from './contact-form-modal.tsx';
import { CustomerFormModal } from './customer-form-modal.tsx';

export function CustomerDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { label } = useVocab();
  const customer = useCustomer(id);
  const [isEditing, setEditing] = useState(false);
  const [isAddingContact, setAddingContact] = useState(false);

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
          </Space>
        }
        extra={
          <Space>
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
            <Link to={`/intake?customerId=${data.id}`}>
              <Button type="primary" icon={<PhoneOutlined />}>
                {t('customers.newRequest')}
              </Button>
            </Link>
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('customers.profile')} className="side-card">
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'kind', label: t('customers.kind'), children: label('customerKind', data.kind) },
                { key: 'grade', label: t('customers.grade'), children: data.grade ?? t('common.none') },
                { key: 'province', label: t('customers.province'), children: data.province },
                { key: 'city', label: t('customers.city'), children: data.city },
                { key: 'address', label: t('customers.address'), children: data.address ?? t('common.none') },
                { key: 'open', label: t('customers.openTickets'), children: data.openTicketCount },
                { key: 'createdAt', label: t('users.createdAt'), children: <DateTime value={data.createdAt} /> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Card
            size="small"
            title={
              <span>
                {t('customers.contacts')}
                <span className="card-count">{data.contacts.length}</span>
              </span>
            }
            extra={
              <Button size="small" icon={<PlusOutlined />} onClick={() => setAddingContact(true)} data-testid="contact-add">
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
                      {contact.isPrimary && <StarFilled className="primary-star" title={t('customers.contact.isPrimary')} />}
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
        </Col>
      </Row>
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
      <CustomerFormModal open={isEditing} onClose={() => setEditing(false)} customer={data} />
      <ContactFormModal customerId={data.id} open={isAddingContact} onClose={() => setAddingContact(false)} />
    </div>
  );
}
