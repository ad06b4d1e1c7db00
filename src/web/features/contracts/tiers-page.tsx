import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Drawer, Form, Input, InputNumber, Radio, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROUTINE_FREQUENCIES, type RoutineFrequency, SERVICE_WINDOWS, type ServiceWindow } from '../../../domain/contracts/vocabulary.ts';
import { TierBody, UpdateTierBody } from '../../../server/features/contracts/contracts.schema.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { fenToYuanText, formatFen, yuanToFen } from '../../lib/money.ts';
import { applyServerFieldErrors, schemaRules } from '../../lib/schema-form.ts';
import { type Tier, useCreateTier, useTiers, useUpdateTier } from './api.ts';
import { schemaIssuesToFields, YuanInput, yuanRule } from './form-bits.tsx';
import './contracts.css';

const WINDOW_LABEL: Record<ServiceWindow, string> = { '7x24': '7×24', '5x8': '5×8' };

/** Settings → service tiers (admins): the four seeded tiers of DOMAIN.md §5 and any added. */
export function TiersPage() {
  const { t } = useTranslation();
  const tiers = useTiers();
  const [editing, setEditing] = useState<Tier | 'new' | null>(null);

  return (
    <div className="page">
      <PageHeader
        title={t('tiers.title')}
        subtitle={t('tiers.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')} data-testid="tier-add">
            {t('tiers.add')}
          </Button>
        }
      />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<Tier>
          rowKey="id"
          loading={tiers.isPending}
          dataSource={[...(tiers.data ?? [])].sort((a, b) => b.yearlyPriceFen - a.yearlyPriceFen)}
          pagination={false}
          data-testid="tier-table"
          scroll={{ x: 'max-content' }}
          columns={[
            {
              key: 'name',
              title: t('tiers.nameZh'),
              render: (_v, tier) => (
                <Space size={6}>
                  <span className="strong-link">{tier.nameZh}</span>
                  <Typography.Text type="secondary">{tier.nameEn}</Typography.Text>
                  {!tier.isActive && <Tag>{t('tiers.inactive')}</Tag>}
                </Space>
              ),
            },
            { key: 'code', title: t('tiers.code'), render: (_v, tier) => <span className="mono">{tier.code}</span> },
            {
              key: 'price',
              title: t('tiers.price'),
              align: 'right',
              render: (_v, tier) => <span className="money">{formatFen(tier.yearlyPriceFen)}</span>,
            },
            { key: 'routine', title: t('tiers.routine'), render: (_v, tier) => t(`tiers.routineOptions.${tier.routineMaintenance}`) },
            {
              key: 'visits',
              title: t('tiers.visits'),
              align: 'right',
              render: (_v, tier) => (tier.emergencyVisitsPerYear === null ? t('tiers.unlimited') : tier.emergencyVisitsPerYear),
            },
            { key: 'retraining', title: t('tiers.retraining'), align: 'right', dataIndex: 'retrainingQuota' },
            {
              key: 'extras',
              title: t('tiers.resident'),
              render: (_v, tier) => (
                <Space size={4}>
                  {tier.hasResidentEngineer && <Tag color="purple">{t('tiers.resident')}</Tag>}
                  {tier.hasPriority && <Tag color="red">{t('tiers.priority')}</Tag>}
                  {!tier.hasResidentEngineer && !tier.hasPriority && t('common.none')}
                </Space>
              ),
            },
            { key: 'window', title: t('tiers.window'), render: (_v, tier) => <Tag>{WINDOW_LABEL[tier.serviceWindow]}</Tag> },
            {
              key: 'actions',
              title: t('common.actions'),
              render: (_v, tier) => (
                <Button
                  size="small"
                  icon={<EditOutlined aria-hidden />}
                  onClick={() => setEditing(tier)}
                  data-testid={`tier-edit-${tier.code}`}
                >
                  {t('common.edit')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <TierDrawer editing={editing} onClose={() => setEditing(null)} />
    </div>
  );
}

type Values = {
  code: string;
  nameZh: string;
  nameEn: string;
  price: string;
  routineMaintenance: RoutineFrequency;
  unlimited: boolean;
  emergencyVisitsPerYear?: number | null;
  retrainingQuota: number;
  hasResidentEngineer: boolean;
  hasPriority: boolean;
  serviceWindow: ServiceWindow;
  isActive: boolean;
};

const FIELD_OF: Record<string, string> = { yearlyPriceFen: 'price' };

function TierDrawer({ editing, onClose }: { editing: Tier | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateTier();
  const update = useUpdateTier();
  const { rules } = schemaRules(TierBody.shape, t);
  const unlimited = Form.useWatch('unlimited', form);
  const isNew = editing === 'new';

  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    if (editing !== 'new')
      form.setFieldsValue({
        code: editing.code,
        nameZh: editing.nameZh,
        nameEn: editing.nameEn,
        price: fenToYuanText(editing.yearlyPriceFen),
        routineMaintenance: editing.routineMaintenance,
        unlimited: editing.emergencyVisitsPerYear === null,
        emergencyVisitsPerYear: editing.emergencyVisitsPerYear,
        retrainingQuota: editing.retrainingQuota,
        hasResidentEngineer: editing.hasResidentEngineer,
        hasPriority: editing.hasPriority,
        serviceWindow: editing.serviceWindow,
        isActive: editing.isActive,
      });
  }, [editing, form]);

  const submit = (values: Values) => {
    const common = {
      nameZh: values.nameZh?.trim(),
      nameEn: values.nameEn?.trim(),
      yearlyPriceFen: yuanToFen(values.price) ?? -1,
      routineMaintenance: values.routineMaintenance,
      emergencyVisitsPerYear: values.unlimited ? null : (values.emergencyVisitsPerYear ?? 0),
      retrainingQuota: values.retrainingQuota ?? 0,
      hasResidentEngineer: Boolean(values.hasResidentEngineer),
      hasPriority: Boolean(values.hasPriority),
      serviceWindow: values.serviceWindow,
      isActive: Boolean(values.isActive),
    };
    const setFields = (fields: { name: string; errors: string[] }[]) =>
      form.setFields(fields.map((f) => ({ ...f, name: FIELD_OF[f.name] ?? f.name }) as never));
    const callbacks = {
      onSuccess: (tier: Tier) => {
        message.success(isNew ? t('tiers.created', { name: tier.nameZh }) : t('tiers.saved'));
        onClose();
      },
      onError: (error: unknown) => {
        if (!applyServerFieldErrors(form, error)) message.error(errorMessage(error, t));
      },
    };
    if (editing === 'new') {
      const body = { code: values.code?.trim(), ...common };
      if (schemaIssuesToFields(TierBody.safeParse(body), t, setFields)) return;
      create.mutate(body, callbacks);
    } else if (editing) {
      if (schemaIssuesToFields(UpdateTierBody.safeParse(common), t, setFields)) return;
      update.mutate({ id: editing.id, ...common }, callbacks);
    }
  };

  return (
    <Drawer
      open={editing !== null}
      title={isNew ? t('tiers.add') : t('tiers.edit')}
      size={520}
      onClose={onClose}
      forceRender
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" onClick={() => form.submit()} loading={create.isPending || update.isPending} data-testid="tier-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          routineMaintenance: 'yearly',
          unlimited: false,
          emergencyVisitsPerYear: 5,
          retrainingQuota: 0,
          hasResidentEngineer: false,
          hasPriority: false,
          serviceWindow: '5x8',
          isActive: true,
        }}
      >
        <Form.Item name="code" label={t('tiers.code')} rules={isNew ? rules('code') : []} extra={t('tiers.codeHelp')}>
          <Input disabled={!isNew} className="mono" data-testid="tier-code" />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="nameZh" label={t('tiers.nameZh')} rules={rules('nameZh')} className="form-col">
            <Input data-testid="tier-name-zh" />
          </Form.Item>
          <Form.Item name="nameEn" label={t('tiers.nameEn')} rules={rules('nameEn')} className="form-col">
            <Input data-testid="tier-name-en" />
          </Form.Item>
        </div>
        <div className="form-row">
          <Form.Item name="price" label={t('tiers.price')} rules={[yuanRule(t)]} className="form-col">
            <YuanInput data-testid="tier-price" />
          </Form.Item>
          <Form.Item name="routineMaintenance" label={t('tiers.routine')} className="form-col">
            <Select options={ROUTINE_FREQUENCIES.map((value) => ({ value, label: t(`tiers.routineOptions.${value}`) }))} />
          </Form.Item>
        </div>
        <div className="form-row">
          <Form.Item label={t('tiers.visits')} className="form-col" required>
            <Space>
              <Form.Item name="emergencyVisitsPerYear" noStyle>
                <InputNumber min={0} precision={0} disabled={unlimited} data-testid="tier-visits" />
              </Form.Item>
              <Form.Item name="unlimited" valuePropName="checked" noStyle>
                <Checkbox data-testid="tier-unlimited">{t('tiers.unlimited')}</Checkbox>
              </Form.Item>
            </Space>
          </Form.Item>
          <Form.Item name="retrainingQuota" label={t('tiers.retraining')} className="form-col">
            <InputNumber min={0} precision={0} className="full-width" />
          </Form.Item>
        </div>
        <Form.Item name="serviceWindow" label={t('tiers.window')}>
          <Radio.Group optionType="button" options={SERVICE_WINDOWS.map((value) => ({ value, label: WINDOW_LABEL[value] }))} />
        </Form.Item>
        <Space size={24} wrap>
          <Form.Item name="hasResidentEngineer" label={t('tiers.resident')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="hasPriority" label={t('tiers.priority')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="isActive" label={t('tiers.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
      </Form>
    </Drawer>
  );
}
