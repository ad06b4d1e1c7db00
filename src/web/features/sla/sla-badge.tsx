import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined, PauseCircleOutlined, StopOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaTarget } from '../../api/types.ts';
import { HoverTooltip } from '../../components/hover-tooltip.tsx';
import { useTimeZone } from '../../components/session.tsx';
import { useVocab } from '../../components/vocab.tsx';
import { businessLeftNow, formatBusinessDuration, mostUrgentTarget, type SlaTone, slaTone } from '../../lib/sla.ts';
import { formatDateTime } from '../../lib/time.ts';
import { type CompiledCalendars, useSlaClock } from './use-sla-clock.ts';
import './sla.css';

const TONE_ICON: Record<SlaTone, ReactNode> = {
  ok: <ClockCircleOutlined aria-hidden />,
  warn: <ClockCircleOutlined aria-hidden />,
  breached: <ExclamationCircleOutlined aria-hidden />,
  paused: <PauseCircleOutlined aria-hidden />,
  met: <CheckCircleOutlined aria-hidden />,
  metLate: <CheckCircleOutlined aria-hidden />,
  cancelled: <StopOutlined aria-hidden />,
  notNeeded: <StopOutlined aria-hidden />,
};

/** A target's state in a few words: "剩余 7分", "超时 2小时", "已暂停 · 剩余 1小时", "已达成". */
export function targetStatusText(leftMs: number, tone: SlaTone, t: TFunction): string {
  const time = formatBusinessDuration(leftMs, t);
  switch (tone) {
    case 'met':
      return t('sla.met');
    case 'metLate':
      return t('sla.metLate');
    case 'cancelled':
      return t('sla.cancelled');
    case 'notNeeded':
      return t('sla.notNeeded');
    case 'paused':
      return t('sla.pausedLeft', { time });
    case 'breached':
      return t('sla.over', { time });
    default:
      return t('sla.left', { time });
  }
}

export type TargetReading = { target: SlaTarget; leftMs: number; tone: SlaTone };

/** Each target with its business time left now and its tone. */
export function readTargets(targets: readonly SlaTarget[], asOf: number, now: number, calendars: CompiledCalendars): TargetReading[] {
  return targets.map((target) => {
    const leftMs = businessLeftNow(target, asOf, now, calendars.get(target.calendarId));
    return { target, leftMs, tone: slaTone(target, leftMs) };
  });
}

type Props = {
  targets: readonly SlaTarget[];
  /** When the server computed `businessMsLeft` (the query's dataUpdatedAt). */
  asOf: number;
  testId?: string;
};

/** The request's most urgent commitment as a coloured pill; the tooltip lists every target. */
export function SlaBadge({ targets, asOf, testId = 'sla-badge' }: Props) {
  const { t } = useTranslation();
  const { label } = useVocab();
  const timeZone = useTimeZone();
  const { now, calendars } = useSlaClock();
  if (targets.length === 0) return null;

  const readings = readTargets(targets, asOf, now, calendars);
  const urgent = mostUrgentTarget(targets);
  const shown = urgent ? readings.find((r) => r.target === urgent) : undefined;
  // Nothing owed any more: a breach that happened still shows (stopped), else all met, else cancelled.
  const stoppedBreach = shown ? undefined : readings.find((r) => r.tone === 'breached');
  const allMet = !shown && readings.some((r) => r.tone === 'met' || r.tone === 'metLate');
  const tone: SlaTone = shown ? shown.tone : stoppedBreach ? 'breached' : allMet ? 'met' : 'cancelled';
  const text = shown
    ? `${label('slaMetricShort', shown.target.metric)} ${targetStatusText(shown.leftMs, shown.tone, t)}`
    : stoppedBreach
      ? `${label('slaMetricShort', stoppedBreach.target.metric)} ${label('slaState', 'breached')}`
      : allMet
        ? t('sla.allMet')
        : t('sla.cancelled');

  const tooltip = (
    <div className="sla-tooltip">
      {readings.map(({ target, leftMs, tone: rowTone }) => (
        <div key={target.metric} className="sla-tooltip-row">
          <span className={`sla-dot sla-dot-${rowTone}`} />
          <span className="sla-tooltip-metric">{label('slaMetric', target.metric)}</span>
          <span className="sla-tooltip-state">{targetStatusText(leftMs, rowTone, t)}</span>
          {target.dueAt && !target.metAt && (
            <span className="sla-tooltip-due">{t('sla.tooltipDue', { time: formatDateTime(target.dueAt, timeZone) })}</span>
          )}
        </div>
      ))}
      <div className="sla-tooltip-note">{t('sla.tooltipBusiness')}</div>
    </div>
  );

  return (
    <HoverTooltip title={tooltip} styles={{ root: { maxWidth: 420 } }}>
      <span className={`sla-badge sla-badge-${tone}`} data-testid={testId} data-tone={tone}>
        {TONE_ICON[tone]}
        <span className="sla-badge-text">{text}</span>
      </span>
    </HoverTooltip>
  );
}
