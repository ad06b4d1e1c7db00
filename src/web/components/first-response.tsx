import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { FIRST_RESPONSE_MINUTES, minutesToFirstResponse } from '../../domain/severity.ts';
import { OPEN_STATUSES, type Severity, type Status } from '../../domain/vocabulary.ts';
import { formatDateTime, formatDuration, useNow } from '../lib/time.ts';
import { HoverTooltip } from './hover-tooltip.tsx';
import { useTimeZone } from './session.tsx';

type Props = {
  severity: Severity;
  status: Status;
  createdAt: string;
  firstRespondedAt: string | null;
  /** `full` also says when it was answered; the queue shows the bare countdown. */
  mode?: 'compact' | 'full';
};

function isOpen(status: Status): boolean {
  return (OPEN_STATUSES as readonly Status[]).includes(status);
}

/** Time left to the first-response promise (001: 10/30/60 min), ticking every second. */
export function FirstResponse({ severity, status, createdAt, firstRespondedAt, mode = 'compact' }: Props) {
  const { t } = useTranslation();
  const timeZone = useTimeZone();
  if (firstRespondedAt) {
    if (mode === 'compact') return <span className="muted">{t('firstResponse.responded')}</span>;
    return (
      <span className="first-response first-response-ok">
        <CheckCircleOutlined aria-hidden /> {t('firstResponse.respondedAt', { time: formatDateTime(firstRespondedAt, timeZone) })}
      </span>
    );
  }
  if (!isOpen(status)) return <span className="muted">{t('firstResponse.notApplicable')}</span>;
  return <Countdown severity={severity} createdAt={createdAt} />;
}

function Countdown({ severity, createdAt }: { severity: Severity; createdAt: string }) {
  const { t } = useTranslation();
  const now = useNow();
  const created = new Date(createdAt);
  const minutesLeft = minutesToFirstResponse(severity, created, new Date(now));
  const dueMs = created.getTime() + FIRST_RESPONSE_MINUTES[severity] * 60_000;
  const target = t('firstResponse.target', { minutes: FIRST_RESPONSE_MINUTES[severity] });
  if (minutesLeft < 0) {
    const overdue = Math.max(1, Math.floor((now - dueMs) / 60_000));
    return (
      <HoverTooltip title={target}>
        <span className="first-response first-response-overdue" data-testid="first-response-overdue">
          <ExclamationCircleOutlined aria-hidden /> {t('firstResponse.overdue', { minutes: overdue })}
        </span>
      </HoverTooltip>
    );
  }
  // Under a third of the allowance left: warn.
  const isTight = minutesLeft < FIRST_RESPONSE_MINUTES[severity] / 3;
  return (
    <HoverTooltip title={target}>
      <span
        className={`first-response ${isTight ? 'first-response-warn' : 'first-response-running'}`}
        data-testid="first-response-countdown"
      >
        <ClockCircleOutlined aria-hidden />{' '}
        <span className="tabular">{t('firstResponse.remaining', { time: formatDuration(dueMs - now) })}</span>
      </span>
    </HoverTooltip>
  );
}
