import { ToolOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Empty, Form, Input, Select, Space, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RMA_OUTCOMES, type RmaOutcome } from '../../../domain/cannot-solve.ts';
import { DateTime } from '../../components/date-time.tsx';
import { useCan } from '../../components/session.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { type RmaRecord, useRmas, useSaveRma } from './api.ts';

type RmaForm = {
  manufacturer: string;
  caseNumber?: string;
  sentAt: Dayjs;
  returnedAt?: Dayjs | null;
  outcome?: RmaOutcome | null;
  customerToldAt?: Dayjs | null;
  newDeadline?: Dayjs | null;
  note?: string;
};

const toForm = (r: RmaRecord): RmaForm => ({
  manufacturer: r.manufacturer,
  caseNumber: r.caseNumber ?? undefined,
  sentAt: dayjs(r.sentAt),
  returnedAt: r.returnedAt ? dayjs(r.returnedAt) : null,
  outcome: r.outcome,
  customerToldAt: r.customerToldAt ? dayjs(r.customerToldAt) : null,
  newDeadline: r.newDeadline ? dayjs(r.newDeadline, 'YYYY-MM-DD') : null,
  note: r.note ?? undefined,
});

/** Equipment sent to its manufacturer or authorised agent (厂家): sent, returned, repaired or replaced, customer told. */
export function RmaCard({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const rmas = useRmas(ticketId, can('rma.read'));
  const save = useSaveRma(ticketId);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [form] = Form.useForm<RmaForm>();
  if (!can('rma.read')) return null;
  const items = rmas.data?.items ?? [];

  const open = (record: RmaRecord | null) => {
    form.setFieldsValue(record ? toForm(record) : { manufacturer: '', sentAt: dayjs() });
    setEditing(record?.id ?? 'new');
  };
  const submit = async (v: RmaForm) => {
    try {
      await save.mutateAsync({
        id: editing === 'new' || editing === null ? undefined : editing,
        manufacturer: v.manufacturer,
        caseNumber: v.caseNumber?.trim() || null,
        sentAt: v.sentAt.toISOString(),
        returnedAt: v.returnedAt ? v.returnedAt.toISOString() : null,
        outcome: v.outcome ?? null,
        customerToldAt: v.customerToldAt ? v.customerToldAt.toISOString() : null,
        newDeadline: v.newDeadline ? v.newDeadline.format('YYYY-MM-DD') : null,
        note: v.note?.trim() || null,
      });
      setEditing(null);
    } catch (error) {
      message.error(errorMessage(error, t));
    }
  };

  return (
    <Card
      size="small"
      className="rma-card"
      data-testid="rma-card"
      title={
        <span>
          <ToolOutlined aria-hidden /> {t('rma.title')}
        </span>
      }
      extra={
        can('rma.manage') &&
        editing === null && (
          <Button size="small" onClick={() => open(null)}>
            {t('rma.add')}
          </Button>
        )
      }
    >
      {editing !== null && (
        <Form form={form} layout="vertical" size="small" onFinish={submit}>
          <Form.Item
            name="manufacturer"
            label={t('rma.manufacturer')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="caseNumber" label={t('rma.caseNumber')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="sentAt" label={t('rma.sentAt')} rules={[{ required: true, message: t('validation.required') }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" className="full-width" />
          </Form.Item>
          <Form.Item name="returnedAt" label={t('rma.returnedAt')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" className="full-width" />
          </Form.Item>
          <Form.Item name="outcome" label={t('rma.outcome')}>
            <Select allowClear options={RMA_OUTCOMES.map((o) => ({ value: o, label: t(`rma.outcomes.${o}`) }))} />
          </Form.Item>
          <Form.Item name="customerToldAt" label={t('rma.customerToldAt')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" className="full-width" />
          </Form.Item>
          <Form.Item name="newDeadline" label={t('rma.newDeadline')}>
            <DatePicker className="full-width" />
          </Form.Item>
          <Form.Item name="note" label={t('rma.note')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
          </Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
            <Button onClick={() => setEditing(null)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      )}
      {items.length === 0 && editing === null ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rma.empty')} />
      ) : (
        <ul className="rma-list">
          {items.map((r) => (
            <li key={r.id} data-testid="rma-item">
              <Space size={6} wrap>
                <strong>{r.manufacturer}</strong>
                {r.caseNumber && <span className="muted">{r.caseNumber}</span>}
                {r.outcome ? <Tag color="green">{t(`rma.outcomes.${r.outcome}`)}</Tag> : <Tag>{t('rma.away')}</Tag>}
              </Space>
              <div className="muted">
                {t('rma.sentAt')} <DateTime value={r.sentAt} />
                {r.returnedAt && (
                  <>
                    {' · '}
                    {t('rma.returnedAt')} <DateTime value={r.returnedAt} />
                  </>
                )}
              </div>
              {r.customerToldAt && (
                <div className="muted">
                  {t('rma.customerToldAt')} <DateTime value={r.customerToldAt} />
                </div>
              )}
              {r.newDeadline && <div>{t('rma.newDeadlineLine', { date: r.newDeadline })}</div>}
              {r.note && <div>{r.note}</div>}
              {can('rma.manage') && editing === null && (
                <Button size="small" type="link" onClick={() => open(r)}>
                  {t('rma.edit')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
