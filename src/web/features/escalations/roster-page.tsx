import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Popconfirm, Select, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROSTER_RUNGS, type RosterRung } from '../../../domain/cannot-solve.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { UserPicker } from '../../components/pickers.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { type RosterEntry, useAddRosterEntry, useRemoveRosterEntry, useRoster } from './api.ts';
import './escalations.css';

type EntryForm = { rung: RosterRung; product?: string; module?: string; userId: string };

/** Administrators: who holds each rung of "escalate: cannot solve", per product or module. */
export function RosterPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const roster = useRoster();
  const add = useAddRosterEntry();
  const remove = useRemoveRosterEntry();
  const [form] = Form.useForm<EntryForm>();

  const submit = async (v: EntryForm) => {
    try {
      await add.mutateAsync({
        rung: v.rung,
        userId: v.userId,
        product: v.product?.trim() || undefined,
        module: v.module?.trim() || undefined,
      });
      form.resetFields(['userId', 'product', 'module']);
    } catch (error) {
      message.error(errorMessage(error, t));
    }
  };

  return (
    <div className="page roster-page">
      <PageHeader title={t('escalations.roster.title')} subtitle={t('escalations.roster.subtitle')} testId="roster-title" />
      <Card size="small" className="roster-form-card">
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ rung: 'senior_engineer' }} className="roster-form">
          <Form.Item name="rung" label={t('escalations.roster.rung')} rules={[{ required: true }]}>
            <Select options={ROSTER_RUNGS.map((r) => ({ value: r, label: t(`escalations.rungs.${r}`) }))} />
          </Form.Item>
          <Form.Item name="userId" label={t('escalations.roster.user')} rules={[{ required: true, message: t('validation.required') }]}>
            <UserPicker />
          </Form.Item>
          <Form.Item name="product" label={t('escalations.roster.product')}>
            <Input maxLength={100} placeholder={t('escalations.roster.any')} />
          </Form.Item>
          <Form.Item name="module" label={t('escalations.roster.module')}>
            <Input maxLength={100} placeholder={t('escalations.roster.any')} />
          </Form.Item>
          <Form.Item label=" ">
            <Button type="primary" htmlType="submit" loading={add.isPending}>
              {t('escalations.roster.add')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<RosterEntry>
          rowKey="id"
          size="small"
          loading={roster.isPending}
          dataSource={roster.data?.items ?? []}
          pagination={false}
          scroll={{ x: true }}
          locale={{ emptyText: t('escalations.roster.empty') }}
          columns={[
            { key: 'rung', title: t('escalations.roster.rung'), render: (_v, r) => t(`escalations.rungs.${r.rung}`) },
            { key: 'user', title: t('escalations.roster.user'), render: (_v, r) => r.user.name },
            { key: 'product', title: t('escalations.roster.product'), render: (_v, r) => r.product ?? t('escalations.roster.any') },
            { key: 'module', title: t('escalations.roster.module'), render: (_v, r) => r.module ?? t('escalations.roster.any') },
            {
              key: 'actions',
              title: '',
              render: (_v, r) => (
                <Space>
                  <Popconfirm title={t('escalations.roster.removeConfirm')} onConfirm={() => remove.mutate(r.id)}>
                    <Button size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={t('escalations.roster.remove')} />
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
