import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, DatePicker, Form, Input, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CONFIG_ITEM_KINDS,
  type ConfigItemKind,
  WARRANTY_EXCLUSIONS,
  type WarrantyExclusion,
} from '../../../domain/contracts/vocabulary.ts';
import { ConfigItemBody } from '../../../server/features/archive/archive.schema.ts';
import { FormModal, useSubmitFeedback } from '../../components/form-modal.tsx';
import { ListEmpty } from '../../components/list-state.tsx';
import { useCan } from '../../components/session.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { cleanValues, schemaRules } from '../../lib/schema-form.ts';
import { useToday } from '../contracts/contract-status.tsx';
import { toLocalDate } from '../contracts/form-bits.tsx';
import { type ConfigItem, type ConfigItemInput, useAddConfigItem, useConfigItems, useRemoveConfigItem } from './api.ts';

/** 配置: servers, OS, database, network gear, printers — model, serial, location, warranty end. */
export function ConfigurationTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const today = useToday();
  const items = useConfigItems(customerId);
  const remove = useRemoveConfigItem(customerId);
  const [isAdding, setAdding] = useState(false);
  const canManage = can('archive.manage');
  const none = t('common.none');

  return (
    <Card
      size="small"
      title={t('archive.config.title')}
      extra={
        canManage && (
          <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)} data-testid="config-add">
            {t('archive.config.add')}
          </Button>
        )
      }
      styles={{ body: { padding: 0 } }}
    >
      <Table<ConfigItem>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={items.data ?? []}
        data-testid="config-table"
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <ListEmpty query={items} description={t('archive.config.empty')} /> }}
        columns={[
          { key: 'kind', title: t('archive.config.kind'), render: (_v, c) => <Tag>{t(`archive.config.kinds.${c.kind}`)}</Tag> },
          { key: 'name', title: t('archive.config.name'), dataIndex: 'name' },
          { key: 'model', title: t('archive.config.model'), render: (_v, c) => c.model ?? none },
          {
            key: 'serial',
            title: t('archive.config.serial'),
            render: (_v, c) => (c.serial ? <span className="mono">{c.serial}</span> : none),
          },
          { key: 'location', title: t('archive.config.location'), render: (_v, c) => c.location ?? none },
          {
            key: 'warranty',
            title: t('archive.config.warrantyEnd'),
            render: (_v, c) =>
              !c.warrantyEnd ? (
                none
              ) : c.warrantyEnd < today ? (
                <Typography.Text type="secondary">
                  <span className="tabular">{c.warrantyEnd}</span> <Tag color="red">{t('archive.config.warrantyExpired')}</Tag>
                </Typography.Text>
              ) : (
                <span className="tabular">{c.warrantyEnd}</span>
              ),
          },
          { key: 'notes', title: t('archive.config.notes'), render: (_v, c) => c.notes ?? none },
          ...(canManage
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  render: (_v: unknown, c: ConfigItem) => (
                    <Popconfirm
                      title={t('archive.config.removeConfirm')}
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => remove.mutate(c.id, { onError: (error) => message.error(errorMessage(error, t)) })}
                    >
                      <Button type="text" size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={t('archive.remove')} />
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      <ConfigItemModal customerId={customerId} open={isAdding} onClose={() => setAdding(false)} />
    </Card>
  );
}

type Values = {
  kind: ConfigItemKind;
  name: string;
  model?: string;
  serial?: string;
  location?: string;
  warrantyEnd?: Dayjs;
  suppliedByUs: boolean;
  manufacturer?: string;
  authorisedAgent?: string;
  warrantyExclusion?: WarrantyExclusion;
  notes?: string;
};

function ConfigItemModal({ customerId, open, onClose }: { customerId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const feedback = useSubmitFeedback(form);
  const add = useAddConfigItem(customerId);
  const { rules } = schemaRules(ConfigItemBody.shape, t);

  const submit = (values: Values) => {
    const body = cleanValues({ ...values, warrantyEnd: toLocalDate(values.warrantyEnd) }) as ConfigItemInput;
    add.mutate(body, feedback.callbacks(t('common.saved'), onClose));
  };

  return (
    <FormModal<Values>
      title={t('archive.config.add')}
      form={form}
      open={open}
      onClose={onClose}
      onFinish={submit}
      isPending={add.isPending}
      submitTestId="config-submit"
      initialValues={{ kind: 'server', suppliedByUs: true }}
    >
      <div className="form-row">
        <Form.Item name="kind" label={t('archive.config.kind')} rules={rules('kind')} className="form-col">
          <Select options={CONFIG_ITEM_KINDS.map((value) => ({ value, label: t(`archive.config.kinds.${value}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('archive.config.name')} rules={rules('name')} className="form-col">
          <Input placeholder={t('archive.config.namePlaceholder')} data-testid="config-name" />
        </Form.Item>
      </div>
      <div className="form-row">
        <Form.Item name="model" label={t('archive.config.model')} rules={rules('model')} className="form-col">
          <Input />
        </Form.Item>
        <Form.Item name="serial" label={t('archive.config.serial')} rules={rules('serial')} className="form-col">
          <Input />
        </Form.Item>
      </div>
      <div className="form-row">
        <Form.Item name="location" label={t('archive.config.location')} rules={rules('location')} className="form-col">
          <Input />
        </Form.Item>
        <Form.Item name="warrantyEnd" label={t('archive.config.warrantyEnd')} className="form-col">
          <DatePicker className="full-width" />
        </Form.Item>
      </div>
      <div className="form-row">
        <Form.Item name="manufacturer" label={t('archive.config.manufacturer')} rules={rules('manufacturer')} className="form-col">
          <Input />
        </Form.Item>
        <Form.Item name="authorisedAgent" label={t('archive.config.authorisedAgent')} rules={rules('authorisedAgent')} className="form-col">
          <Input />
        </Form.Item>
      </div>
      <Form.Item name="suppliedByUs" valuePropName="checked" className="compact-item">
        <Checkbox>{t('archive.config.suppliedByUs')}</Checkbox>
      </Form.Item>
      <Form.Item name="warrantyExclusion" label={t('archive.config.warrantyExclusion')} extra={t('archive.config.warrantyExclusionHelp')}>
        <Select allowClear options={WARRANTY_EXCLUSIONS.map((value) => ({ value, label: t(`archive.config.exclusions.${value}`) }))} />
      </Form.Item>
      <Form.Item name="notes" label={t('archive.config.notes')} rules={rules('notes')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
    </FormModal>
  );
}
