import { App, Button, DatePicker, Form, Input, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { SEVERITIES } from '../../../domain/vocabulary.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../components/session.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { type DueItem, type RecordInput, useDueReturnVisits, useRecordReturnVisit } from './api.ts';

/** The agents' daily call list (回访): who is due, their contact, and recording the outcome. */
export function CallListPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [date, setDate] = useState(dayjs().format('YYYY-MM-DD'));
  const due = useDueReturnVisits(date);
  const [recording, setRecording] = useState<DueItem | null>(null);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <PageHeader
        title={t('serviceQuality.calls.title')}
        testId="call-list-title"
        extra={<DatePicker allowClear={false} value={dayjs(date)} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} />}
      />
      <Table<DueItem>
        rowKey={(r) => `${r.customerId}-${r.kind}`}
        loading={due.isPending}
        dataSource={due.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('serviceQuality.calls.empty') }}
        columns={[
          {
            key: 'customer',
            title: t('serviceQuality.calls.customer'),
            render: (_v, r) => <Link to={`/customers/${r.customerId}?tab=service`}>{r.customerName}</Link>,
          },
          { key: 'kind', title: t('serviceQuality.calls.kind'), render: (_v, r) => t(`serviceQuality.kinds.${r.kind}`) },
          {
            key: 'due',
            title: t('serviceQuality.calls.due'),
            render: (_v, r) => (
              <Space size={4}>
                {r.dueDate}
                {r.isOverdue && <Tag color="red">{t('serviceQuality.calls.overdue')}</Tag>}
              </Space>
            ),
          },
          {
            key: 'contact',
            title: t('serviceQuality.calls.contact'),
            render: (_v, r) => [r.contactName, r.contactPhone].filter(Boolean).join(' ') || '—',
          },
          {
            key: 'act',
            title: '',
            render: (_v, r) =>
              can('return_visit.manage') && (
                <Button size="small" type="primary" onClick={() => setRecording(r)} data-testid="record-call">
                  {t('serviceQuality.calls.record')}
                </Button>
              ),
          },
        ]}
      />
      {recording && <RecordModal item={recording} onClose={() => setRecording(null)} />}
    </Space>
  );
}

type FormValues = {
  outcome: RecordInput['outcome'];
  note?: string;
  title?: string;
  description?: string;
  severity?: (typeof SEVERITIES)[number];
};

function RecordModal({ item, onClose }: { item: DueItem; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const record = useRecordReturnVisit(item.customerId);
  const [form] = Form.useForm<FormValues>();
  const outcome = Form.useWatch('outcome', form);
  return (
    <Modal
      open
      title={`${t('serviceQuality.calls.record')} · ${item.customerName}`}
      onCancel={onClose}
      okButtonProps={{ loading: record.isPending }}
      onOk={() =>
        form.validateFields().then((v) =>
          record.mutate(
            {
              kind: item.kind,
              outcome: v.outcome,
              note: v.note,
              ...(v.outcome === 'follow_up' && v.title && v.description && v.severity
                ? { followUp: { title: v.title, description: v.description, severity: v.severity } }
                : {}),
            },
            {
              onSuccess: (res) => {
                message.success(
                  res.followUpTicket
                    ? t('serviceQuality.calls.recordedWithTicket', { number: res.followUpTicket.number, next: res.nextDueDate })
                    : t('serviceQuality.calls.recorded', { next: res.nextDueDate }),
                );
                onClose();
              },
              onError: (error) => message.error(errorMessage(error, t)),
            },
          ),
        )
      }
    >
      <Form form={form} layout="vertical" initialValues={{ outcome: 'reached', severity: 'normal' }}>
        <Form.Item name="outcome" label={t('serviceQuality.calls.outcome')}>
          <Radio.Group>
            {(['reached', 'not_reached', 'follow_up'] as const).map((o) => (
              <Radio.Button key={o} value={o}>
                {t(`serviceQuality.outcomes.${o}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="note" label={t('serviceQuality.calls.note')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        {outcome === 'follow_up' && (
          <>
            <Form.Item name="title" label={t('serviceQuality.calls.followUpTitle')} rules={[{ required: true }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="description" label={t('serviceQuality.calls.followUpDescription')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
            <Form.Item name="severity" label={t('serviceQuality.calls.severity')}>
              <Select options={SEVERITIES.map((s) => ({ value: s, label: t(`vocab.severity.${s}`) }))} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
