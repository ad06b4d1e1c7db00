import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHECKLIST_SECTIONS, MEASUREMENTS } from '../../../domain/maintenance/checklist.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { applyServerFieldErrors } from '../../lib/schema-form.ts';
import { type Checklist, type ChecklistInput, useChecklistVersions, useCreateChecklistVersion } from './api.ts';

type Item = Checklist['items'][number];

/** Administrators: the routine-maintenance checklists A/B/C (002), every version, and a new version in zh-CN and en. */
export function MaintenanceChecklistsPage() {
  const { t } = useTranslation();
  const versions = useChecklistVersions();
  const [shown, setShown] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  const list = versions.data ?? [];
  const current = list.find((v) => v.version === shown) ?? list[0];
  return (
    <div className="page">
      <PageHeader
        title={t('maintenance.checklists.title')}
        subtitle={t('maintenance.checklists.subtitle')}
        testId="maintenance-checklists-title"
        extra={
          !editing && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(true)} data-testid="checklist-new-version">
              {t('maintenance.checklists.newVersion')}
            </Button>
          )
        }
      />
      {editing && current ? (
        <VersionForm base={current} onDone={() => setEditing(false)} />
      ) : (
        <Card
          size="small"
          loading={versions.isPending}
          title={
            <Space wrap>
              <Select
                aria-label={t('maintenance.checklists.version')}
                value={current?.version}
                onChange={setShown}
                options={list.map((v) => ({
                  value: v.version,
                  label: t('maintenance.checklists.versionLabel', { version: v.version, date: new Date(v.createdAt).toLocaleDateString() }),
                }))}
                style={{ minWidth: 200 }}
                data-testid="checklist-version"
              />
              {current && current.version === list[0]?.version && <Tag color="green">{t('maintenance.checklists.current')}</Tag>}
            </Space>
          }
        >
          <Table<Item>
            rowKey="key"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={current?.items ?? []}
            columns={[
              { key: 'section', title: t('maintenance.checklists.section'), render: (_v, i) => t(`maintenance.sections.${i.section}`) },
              { key: 'labelZh', title: t('maintenance.checklists.labelZh'), dataIndex: 'labelZh' },
              { key: 'labelEn', title: t('maintenance.checklists.labelEn'), dataIndex: 'labelEn' },
              {
                key: 'measurements',
                title: t('maintenance.checklists.measurements'),
                render: (_v, i) => i.measurements.map((m) => <Tag key={m}>{t(`maintenance.measurements.${m}`)}</Tag>),
              },
            ]}
          />
        </Card>
      )}
    </div>
  );
}

/** A new version from the one shown: edit, add or remove items; rounds already started keep their version. */
function VersionForm({ base, onDone }: { base: Checklist; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const create = useCreateChecklistVersion();
  const [form] = Form.useForm<ChecklistInput>();
  const submit = (values: ChecklistInput) =>
    create.mutate(
      { items: values.items.map((i) => ({ ...i, measurements: i.measurements ?? [] })) },
      {
        onSuccess: (created) => {
          message.success(t('maintenance.checklists.saved', { version: created.version }));
          onDone();
        },
        onError: (error) => {
          applyServerFieldErrors(form, error);
          message.error(errorMessage(error, t));
        },
      },
    );
  return (
    <Card size="small" title={t('maintenance.checklists.newFrom', { version: base.version })} data-testid="checklist-form">
      <Form form={form} layout="vertical" initialValues={{ items: base.items }} onFinish={submit}>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  type="inner"
                  title={t('maintenance.checklists.item', { n: index + 1 })}
                  extra={
                    <Button
                      size="small"
                      type="text"
                      danger
                      icon={<DeleteOutlined aria-hidden />}
                      aria-label={t('maintenance.checklists.remove')}
                      onClick={() => remove(field.name)}
                    />
                  }
                >
                  <Space wrap align="start">
                    <Form.Item name={[field.name, 'section']} label={t('maintenance.checklists.section')} rules={[{ required: true }]}>
                      <Select
                        style={{ width: 220 }}
                        options={CHECKLIST_SECTIONS.map((s) => ({ value: s, label: t(`maintenance.sections.${s}`) }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'key']}
                      label={t('maintenance.checklists.key')}
                      rules={[{ required: true, pattern: /^[a-z0-9_]{1,60}$/, message: t('maintenance.checklists.keyHelp') }]}
                    >
                      <Input style={{ width: 180 }} maxLength={60} data-testid={`checklist-key-${index}`} />
                    </Form.Item>
                  </Space>
                  <Form.Item
                    name={[field.name, 'labelZh']}
                    label={t('maintenance.checklists.labelZh')}
                    rules={[{ required: true, whitespace: true }]}
                  >
                    <Input maxLength={200} data-testid={`checklist-zh-${index}`} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'labelEn']}
                    label={t('maintenance.checklists.labelEn')}
                    rules={[{ required: true, whitespace: true }]}
                  >
                    <Input maxLength={200} data-testid={`checklist-en-${index}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'measurements']} label={t('maintenance.checklists.measurements')}>
                    <Select mode="multiple" options={MEASUREMENTS.map((m) => ({ value: m, label: t(`maintenance.measurements.${m}`) }))} />
                  </Form.Item>
                </Card>
              ))}
              <Button
                icon={<PlusOutlined aria-hidden />}
                onClick={() => add({ section: 'C', key: '', labelZh: '', labelEn: '', measurements: [] })}
                data-testid="checklist-add-item"
              >
                {t('maintenance.checklists.add')}
              </Button>
            </Space>
          )}
        </Form.List>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('maintenance.checklists.note')}
        </Typography.Paragraph>
        <Space>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="checklist-save">
            {t('maintenance.checklists.save')}
          </Button>
          <Button onClick={onDone}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
