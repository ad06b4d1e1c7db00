import { Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan, useSession } from '../../components/session.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { type Round, SKIP_REASONS, type SkipInput, useCustomerRounds, useReplanRound, useSkipRound, useStartRound } from './api.ts';
import { AssessmentCard } from './assessment-card.tsx';
import { ProfileCard } from './profile-card.tsx';

export const STATUS_COLORS: Record<Round['status'], string> = {
  planned: 'blue',
  in_progress: 'gold',
  done: 'green',
  skipped: 'default',
  overdue: 'red',
};

/** The hospital's own rounds in the portal: the same tab, read-only (the policy hides planning), its reports. */
export function PortalMaintenancePage() {
  const { t } = useTranslation();
  const user = useSession();
  if (!user.customerId) return null;
  return (
    <div>
      <PageHeader title={t('maintenance.title')} />
      <MaintenanceTab customerId={user.customerId} basePath="/portal" />
    </div>
  );
}

/** 维护计划 on the customer: the year's routine rounds (contract years overlapping it), re-plan and start. */
export function MaintenanceTab({ customerId, basePath = '' }: { customerId: string; basePath?: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const [year, setYear] = useState(new Date().getFullYear());
  const rounds = useCustomerRounds(customerId, year);
  const [replanning, setReplanning] = useState<Round | null>(null);
  const [skipping, setSkipping] = useState<Round | null>(null);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="maintenance-tab">
      <ProfileCard customerId={customerId} />
      <Space wrap>
        <Typography.Text>{t('maintenance.year')}</Typography.Text>
        <InputNumber
          aria-label={t('maintenance.year')}
          min={2000}
          max={2199}
          value={year}
          onChange={(v) => v && setYear(v)}
          data-testid="maintenance-year"
        />
      </Space>
      <Table<Round>
        rowKey="id"
        size="small"
        loading={rounds.isPending}
        dataSource={rounds.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('maintenance.none') }}
        columns={[
          {
            key: 'window',
            title: t('maintenance.window'),
            render: (_v, r) => (
              <Link to={`${basePath}/maintenance-rounds/${r.id}`}>
                {r.windowStart} – {r.windowEnd}
              </Link>
            ),
          },
          {
            key: 'planned',
            title: t('maintenance.plannedDate'),
            render: (_v, r) => (
              <Space size={4}>
                {r.plannedDate ?? t('common.none')}
                {r.replanReason && <Tag color="orange">{t('maintenance.byHandWithReason')}</Tag>}
              </Space>
            ),
          },
          {
            key: 'status',
            title: t('maintenance.status'),
            render: (_v, r) => <RoundStatusTag round={r} />,
          },
          { key: 'assignee', title: t('maintenance.assignee'), render: (_v, r) => r.assignee?.name ?? t('common.none') },
          {
            key: 'kind',
            title: t('maintenance.basis'),
            render: (_v, r) => (r.isFreeYear ? t('maintenance.freeYear') : t('maintenance.contractYear', { year: r.contractYear })),
          },
          {
            key: 'actions',
            title: '',
            render: (_v, r) =>
              can('maintenance.work') && r.status !== 'done' && r.status !== 'skipped' && !r.workOrderId ? (
                <Space>
                  <Button size="small" onClick={() => setReplanning(r)} data-testid="maintenance-replan">
                    {t('maintenance.replan')}
                  </Button>
                  <StartButton round={r} />
                  {can('maintenance.skip') && (
                    <Button size="small" onClick={() => setSkipping(r)} data-testid="maintenance-skip">
                      {t('maintenance.skip')}
                    </Button>
                  )}
                </Space>
              ) : null,
          },
        ]}
      />
      <AssessmentCard customerId={customerId} year={year} rounds={rounds.data ?? []} />
      {replanning && <ReplanModal round={replanning} onClose={() => setReplanning(null)} />}
      {skipping && <SkipModal round={skipping} onClose={() => setSkipping(null)} />}
    </Space>
  );
}

function StartButton({ round }: { round: Round }) {
  const { t } = useTranslation();
  const start = useStartRound(round.id);
  return (
    <Button size="small" type="primary" loading={start.isPending} onClick={() => start.mutate(undefined)} data-testid="maintenance-start">
      {t('maintenance.start')}
    </Button>
  );
}

function ReplanModal({ round, onClose }: { round: Round; onClose: () => void }) {
  const { t } = useTranslation();
  const replan = useReplanRound(round.id);
  const [form] = Form.useForm<{ plannedDate: string; reason?: string }>();
  const [needsReason, setNeedsReason] = useState(false);
  return (
    <Modal
      open
      title={t('maintenance.replanTitle', { window: `${round.windowStart} – ${round.windowEnd}` })}
      onCancel={onClose}
      okText={t('common.save')}
      confirmLoading={replan.isPending}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ plannedDate: round.plannedDate ?? round.windowStart }}
        onFinish={(values) =>
          replan.mutate(
            { plannedDate: values.plannedDate, ...(values.reason ? { reason: values.reason } : {}) },
            {
              onSuccess: onClose,
              onError: (error) => {
                setNeedsReason(true);
                form.setFields([{ name: 'plannedDate', errors: [errorMessage(error, t)] }]);
              },
            },
          )
        }
      >
        <Form.Item name="plannedDate" label={t('maintenance.plannedDate')} rules={[{ required: true }]}>
          <Input type="date" min={round.windowStart} max={round.windowEnd} data-testid="maintenance-date" />
        </Form.Item>
        <Form.Item name="reason" label={t('maintenance.reason')} extra={needsReason ? t('maintenance.reasonHelp') : undefined}>
          <Input.TextArea rows={2} maxLength={500} data-testid="maintenance-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The status; a skipped round says who skipped it, when and why. */
export function RoundStatusTag({ round }: { round: Round }) {
  const { t } = useTranslation();
  const tag = (
    <Tag color={STATUS_COLORS[round.status]} data-testid="maintenance-status">
      {t(`maintenance.statuses.${round.status}`)}
      {round.skip && ` · ${t(`maintenance.skipReasons.${round.skip.reason}`)}`}
    </Tag>
  );
  if (!round.skip) return tag;
  return (
    <Tooltip
      title={t('maintenance.skippedBy', {
        name: round.skip.by?.name ?? t('common.none'),
        at: new Date(round.skip.at).toLocaleString(),
        note: round.skip.note ?? '',
      })}
    >
      {tag}
    </Tooltip>
  );
}

function SkipModal({ round, onClose }: { round: Round; onClose: () => void }) {
  const { t } = useTranslation();
  const skip = useSkipRound(round.id);
  const [form] = Form.useForm<SkipInput>();
  const reason = Form.useWatch('reason', form);
  return (
    <Modal
      open
      title={t('maintenance.skipTitle', { window: `${round.windowStart} – ${round.windowEnd}` })}
      onCancel={onClose}
      okText={t('maintenance.skip')}
      confirmLoading={skip.isPending}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) =>
          skip.mutate(
            { reason: values.reason, ...(values.note?.trim() ? { note: values.note.trim() } : {}) },
            {
              onSuccess: onClose,
              onError: (error) => form.setFields([{ name: 'note', errors: [errorMessage(error, t)] }]),
            },
          )
        }
      >
        <Form.Item name="reason" label={t('maintenance.skipReason')} rules={[{ required: true, message: t('maintenance.skipReason') }]}>
          <Select
            data-testid="maintenance-skip-reason"
            options={SKIP_REASONS.map((r) => ({ value: r, label: t(`maintenance.skipReasons.${r}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('maintenance.skipNote')}
          rules={[{ required: reason === 'merged_with_visit' || reason === 'other', message: t('maintenance.skipNoteRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={1000} data-testid="maintenance-skip-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
