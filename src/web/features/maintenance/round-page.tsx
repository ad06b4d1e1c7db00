import { FilePdfOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Card, Descriptions, Form, Input, Radio, Result, Skeleton, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../components/session.tsx';
import { SignaturePad } from '../../components/signature-pad.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { errorMessage } from '../../lib/errors.ts';
import {
  type ResultsInput,
  type RoundDetail,
  roundReportUrl,
  useRecordResults,
  useReportProblem,
  useRound,
  useSignRound,
  useStartRound,
  useWorkOrderStep,
} from './api.ts';
import { RoundStatusTag } from './maintenance-tab.tsx';

type Entry = ResultsInput['results'][number];
type Item = RoundDetail['checklist'][number];
const SECTIONS = ['A', 'B', 'C'] as const;

/** One round on a phone: start, arrive, the checklists A/B/C item by item, leave, the customer signs, the report. */
export function RoundPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const round = useRound(id);
  const isPortal = useLocation().pathname.startsWith('/portal');
  if (round.isPending) return <Skeleton active />;
  if (round.isError || !round.data) return <Result status="404" title={t('maintenance.notFound')} />;
  const r = round.data;
  return (
    <div className="maintenance-round" data-testid="maintenance-round">
      <Breadcrumb
        items={
          isPortal
            ? [{ title: <Link to="/portal/maintenance">{t('maintenance.title')}</Link> }]
            : [
                { title: <Link to="/maintenance">{t('maintenance.title')}</Link> },
                { title: <Link to={`/customers/${r.customerId}?tab=maintenance`}>{r.customerName}</Link> },
              ]
        }
      />
      <PageHeader
        title={t('maintenance.roundTitle', { customer: r.customerName })}
        subtitle={`${r.windowStart} – ${r.windowEnd}`}
        extra={<RoundStatusTag round={r} />}
      />
      <Space direction="vertical" style={{ width: '100%' }}>
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
            <Descriptions.Item label={t('maintenance.plannedDate')}>{r.plannedDate ?? t('common.none')}</Descriptions.Item>
            <Descriptions.Item label={t('maintenance.assignee')}>{r.assignee?.name ?? t('common.none')}</Descriptions.Item>
            <Descriptions.Item label={t('maintenance.workOrder')}>{r.workOrderNumber ?? t('common.none')}</Descriptions.Item>
            <Descriptions.Item label={t('maintenance.checklistVersion')}>
              {r.checklistVersion ? `v${r.checklistVersion}` : t('common.none')}
            </Descriptions.Item>
            {r.replanReason && <Descriptions.Item label={t('maintenance.reason')}>{r.replanReason}</Descriptions.Item>}
            {r.skip && (
              <Descriptions.Item label={t('maintenance.skipReason')}>
                {t('maintenance.skippedBy', {
                  name: r.skip.by?.name ?? t('common.none'),
                  at: new Date(r.skip.at).toLocaleString(),
                  note: r.skip.note ?? '',
                })}
              </Descriptions.Item>
            )}
          </Descriptions>
          {r.isKeyCustomer && <Alert type="warning" showIcon message={t('maintenance.keyCustomer')} style={{ marginTop: 8 }} />}
        </Card>
        <Steps round={r} />
        <Checklist round={r} />
        {r.status === 'in_progress' && r.workOrderStatus === 'checked_out' && <SignCard round={r} />}
        {r.workOrderId && (
          <Button
            icon={<FilePdfOutlined aria-hidden />}
            href={roundReportUrl(r.id, currentLanguage())}
            target="_blank"
            data-testid="maintenance-report"
          >
            {t('maintenance.report')}
          </Button>
        )}
      </Space>
    </div>
  );
}

function Steps({ round: r }: { round: RoundDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const start = useStartRound(r.id);
  const step = useWorkOrderStep(r.id);
  if (!can('maintenance.work')) return null;
  const onError = (error: unknown) => message.error(errorMessage(error, t));
  if (r.status === 'planned' || (r.status === 'overdue' && !r.workOrderId)) {
    return (
      <Button type="primary" block loading={start.isPending} onClick={() => start.mutate(undefined, { onError })} data-testid="round-start">
        {t('maintenance.start')}
      </Button>
    );
  }
  if (!r.workOrderId) return null;
  const workOrderId = r.workOrderId;
  if (r.workOrderStatus === 'planned') {
    return (
      <Button
        type="primary"
        block
        loading={step.isPending}
        onClick={() => step.mutate({ workOrderId, step: 'check-in' }, { onError })}
        data-testid="round-check-in"
      >
        {t('maintenance.checkIn')}
      </Button>
    );
  }
  if (r.workOrderStatus === 'on_site') {
    return (
      <Button
        block
        loading={step.isPending}
        onClick={() => step.mutate({ workOrderId, step: 'check-out' }, { onError })}
        data-testid="round-check-out"
      >
        {t('maintenance.checkOut')}
      </Button>
    );
  }
  return null;
}

function Checklist({ round: r }: { round: RoundDetail }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const record = useRecordResults(r.id);
  const problem = useReportProblem(r.id);
  const editable = can('maintenance.work') && r.status !== 'done' && !!r.workOrderId;
  const [entries, setEntries] = useState<Record<string, Entry>>({});
  useEffect(() => {
    setEntries(
      Object.fromEntries(
        r.results.map((x) => [
          x.itemKey,
          { itemKey: x.itemKey, result: x.result, note: x.note ?? undefined, measurements: x.measurements },
        ]),
      ),
    );
  }, [r.results]);
  const set = (key: string, patch: Partial<Entry>) =>
    setEntries((all) => ({ ...all, [key]: { ...(all[key] ?? { itemKey: key, result: 'done' }), ...patch } }));
  const label = (item: Item) => (i18n.language === 'en' ? item.labelEn : item.labelZh);
  const saved = new Map(r.results.map((x) => [x.itemKey, x]));
  const onError = (error: unknown) => message.error(errorMessage(error, t));
  return (
    <Card size="small" title={t('maintenance.checklist')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {SECTIONS.map((section) => (
          <div key={section}>
            <Typography.Title level={5}>{t(`maintenance.sections.${section}`)}</Typography.Title>
            {r.checklist
              .filter((item) => item.section === section)
              .map((item) => {
                const entry = entries[item.key];
                const stored = saved.get(item.key);
                return (
                  <Card key={item.key} size="small" style={{ marginBottom: 8 }} data-testid={`item-${item.key}`}>
                    <Typography.Paragraph style={{ marginBottom: 8 }}>{label(item)}</Typography.Paragraph>
                    <Radio.Group
                      disabled={!editable}
                      value={entry?.result}
                      onChange={(e) => set(item.key, { result: e.target.value })}
                      optionType="button"
                      size="small"
                      options={(['done', 'problem', 'not_applicable'] as const).map((v) => ({
                        value: v,
                        label: t(`maintenance.results.${v}`),
                      }))}
                    />
                    {item.key === 'b4_db_backup' && r.isKeyCustomer && (
                      <Typography.Paragraph type="warning" style={{ marginTop: 8, marginBottom: 0 }}>
                        {t('maintenance.archiveLogRequired')}
                      </Typography.Paragraph>
                    )}
                    {item.measurements.map((m) => (
                      <Form.Item key={m} label={t(`maintenance.measurements.${m}`)} style={{ margin: '8px 0 0' }}>
                        <Input
                          size="small"
                          disabled={!editable}
                          value={entry?.measurements?.[m] ?? ''}
                          onChange={(e) => set(item.key, { measurements: { ...entry?.measurements, [m]: e.target.value } })}
                        />
                      </Form.Item>
                    ))}
                    <Input.TextArea
                      style={{ marginTop: 8 }}
                      rows={1}
                      disabled={!editable}
                      placeholder={t('maintenance.note')}
                      value={entry?.note ?? ''}
                      onChange={(e) => set(item.key, { note: e.target.value })}
                    />
                    {stored?.ticketNumber ? (
                      <Link to={`/tickets/${stored.ticketId}`}>{t('maintenance.request', { number: stored.ticketNumber })}</Link>
                    ) : (
                      editable &&
                      stored?.result === 'problem' && (
                        <Button
                          size="small"
                          danger
                          style={{ marginTop: 8 }}
                          loading={problem.isPending}
                          onClick={() => problem.mutate({ itemKey: item.key }, { onError })}
                          data-testid={`problem-${item.key}`}
                        >
                          {t('maintenance.toRequest')}
                        </Button>
                      )
                    )}
                  </Card>
                );
              })}
          </div>
        ))}
        {editable && (
          <Button
            block
            onClick={() => {
              for (const item of r.checklist) if (!entries[item.key]) set(item.key, { result: 'done' });
            }}
            data-testid="round-all-done"
          >
            {t('maintenance.allDone')}
          </Button>
        )}
        {editable && (
          <Button
            type="primary"
            block
            loading={record.isPending}
            disabled={Object.keys(entries).length === 0}
            onClick={() =>
              record.mutate(
                {
                  results: Object.values(entries).map((e) => ({
                    ...e,
                    note: e.note?.trim() || undefined,
                    measurements: Object.fromEntries(Object.entries(e.measurements ?? {}).filter(([, v]) => v?.trim())),
                  })),
                },
                { onSuccess: () => message.success(t('maintenance.saved')), onError },
              )
            }
            data-testid="round-save"
          >
            {t('maintenance.save')}
          </Button>
        )}
      </Space>
    </Card>
  );
}

function SignCard({ round: r }: { round: RoundDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const sign = useSignRound(r.id);
  const [signature, setSignature] = useState<string | null>(null);
  const [form] = Form.useForm<{ signerName: string; signerTitle?: string }>();
  return (
    <Card size="small" title={t('maintenance.sign')}>
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) =>
          signature &&
          sign.mutate(
            { signerName: values.signerName, signature, ...(values.signerTitle ? { signerTitle: values.signerTitle } : {}) },
            { onError: (error) => message.error(errorMessage(error, t)) },
          )
        }
      >
        <Form.Item name="signerName" label={t('maintenance.signerName')} rules={[{ required: true }]}>
          <Input maxLength={100} data-testid="round-signer" />
        </Form.Item>
        <Form.Item name="signerTitle" label={t('maintenance.signerTitle')}>
          <Input maxLength={100} />
        </Form.Item>
        <SignaturePad onChange={setSignature} />
        <Button
          type="primary"
          htmlType="submit"
          block
          disabled={!signature}
          loading={sign.isPending}
          style={{ marginTop: 8 }}
          data-testid="round-sign"
        >
          {t('maintenance.signSubmit')}
        </Button>
      </Form>
    </Card>
  );
}
