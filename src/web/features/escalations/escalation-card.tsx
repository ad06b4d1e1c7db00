import { BugOutlined, RiseOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Form, Input, Radio, Space, Switch, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ESCALATION_PATHS, type EscalationPath } from '../../../domain/cannot-solve.ts';
import { isApiError } from '../../api/client.ts';
import { DateTime } from '../../components/date-time.tsx';
import { useCan, useSession } from '../../components/session.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { type Escalation, useEscalate, useEscalations, useRecordReproduction, useReportDefect } from './api.ts';
import './escalations.css';

/** "Escalate: cannot solve / 无法解决，升级" with its history, the reproduction test and the defect hand-off to R&D. */
export function EscalationCard({ ticketId, isFinished }: { ticketId: string; isFinished: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const history = useEscalations(ticketId, can('escalation.read'));
  const escalate = useEscalate(ticketId);
  const report = useReportDefect(ticketId);
  const [mode, setMode] = useState<'none' | 'escalate' | 'defect'>('none');
  const [form] = Form.useForm<{ path: EscalationPath; reason: string }>();
  const [defectForm] = Form.useForm<{ summary: string; reproduction?: string }>();
  if (!can('escalation.read')) return null;
  const items = history.data?.items ?? [];
  const withTest = [...items].reverse().find((e) => e.reproduction);

  const submit = async (values: { path: EscalationPath; reason: string }) => {
    try {
      const done = await escalate.mutateAsync(values);
      form.resetFields();
      setMode('none');
      message.success(t('escalations.done', { rung: t(`escalations.rungs.${done.rung}`), name: done.assignee?.name ?? '' }));
    } catch (error) {
      message.error(
        isApiError(error, 'reproduction_required')
          ? t('escalations.reproductionRequired')
          : isApiError(error, 'conflict')
            ? t('escalations.noHolder')
            : errorMessage(error, t),
      );
    }
  };
  const submitDefect = async (values: { summary: string; reproduction?: string }) => {
    try {
      await report.mutateAsync({
        summary: values.summary,
        reproduction: values.reproduction?.trim() || undefined,
        escalationId: withTest?.id,
      });
      defectForm.resetFields();
      setMode('none');
      message.success(t('escalations.defectDone'));
    } catch (error) {
      message.error(errorMessage(error, t));
    }
  };

  return (
    <Card
      size="small"
      className="escalation-card"
      data-testid="escalation-card"
      title={
        <span>
          <RiseOutlined aria-hidden /> {t('escalations.title')}
        </span>
      }
    >
      <Space wrap size={6} className="escalation-actions">
        {can('escalation.create') && !isFinished && (
          <Button size="small" danger onClick={() => setMode('escalate')} data-testid="escalate-cannot-solve">
            {t('escalations.action')}
          </Button>
        )}
        {can('defect_report.create') && (
          <Button size="small" icon={<BugOutlined aria-hidden />} onClick={() => setMode('defect')}>
            {t('escalations.defect')}
          </Button>
        )}
      </Space>
      {mode === 'escalate' && (
        <Form form={form} layout="vertical" size="small" onFinish={submit} initialValues={{ path: 'on_site' }}>
          <Form.Item name="path" label={t('escalations.path')}>
            <Radio.Group className="escalation-paths">
              {ESCALATION_PATHS.map((p) => (
                <Radio key={p} value={p}>
                  {t(`escalations.paths.${p}`)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('escalations.reason')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} data-testid="escalation-reason" />
          </Form.Item>
          <Space wrap>
            <Button type="primary" danger htmlType="submit" loading={escalate.isPending} data-testid="escalation-submit">
              {t('escalations.submit')}
            </Button>
            <Button onClick={() => setMode('none')}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      )}
      {mode === 'defect' && (
        <Form form={defectForm} layout="vertical" size="small" onFinish={submitDefect}>
          <Form.Item
            name="summary"
            label={t('escalations.defectSummary')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={8000} />
          </Form.Item>
          <Form.Item
            name="reproduction"
            label={t('escalations.defectReproduction')}
            extra={withTest ? t('escalations.defectUsesTest') : undefined}
            rules={withTest ? [] : [{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={8000} />
          </Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={report.isPending}>
              {t('escalations.defectSubmit')}
            </Button>
            <Button onClick={() => setMode('none')}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      )}
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('escalations.empty')} />
      ) : (
        <ol className="escalation-history">
          {items.map((e) => (
            <EscalationItem key={e.id} escalation={e} ticketId={ticketId} />
          ))}
        </ol>
      )}
    </Card>
  );
}

function EscalationItem({ escalation: e, ticketId }: { escalation: Escalation; ticketId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const me = useSession();
  const record = useRecordReproduction(ticketId);
  const [form] = Form.useForm<{ environment: string; steps: string; reproduced: boolean }>();
  const mayRecord = e.rung === 'product_manager' && !e.reproduction && can('escalation.record_reproduction') && e.assignee?.id === me.id;
  const submit = async (values: { environment: string; steps: string; reproduced: boolean }) => {
    try {
      await record.mutateAsync({ escalationId: e.id, ...values, reproduced: Boolean(values.reproduced) });
    } catch (error) {
      message.error(errorMessage(error, t));
    }
  };
  return (
    <li className="escalation-item" data-testid="escalation-item" data-rung={e.rung}>
      <Space size={6} wrap>
        <Tag color="red">{t(`escalations.rungs.${e.rung}`)}</Tag>
        <span>{e.assignee?.name}</span>
        <span className="muted">
          {t(`escalations.pathShort.${e.path}`)} · <DateTime value={e.createdAt} />
        </span>
      </Space>
      <div className="escalation-reason">{e.reason}</div>
      {e.reproduction && (
        <div className="escalation-repro">
          <Tag color={e.reproduction.reproduced ? 'orange' : 'default'}>
            {e.reproduction.reproduced ? t('escalations.reproduced') : t('escalations.notReproduced')}
          </Tag>
          <div>
            {t('escalations.environment')}: {e.reproduction.environment}
          </div>
          <div className="escalation-steps">{e.reproduction.steps}</div>
        </div>
      )}
      {mayRecord && (
        <Form form={form} layout="vertical" size="small" onFinish={submit} initialValues={{ reproduced: true }} className="repro-form">
          <div className="repro-title">{t('escalations.reproduction')}</div>
          <Form.Item
            name="environment"
            label={t('escalations.environment')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input maxLength={2000} />
          </Form.Item>
          <Form.Item
            name="steps"
            label={t('escalations.steps')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={8000} />
          </Form.Item>
          <Form.Item name="reproduced" label={t('escalations.reproduced')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Button htmlType="submit" loading={record.isPending}>
            {t('escalations.record')}
          </Button>
        </Form>
      )}
    </li>
  );
}
