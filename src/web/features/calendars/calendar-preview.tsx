import { Alert, Button, DatePicker, InputNumber, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarDefinition } from '../../../domain/calendar/index.ts';
import { useTimeZone } from '../../components/session.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatBusinessDuration } from '../../lib/sla.ts';
import { formatDateTime, instantToWallClock, wallClockToInstant } from '../../lib/time.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useCalendarPreview } from './api.ts';

/** What-if: a target of this much business time, started then, on the calendar as edited: when is it due? */
export function CalendarPreview({ definition }: { definition: CalendarDefinition | null }) {
  const { t } = useTranslation();
  const timeZone = useTimeZone();
  const [start, setStart] = useState<Dayjs | null>(() => instantToWallClock(new Date(), timeZone).second(0).millisecond(0));
  const [hours, setHours] = useState<number | null>(4);
  const [minutes, setMinutes] = useState<number | null>(0);
  const total = (hours ?? 0) * 60 + (minutes ?? 0);
  const startIso = start ? wallClockToInstant(start, timeZone).toISOString() : null;
  const debounced = useDebounced({ definition, startIso, total }, 300);
  const preview = useCalendarPreview(debounced.definition, debounced.startIso, debounced.total);
  const due = preview.data?.due;

  return (
    <div className="cal-preview" data-testid="calendar-preview">
      <Typography.Paragraph type="secondary" className="small-text cal-preview-help">
        {t('calendars.previewHelp')}
      </Typography.Paragraph>
      <div className="cal-preview-grid">
        <span className="field-label">{t('calendars.previewStart')}</span>
        <Space.Compact className="full-width">
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            value={start}
            onChange={setStart}
            placeholder={t('calendars.previewStartPlaceholder')}
            className="full-width"
            data-testid="preview-start"
            allowClear={false}
          />
          <Button autoInsertSpace={false} onClick={() => setStart(instantToWallClock(new Date(), timeZone).second(0).millisecond(0))}>
            {t('calendars.previewNow')}
          </Button>
        </Space.Compact>
        <span className="field-label">{t('calendars.previewDuration')}</span>
        <Space>
          <InputNumber
            min={0}
            max={87_660}
            value={hours}
            onChange={setHours}
            suffix={t('calendars.hours')}
            className="cal-preview-number"
            data-testid="preview-hours"
          />
          <InputNumber
            min={0}
            max={59}
            value={minutes}
            onChange={setMinutes}
            suffix={t('calendars.minutes')}
            className="cal-preview-number"
            data-testid="preview-minutes"
          />
        </Space>
      </div>
      {!definition ? (
        <Alert type="warning" showIcon title={t('calendars.previewInvalid')} />
      ) : preview.isError ? (
        <Alert type="error" showIcon title={errorMessage(preview.error, t)} />
      ) : (
        <div className="cal-preview-result">
          <span className="cal-preview-label">{t('calendars.previewDue')}</span>
          <span className="cal-preview-due" data-testid="preview-due">
            {due ? formatDateTime(due, timeZone) : '—'}
          </span>
          {due && startIso && (
            <span className="cal-preview-span">
              {t('calendars.previewSpan', { time: formatBusinessDuration(new Date(due).getTime() - new Date(startIso).getTime(), t) })}
            </span>
          )}
          <span className="cal-preview-zone">{t('calendars.previewShown', { zone: timeZone })}</span>
        </div>
      )}
    </div>
  );
}
