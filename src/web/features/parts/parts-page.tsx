import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, Input, Space, Switch, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal, useSubmitFeedback } from '../../components/form-modal.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../components/session.tsx';
import { fenToYuanText, formatFen, yuanToFen } from '../../lib/money.ts';
import { fromLocalDate, toLocalDate, YuanInput, yuanRule } from '../contracts/form-bits.tsx';
import { type SparePart, usePriceSettings, useSaveSparePart, useSpareParts, useUpdatePriceSettings } from './api.ts';

/** Settings → spare parts (000): the price list, never above the contract price; and the after-warranty expert rate (003). */
export function PartsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const parts = useSpareParts();
  const [editing, setEditing] = useState<SparePart | 'new' | null>(null);
  const canManage = can('spare_part.manage');

  return (
    <div className="page">
      <PageHeader
        title={t('parts.title')}
        subtitle={t('parts.subtitle')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')} data-testid="part-add">
              {t('parts.add')}
            </Button>
          )
        }
      />
      <Space direction="vertical" size={16} className="full-width">
        <Alert type="info" showIcon message={t('parts.excludesParts')} />
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <Table<SparePart>
            rowKey="id"
            loading={parts.isPending}
            dataSource={parts.data ?? []}
            pagination={false}
            data-testid="part-table"
            scroll={{ x: 'max-content' }}
            columns={[
              {
                key: 'name',
                title: t('parts.name'),
                render: (_v, p) => (
                  <Space size={6}>
                    <span className="strong-link">{p.name}</span>
                    {!p.isActive && <Tag>{t('parts.inactive')}</Tag>}
                  </Space>
                ),
              },
              { key: 'model', title: t('parts.model'), dataIndex: 'model' },
              {
                key: 'unit',
                title: t('parts.unitPrice'),
                align: 'right',
                render: (_v, p) => <span className="money">{formatFen(p.unitPriceFen)}</span>,
              },
              {
                key: 'cap',
                title: t('parts.contractPrice'),
                align: 'right',
                render: (_v, p) => <span className="money">{formatFen(p.contractPriceFen)}</span>,
              },
              { key: 'validFrom', title: t('parts.validFrom'), dataIndex: 'validFrom' },
              ...(canManage
                ? [
                    {
                      key: 'actions',
                      title: t('common.actions'),
                      render: (_v: unknown, p: SparePart) => (
                        <Button
                          size="small"
                          icon={<EditOutlined aria-hidden />}
                          onClick={() => setEditing(p)}
                          data-testid={`part-edit-${p.model}`}
                        >
                          {t('common.edit')}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
        <ExpertRateCard canManage={can('price_setting.manage')} />
      </Space>
      <PartModal editing={editing} onClose={() => setEditing(null)} />
    </div>
  );
}

// The price fields hold yuan text under the API's names, so a refusal ("above contract price") lands on the field.
type PartValues = { name: string; model: string; unitPriceFen: string; contractPriceFen: string; validFrom?: Dayjs; isActive: boolean };

function PartModal({ editing, onClose }: { editing: SparePart | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PartValues>();
  const feedback = useSubmitFeedback(form);
  const save = useSaveSparePart();

  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    if (editing !== 'new')
      form.setFieldsValue({
        name: editing.name,
        model: editing.model,
        unitPriceFen: fenToYuanText(editing.unitPriceFen),
        contractPriceFen: fenToYuanText(editing.contractPriceFen),
        validFrom: fromLocalDate(editing.validFrom),
        isActive: editing.isActive,
      });
  }, [editing, form]);

  return (
    <FormModal<PartValues>
      title={editing === 'new' ? t('parts.add') : t('parts.edit')}
      form={form}
      open={editing !== null}
      onClose={onClose}
      initialValues={{ isActive: true }}
      resetOnOpen={false}
      isPending={save.isPending}
      onFinish={(v) =>
        save.mutate(
          {
            ...(editing && editing !== 'new' ? { id: editing.id } : {}),
            name: v.name.trim(),
            model: v.model.trim(),
            unitPriceFen: yuanToFen(v.unitPriceFen) ?? 0,
            contractPriceFen: yuanToFen(v.contractPriceFen) ?? 0,
            validFrom: toLocalDate(v.validFrom) ?? '',
            isActive: v.isActive,
          },
          feedback.callbacks(t('common.saved'), onClose),
        )
      }
    >
      <div className="form-row">
        <Form.Item
          name="name"
          label={t('parts.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          className="form-col"
        >
          <Input maxLength={100} data-testid="part-name" />
        </Form.Item>
        <Form.Item
          name="model"
          label={t('parts.model')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          className="form-col"
        >
          <Input maxLength={100} data-testid="part-model" />
        </Form.Item>
      </div>
      <div className="form-row">
        <Form.Item name="unitPriceFen" label={t('parts.unitPrice')} rules={[yuanRule(t)]} extra={t('parts.capHelp')} className="form-col">
          <YuanInput data-testid="part-unit-price" />
        </Form.Item>
        <Form.Item name="contractPriceFen" label={t('parts.contractPrice')} rules={[yuanRule(t)]} className="form-col">
          <YuanInput data-testid="part-contract-price" />
        </Form.Item>
      </div>
      <div className="form-row">
        <Form.Item
          name="validFrom"
          label={t('parts.validFrom')}
          rules={[{ required: true, message: t('validation.required') }]}
          className="form-col"
        >
          <DatePicker className="full-width" />
        </Form.Item>
        <Form.Item name="isActive" label={t('parts.active')} valuePropName="checked" className="form-col">
          <Switch />
        </Form.Item>
      </div>
    </FormModal>
  );
}

function ExpertRateCard({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const settings = usePriceSettings();
  const update = useUpdatePriceSettings();
  const [form] = Form.useForm<{ rate: string }>();
  const feedback = useSubmitFeedback(form);
  const s = settings.data;

  useEffect(() => {
    if (s) form.setFieldsValue({ rate: fenToYuanText(s.expertDailyFeeFen) });
  }, [s, form]);

  return (
    <Card size="small" title={t('parts.expertRate.title')} data-testid="expert-rate">
      <Typography.Paragraph type="secondary">
        {t('parts.expertRate.help', {
          standard: s ? formatFen(s.perVisitStandardFen) : '',
          builtin: s ? formatFen(s.defaultExpertDailyFeeFen) : '',
        })}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        onFinish={(v) =>
          update.mutate(
            { expertDailyFeeFen: yuanToFen(v.rate) ?? 0 },
            feedback.callbacks(t('common.saved'), () => undefined),
          )
        }
      >
        <Form.Item name="rate" label={t('parts.expertRate.label')} rules={[yuanRule(t)]}>
          <YuanInput disabled={!canManage} data-testid="expert-rate-input" />
        </Form.Item>
        {s?.isDefault && (
          <Form.Item>
            <Tag>{t('parts.expertRate.isDefault')}</Tag>
          </Form.Item>
        )}
        {canManage && (
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="expert-rate-save">
              {t('common.save')}
            </Button>
          </Form.Item>
        )}
      </Form>
    </Card>
  );
}
