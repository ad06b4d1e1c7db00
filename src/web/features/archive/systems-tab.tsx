import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  AutoComplete,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCEPTANCE_STATES, type AcceptanceState } from '../../../domain/contracts/vocabulary.ts';
import { COMMON_MODULES } from '../../../domain/vocabulary.ts';
import { ModuleBody } from '../../../server/features/archive/archive.schema.ts';
import { FormModal, useSubmitFeedback } from '../../components/form-modal.tsx';
import { ListEmpty } from '../../components/list-state.tsx';
import { useCan } from '../../components/session.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { schemaRules } from '../../lib/schema-form.ts';
import { fromLocalDate, schemaIssuesToFields, toLocalDate } from '../contracts/form-bits.tsx';
import { type ArchiveModule, type ModuleInput, useAddModule, useModules, useRemoveModule, useUpdateModule } from './api.ts';

export const ACCEPTANCE_COLOR: Record<AcceptanceState, string> = {
  accepted: 'success',
  running_unaccepted: 'warning',
  not_launched: 'default',
  on_hold: 'purple',
};

/** 系统与模块: installed systems and modules with version, go-live date and acceptance state. */
export function SystemsTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const modules = useModules(customerId);
  const remove = useRemoveModule(customerId);
  const [editing, setEditing] = useState<ArchiveModule | 'new' | null>(null);
  const canManage = can('archive.manage');
  const rows = [...(modules.data ?? [])].sort((a, b) => a.system.localeCompare(b.system) || a.module.localeCompare(b.module));
  const count = (state: AcceptanceState) => rows.filter((m) => m.acceptanceState === state).length;
  const none = t('common.none');

  return (
    <Card
      size="small"
      title={
        <span>
          {t('archive.modules.title')}
          <Typography.Text type="secondary" className="card-subtitle">
            {t('archive.modules.summary', {
              accepted: count('accepted'),
              running: count('running_unaccepted'),
              notLaunched: count('not_launched'),
            })}
          </Typography.Text>
        </span>
      }
      extra={
        canManage && (
          <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')} data-testid="module-add">
            {t('archive.modules.add')}
          </Button>
        )
      }
      styles={{ body: { padding: 0 } }}
    >
      <Table<ArchiveModule>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        data-testid="module-table"
        locale={{ emptyText: <ListEmpty query={modules} description={t('archive.modules.empty')} /> }}
        columns={[
          { key: 'system', title: t('archive.modules.system'), render: (_v, m) => <Tag color="geekblue">{m.system}</Tag> },
          { key: 'module', title: t('archive.modules.module'), dataIndex: 'module' },
          { key: 'version', title: t('archive.modules.version'), render: (_v, m) => m.version ?? none },
          { key: 'goLive', title: t('archive.modules.goLive'), render: (_v, m) => <span className="tabular">{m.goLiveDate ?? none}</span> },
          {
            key: 'state',
            title: t('archive.modules.acceptanceState'),
            render: (_v, m) => (
              <>
                <Tag color={ACCEPTANCE_COLOR[m.acceptanceState]} data-testid="module-state" data-state={m.acceptanceState}>
                  {t(`archive.modules.states.${m.acceptanceState}`)}
                </Tag>
                {!m.genuineLicence && (
                  <Tag color="magenta" data-testid="module-unlicensed">
                    {t('archive.modules.notGenuine')}
                  </Tag>
                )}
              </>
            ),
          },
          {
            key: 'acceptanceDate',
            title: t('archive.modules.acceptanceDate'),
            render: (_v, m) => <span className="tabular">{m.acceptanceDate ?? none}</span>,
          },
          { key: 'notes', title: t('archive.modules.notes'), render: (_v, m) => m.notes ?? none },
          ...(canManage
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  render: (_v: unknown, m: ArchiveModule) => (
                    <Space size={0}>
                      <Button
                        type="text"
                        size="small"
                        icon={<EditOutlined aria-hidden />}
                        aria-label={t('common.edit')}
                        onClick={() => setEditing(m)}
                      />
                      <Popconfirm
                        title={t('archive.modules.removeConfirm')}
                        okText={t('common.confirm')}
                        cancelText={t('common.cancel')}
                        onConfirm={() => remove.mutate(m.id, { onError: (error) => message.error(errorMessage(error, t)) })}
                      >
                        <Button type="text" size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={t('archive.remove')} />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <ModuleModal customerId={customerId} editing={editing} onClose={() => setEditing(null)} />
    </Card>
  );
}

type ModuleValues = {
  system: string;
  module: string;
  version?: string;
  goLiveDate?: Dayjs;
  acceptanceState: AcceptanceState;
  acceptanceDate?: Dayjs;
  genuineLicence: boolean;
  notes?: string;
};

function ModuleModal({ customerId, editing, onClose }: { customerId: string; editing: ArchiveModule | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ModuleValues>();
  const feedback = useSubmitFeedback(form);
  const add = useAddModule(customerId);
  const update = useUpdateModule(customerId);
  const { rules } = schemaRules(ModuleBody.shape, t);
  const state = Form.useWatch('acceptanceState', form);
  const isNew = editing === 'new';

  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    if (editing !== 'new') {
      form.setFieldsValue({
        system: editing.system,
        module: editing.module,
        version: editing.version ?? undefined,
        goLiveDate: fromLocalDate(editing.goLiveDate),
        acceptanceState: editing.acceptanceState,
        acceptanceDate: fromLocalDate(editing.acceptanceDate),
        genuineLicence: editing.genuineLicence,
        notes: editing.notes ?? undefined,
      });
    }
  }, [editing, form]);

  const submit = (values: ModuleValues) => {
    const body = {
      system: values.system?.trim(),
      module: values.module?.trim(),
      version: values.version?.trim() || null,
      goLiveDate: toLocalDate(values.goLiveDate) ?? null,
      acceptanceState: values.acceptanceState,
      acceptanceDate: values.acceptanceState === 'accepted' ? (toLocalDate(values.acceptanceDate) ?? null) : null,
      genuineLicence: values.genuineLicence,
      notes: values.notes?.trim() || null,
    };
    const parsed = ModuleBody.safeParse(body);
    if (schemaIssuesToFields(parsed, t, (fields) => form.setFields(fields as never))) return;
    const callbacks = feedback.callbacks(t('common.saved'), onClose);
    if (editing === 'new') add.mutate(body as ModuleInput, callbacks);
    else if (editing) {
      const { system: _s, module: _m, ...changes } = body;
      update.mutate({ id: editing.id, ...changes }, callbacks);
    }
  };

  return (
    <FormModal<ModuleValues>
      title={isNew ? t('archive.modules.add') : t('archive.modules.edit')}
      form={form}
      open={editing !== null}
      onClose={onClose}
      onFinish={submit}
      isPending={add.isPending || update.isPending}
      submitTestId="module-submit"
      initialValues={{ acceptanceState: 'running_unaccepted', genuineLicence: true }}
      resetOnOpen={false}
    >
      <div className="form-row">
        <Form.Item name="system" label={t('archive.modules.system')} rules={rules('system')} className="form-col">
          <AutoComplete
            disabled={!isNew}
            options={COMMON_MODULES.map((value) => ({ value }))}
            filterOption={(input, option) =>
              String(option?.value ?? '')
                .toLowerCase()
                .includes(input.toLowerCase())
            }
            data-testid="module-system"
          />
        </Form.Item>
        <Form.Item name="module" label={t('archive.modules.module')} rules={rules('module')} className="form-col">
          <Input disabled={!isNew} placeholder={t('archive.modules.modulePlaceholder')} data-testid="module-name" />
        </Form.Item>
      </div>
      <div className="form-row">
        <Form.Item name="version" label={t('archive.modules.version')} className="form-col">
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="goLiveDate" label={t('archive.modules.goLive')} className="form-col">
          <DatePicker className="full-width" />
        </Form.Item>
      </div>
      <div className="form-row">
        <Form.Item name="acceptanceState" label={t('archive.modules.acceptanceState')} className="form-col">
          <Select
            options={ACCEPTANCE_STATES.map((value) => ({ value, label: t(`archive.modules.states.${value}`) }))}
            data-testid="module-state-select"
          />
        </Form.Item>
        <Form.Item
          name="acceptanceDate"
          label={t('archive.modules.acceptanceDate')}
          className="form-col"
          rules={state === 'accepted' ? [{ required: true, message: t('validation.required') }] : []}
        >
          <DatePicker className="full-width" disabled={state !== 'accepted'} />
        </Form.Item>
      </div>
      <Form.Item name="genuineLicence" valuePropName="checked" extra={t('archive.modules.genuineLicenceHelp')}>
        <Checkbox data-testid="module-genuine-licence">{t('archive.modules.genuineLicence')}</Checkbox>
      </Form.Item>
      <Form.Item name="notes" label={t('archive.modules.notes')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}
