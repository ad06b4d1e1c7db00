import { EnvironmentOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Steps, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ON_SITE_FAULT_CLEARED_HOURS } from '../../../domain/sla/default-policies.ts';
import { onSiteFaultClock } from '../../../domain/sla/on-site-fault.ts';
import { ESCALATION_LEVELS, SLA_METRICS } from '../../../domain/sla.ts';
import { ArrivalBody } from '../../../server/features/sla/sla.schema.ts';
import type { TicketDetail, TicketEvent } from '../../api/types.ts';
import { useTimeZone } from '../../components/session.tsx';
import { useVocab } from '../../components/vocab.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { applyServerFieldErrors, schemaRules } from '../../lib/schema-form.ts';
import { formatBusinessDuration } from '../../lib/sla.ts';
import { withTestId } from '../../lib/test-id.ts';
import { formatDateTime, formatShortDateTime } from '../../lib/time.ts';
import { useRecordArrival } from '../tickets/api.ts';
import { readTargets, targetStatusText } from './sla-badge.tsx';
import { useSlaClock } from './use-sla-clock.ts';

type PauseSpan = { from: string; to: string | null };

/** Waiting on the customer pauses the clocks the policy names: the spans come from the timeline's status changes. */
export function pauseSpans(events: readonly TicketEvent[]): PauseSpan[] {
  const spans: PauseSpan[] = [];
  for (const event of events) {
    if (event.type !== 'status_changed') continue;
    const { from, to } = event.data as { from?: string; to?: string };
    if (to === 'waiting_on_customer') spans.push({ from: event.createdAt, to: null });
    else if (from === 'waiting_on_customer' && spans.length > 0 && spans[spans.length - 1].to === null) {
      spans[spans.length - 1].to = event.createdAt;
    }
  }
  return spans;
}

function ArrivalButton({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ note?: string }>();
  const arrival = useRecordArrival(ticket.id);
  const { rules } = schemaRules(ArrivalBody.shape, t);
  const submit = ({ note }: { note?: string }) =>
    arrival.mutate(
      { note: note?.trim() || undefined },
      {
        onSuccess: () => {
          setOpen(false);
          form.resetFields();
          message.success(t('arrival.done'));
        },
        onError: (error) => {
          if (!applyServerFieldErrors(form, error)) message.error(errorMessage(error, t));
        },
      },
    );
  return (
    <>
      <Button
        type="primary"
        ghost
        block
        icon={<EnvironmentOutlined aria-hidden />}
        onClick={() => setOpen(true)}
        data-testid="arrival-button"
      >
        {t('arrival.button')}
      </Button>
      <Modal
        open={open}
        title={t('arrival.title')}
        okText={t('arrival.submit')}
        cancelText={t('common.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        confirmLoading={arrival.isPending}
        destroyOnHidden
        okButtonProps={withTestId({}, 'arrival-submit')}
      >
        <Typography.Paragraph type="secondary">{t('arrival.body')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
          <Form.Item name="note" label={t('arrival.note')} rules={rules('note')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder={t('arrival.notePlaceholder')} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** Every commitment of the request: due time, state, business time left, met/breached times, pauses, escalation. */
export function SlaPanel({ ticket, asOf, audience }: { ticket: TicketDetail; asOf: number; audience: 'staff' | 'customer' }) {
  const { t } = useTranslation();
  const { label } = useVocab();
  const timeZone = useTimeZone();
  const { now, calendars } = useSlaClock();
  const order = (metric: string) => SLA_METRICS.indexOf(metric as (typeof SLA_METRICS)[number]);
  const readings = readTargets(ticket.sla, asOf, now, calendars).sort((a, b) => order(a.target.metric) - order(b.target.metric));
  const onSite = ticket.sla.find((target) => target.metric === 'on_site');
  const pauses = pauseSpans(ticket.events);
  const isClosed = ticket.status === 'closed' || ticket.status === 'cancelled';
  // 000: an on-site fault is cleared within 24 hours of the engineer's check-in (the visit's default clock).
  const faultClock = onSiteFaultClock({
    arrivedAt: onSite?.metAt ? new Date(onSite.metAt) : null,
    resolvedAt: ticket.resolvedAt ? new Date(ticket.resolvedAt) : null,
    now: new Date(now),
  });
  const faultTone = { running: 'ok', overdue: 'breached', met: 'met', breached: 'breached' } as const;

  return (
    <Card size="small" title={t('sla.panelTitle')} className="side-card sla-panel" data-testid="sla-panel">
      {readings.length === 0 ? (
        <Typography.Text type="secondary">{t('sla.noPolicy')}</Typography.Text>
      ) : (
        <ul className="sla-targets">
          {readings.map(({ target, leftMs, tone }) => (
            <li key={target.metric} className="sla-target" data-testid={`sla-target-${target.metric}`} data-tone={tone}>
              <div className="sla-target-head">
                <span className={`sla-dot sla-dot-${tone}`} />
                <span className="sla-target-name">{label('slaMetric', target.metric)}</span>
                <span className={`sla-badge sla-badge-${tone}`}>{targetStatusText(leftMs, tone, t)}</span>
              </div>
              <div className="sla-target-meta">
                <span>
                  {t('sla.target')} {formatBusinessDuration(target.targetMinutes * 60_000, t)}
                </span>
                {target.metAt ? (
                  <span>{t('sla.metAt', { time: formatShortDateTime(target.metAt, timeZone) })}</span>
                ) : target.stoppedAt ? (
                  <span data-testid={`sla-stopped-${target.metric}`}>
                    {t('sla.stoppedAt', { time: formatShortDateTime(target.stoppedAt, timeZone) })}
                  </span>
                ) : target.dueAt ? (
                  <Tooltip title={formatDateTime(target.dueAt, timeZone)}>
                    <span>
                      {t('sla.due')} {formatShortDateTime(target.dueAt, timeZone)}
                    </span>
                  </Tooltip>
                ) : (
                  target.state === 'paused' && <span>{t('sla.pausedNote')}</span>
                )}
                {target.breachedAt && (
                  <span className="sla-breached-at">{t('sla.breachedAt', { time: formatShortDateTime(target.breachedAt, timeZone) })}</span>
                )}
              </div>
            </li>
          ))}
          {faultClock && (
            <li className="sla-target" data-testid="sla-on-site-fault" data-tone={faultTone[faultClock.state]}>
              <div className="sla-target-head">
                <span className={`sla-dot sla-dot-${faultTone[faultClock.state]}`} />
                <span className="sla-target-name">{t('sla.onSiteFault.name', { hours: ON_SITE_FAULT_CLEARED_HOURS })}</span>
                <span className={`sla-badge sla-badge-${faultTone[faultClock.state]}`}>
                  {t(`sla.onSiteFault.${faultClock.state}`, { duration: formatBusinessDuration(faultClock.leftMs, t) })}
                </span>
              </div>
              <div className="sla-target-meta">
                <span>{t('sla.onSiteFault.from', { time: formatShortDateTime(faultClock.arrivedAt.toISOString(), timeZone) })}</span>
                <span>
                  {t('sla.due')} {formatShortDateTime(faultClock.dueAt.toISOString(), timeZone)}
                </span>
              </div>
            </li>
          )}
          {!onSite && (
            <li className="sla-target sla-target-idle">
              <div className="sla-target-head">
                <span className="sla-dot" />
                <span className="sla-target-name">{label('slaMetric', 'on_site')}</span>
              </div>
              <div className="sla-target-meta">
                <span>{t('sla.onSiteNotStarted')}</span>
              </div>
            </li>
          )}
        </ul>
      )}

      {pauses.length > 0 && (
        <div className="sla-section">
          <div className="sla-section-title">{t('sla.pauseHistory')}</div>
          {pauses.map((span) => (
            <div key={span.from} className="sla-pause">
              {span.to
                ? t('sla.pauseInterval', { from: formatShortDateTime(span.from, timeZone), to: formatShortDateTime(span.to, timeZone) })
                : t('sla.pauseOngoing', { from: formatShortDateTime(span.from, timeZone) })}
            </div>
          ))}
        </div>
      )}

      {audience === 'staff' && (
        <div className="sla-section">
          <div className="sla-section-title">
            {t('sla.escalation')}
            <Typography.Text type="secondary" className="sla-section-hint">
              {t('sla.escalationHint')}
            </Typography.Text>
          </div>
          <Steps
            orientation="vertical"
            size="small"
            current={Math.min(ticket.escalationLevel, ESCALATION_LEVELS.length - 1)}
            className="sla-escalation"
            data-testid="sla-escalation"
            items={ESCALATION_LEVELS.map((level) => ({ title: label('escalationLevelFull', level) }))}
          />
        </div>
      )}

      {audience === 'staff' && onSite && !isClosed && (
        <div className="sla-section">
          {onSite.metAt ? (
            <Typography.Text type="success">{t('arrival.alreadyMet', { time: formatDateTime(onSite.metAt, timeZone) })}</Typography.Text>
          ) : (
            <ArrivalButton ticket={ticket} />
          )}
        </div>
      )}
    </Card>
  );
}
