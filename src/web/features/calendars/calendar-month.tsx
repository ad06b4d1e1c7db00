import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Calendar, Tooltip } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime, MINUTE_MS, parseDay, weekdayOf } from '../../../domain/calendar/civil.ts';
import type { CompiledCalendar } from '../../../domain/calendar/index.ts';

export type DayKind = 'working' | 'off' | 'holiday' | 'workday';

/** What a date is on the calendar: a plain working day, a weekly day off, a holiday (休) or a make-up working day (班). */
export function dayKind(calendar: CompiledCalendar, date: string): { kind: DayKind; hours: string[] } {
  const day = parseDay(date);
  if (day === undefined) return { kind: 'off', hours: [] };
  const pattern = calendar.dayPattern(day);
  const hours: string[] = [];
  for (let i = 0; i < pattern.length; i += 2) {
    hours.push(`${formatTime(pattern[i] / MINUTE_MS)}–${formatTime(pattern[i + 1] / MINUTE_MS)}`);
  }
  if (calendar.holidayDays.has(day)) return { kind: 'holiday', hours };
  if (calendar.workdayDays.has(day)) return { kind: 'workday', hours };
  return { kind: calendar.weekly[weekdayOf(day)].length > 0 ? 'working' : 'off', hours };
}

/** A month of the calendar as edited, compiled in the browser: working days, days off, 休 and 班 marked. */
export function CalendarMonth({ calendar }: { calendar: CompiledCalendar | null }) {
  const { t, i18n } = useTranslation();
  const [month, setMonth] = useState<Dayjs>(() => dayjs().startOf('month'));
  const zh = i18n.language === 'zh-CN';
  const title = zh ? month.format('YYYY年M月') : month.locale('en').format('MMMM YYYY');

  const cell = (date: Dayjs) => {
    const inMonth = date.month() === month.month();
    const iso = date.format('YYYY-MM-DD');
    const { kind, hours } = calendar ? dayKind(calendar, iso) : { kind: 'off' as DayKind, hours: [] };
    const mark = kind === 'holiday' ? t('calendars.holidayMark') : kind === 'workday' ? t('calendars.workdayMark') : null;
    const label =
      kind === 'holiday'
        ? t('calendars.legendHoliday')
        : kind === 'workday'
          ? t('calendars.legendWorkday')
          : kind === 'off'
            ? t('calendars.legendOff')
            : t('calendars.legendWorking');
    return (
      <Tooltip title={`${iso} · ${label}${hours.length > 0 ? ` · ${hours.join(t('common.listSeparator'))}` : ''}`} mouseEnterDelay={0.3}>
        <div className={`cal-day cal-day-${kind} ${inMonth ? '' : 'cal-day-outside'}`} data-testid={`cal-day-${iso}`} data-kind={kind}>
          <span className="cal-day-number">{date.date()}</span>
          {mark && <span className="cal-day-mark">{mark}</span>}
        </div>
      </Tooltip>
    );
  };

  return (
    <div className="cal-month" data-testid="calendar-month">
      <div className="cal-month-header">
        <Button
          type="text"
          size="small"
          icon={<LeftOutlined aria-hidden />}
          onClick={() => setMonth((m) => m.subtract(1, 'month'))}
          aria-label={t('calendars.prevMonth')}
          data-testid="calendar-month-prev"
        />
        <span className="cal-month-title" data-testid="calendar-month-title">
          {title}
        </span>
        <Button
          type="text"
          size="small"
          icon={<RightOutlined aria-hidden />}
          onClick={() => setMonth((m) => m.add(1, 'month'))}
          aria-label={t('calendars.nextMonth')}
          data-testid="calendar-month-next"
        />
      </div>
      <Calendar
        fullscreen={false}
        value={month}
        headerRender={() => null}
        fullCellRender={(date, info) => (info.type === 'date' ? cell(date) : info.originNode)}
        onPanelChange={(value) => setMonth(value.startOf('month'))}
      />
      <div className="cal-legend">
        <span className="cal-legend-item">
          <span className="cal-swatch cal-day-working" />
          {t('calendars.legendWorking')}
        </span>
        <span className="cal-legend-item">
          <span className="cal-swatch cal-day-off" />
          {t('calendars.legendOff')}
        </span>
        <span className="cal-legend-item">
          <span className="cal-swatch cal-day-holiday" />
          {t('calendars.legendHoliday')}
        </span>
        <span className="cal-legend-item">
          <span className="cal-swatch cal-day-workday" />
          {t('calendars.legendWorkday')}
        </span>
      </div>
    </div>
  );
}
