import { CloseOutlined, CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Select, Switch, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { statutoryCN, WEEKDAYS, type Weekday } from '../../../domain/calendar/index.ts';
import { timeZoneOptions } from '../../lib/time.ts';
import { type DraftDefinition, dayMinutes, formatHours, type Interval } from './calendar-draft.ts';

type Props = {
  name: string;
  definition: DraftDefinition;
  issues: Map<string, string>;
  nameError?: string;
  readOnly: boolean;
  onName: (name: string) => void;
  onChange: (definition: DraftDefinition) => void;
};

function DayRow({
  day,
  intervals,
  issues,
  readOnly,
  onChange,
  onCopyToWeekdays,
}: {
  day: Weekday;
  intervals: Interval[];
  issues: Map<string, string>;
  readOnly: boolean;
  onChange: (intervals: Interval[]) => void;
  onCopyToWeekdays?: () => void;
}) {
  const { t } = useTranslation();
  // Interval rows have no identity of their own: keep a key per row that survives edits and removals,
  // so removing a middle row does not hand its inputs (and focus) to the row below.
  const keys = useRef<number[]>([]);
  const nextKey = useRef(0);
  while (keys.current.length < intervals.length) keys.current.push(nextKey.current++);
  keys.current.length = intervals.length;
  const remove = (index: number) => {
    keys.current.splice(index, 1);
    onChange(intervals.filter((_, i) => i !== index));
  };
  const set = (index: number, side: 0 | 1, value: string) =>
    onChange(intervals.map((iv, i) => (i === index ? ((side === 0 ? [value, iv[1]] : [iv[0], value]) as Interval) : iv)));
  const minutes = dayMinutes(intervals);
  const last = intervals.at(-1);
  return (
    <div className="cal-week-row" data-testid={`weekly-${day}`}>
      <span className="cal-week-day">{t(`calendars.weekdays.${day}`)}</span>
      <div className="cal-week-intervals">
        {intervals.length === 0 && <span className="cal-week-closed">{t('calendars.closed')}</span>}
        {intervals.map((iv, index) => {
          const error = issues.get(`weekly.${day}.${index}`);
          return (
            <div key={keys.current[index]} className="cal-interval">
              <div className="cal-interval-inputs">
                <Input
                  size="small"
                  value={iv[0]}
                  status={error ? 'error' : undefined}
                  onChange={(event) => set(index, 0, event.target.value)}
                  className="cal-time"
                  maxLength={5}
                  aria-label={t('calendars.intervalStart')}
                />
                <span className="cal-dash">–</span>
                <Input
                  size="small"
                  value={iv[1]}
                  status={error ? 'error' : undefined}
                  onChange={(event) => set(index, 1, event.target.value)}
                  className="cal-time"
                  maxLength={5}
                  aria-label={t('calendars.intervalEnd')}
                />
                {!readOnly && (
                  <Button
                    type="text"
                    size="small"
                    icon={<CloseOutlined aria-hidden />}
                    onClick={() => remove(index)}
                    aria-label={t('calendars.removeInterval')}
                    className="cal-interval-remove"
                  />
                )}
              </div>
              {error && <div className="cal-error">{error}</div>}
            </div>
          );
        })}
        {!readOnly && (
          <div className="cal-week-actions">
            <Button
              type="link"
              size="small"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => onChange([...intervals, last ? [last[1] === '24:00' ? '00:00' : last[1], '24:00'] : ['08:30', '17:30']])}
            >
              {t('calendars.addInterval')}
            </Button>
            {onCopyToWeekdays && (
              <Button type="link" size="small" icon={<CopyOutlined aria-hidden />} onClick={onCopyToWeekdays}>
                {t('calendars.copyToWeekdays')}
              </Button>
            )}
          </div>
        )}
      </div>
      <span className="cal-week-total">{minutes > 0 ? t('calendars.dayTotal', { hours: formatHours(minutes / 60) }) : ''}</span>
    </div>
  );
}

function DateList({
  field,
  dates,
  issues,
  readOnly,
  color,
  onChange,
}: {
  field: 'holidays' | 'workdays';
  dates: string[];
  issues: Map<string, string>;
  readOnly: boolean;
  color: string;
  onChange: (dates: string[]) => void;
}) {
  const { t } = useTranslation();
  const errors = dates.map((date, i) => ({ date, error: issues.get(`${field}.${i}`) })).filter((e) => e.error);
  return (
    <div className="cal-dates" data-testid={`dates-${field}`}>
      <div className="cal-dates-tags">
        {dates.length === 0 && <span className="muted small-text">{t('calendars.noDates')}</span>}
        {dates.map((date, index) => (
          <Tag
            key={date}
            color={issues.has(`${field}.${index}`) ? 'error' : color}
            closable={!readOnly}
            onClose={() => onChange(dates.filter((d) => d !== date))}
            className="cal-date-tag"
          >
            {date}
          </Tag>
        ))}
      </div>
      {!readOnly && (
        <DatePicker
          size="small"
          placeholder={t('calendars.addDate')}
          value={null}
          onChange={(value: Dayjs | null) => {
            const iso = value?.format('YYYY-MM-DD');
            if (iso && !dates.includes(iso)) onChange([...dates, iso].sort());
          }}
          className="cal-date-picker"
          data-testid={`add-${field}`}
        />
      )}
      {errors.map(({ date, error }) => (
        <div key={date} className="cal-error">
          {date}：{error}
        </div>
      ))}
    </div>
  );
}

/** The calendar form: name, zone, statutory days, weekly hours per day, extra days off and make-up working days. */
export function CalendarEditor({ name, definition, issues, nameError, readOnly, onName, onChange }: Props) {
  const { t } = useTranslation();
  const cn = statutoryCN();
  const update = (changes: Partial<DraftDefinition>) => onChange({ ...definition, ...changes });
  const setDay = (day: Weekday, intervals: Interval[]) => update({ weekly: { ...definition.weekly, [day]: intervals } });
  const zones = timeZoneOptions();
  if (!zones.includes(definition.timeZone)) zones.unshift(definition.timeZone);

  return (
    <Form layout="vertical" disabled={readOnly} className="cal-editor" component="div">
      <div className="cal-basics">
        <Form.Item label={t('calendars.name')} required validateStatus={nameError ? 'error' : undefined} help={nameError}>
          <Input
            value={name}
            onChange={(event) => onName(event.target.value)}
            placeholder={t('calendars.namePlaceholder')}
            maxLength={100}
            data-testid="calendar-name"
          />
        </Form.Item>
        <Form.Item
          label={t('calendars.timeZone')}
          validateStatus={issues.has('timeZone') ? 'error' : undefined}
          help={issues.get('timeZone')}
        >
          <Select
            showSearch
            value={definition.timeZone}
            options={zones.map((zone) => ({ value: zone, label: zone }))}
            onChange={(timeZone) => update({ timeZone })}
            data-testid="calendar-timezone"
          />
        </Form.Item>
      </div>
      <Form.Item className="cal-statutory" extra={t('calendars.statutoryHelp', { from: cn.firstYear, to: cn.lastYear })}>
        <span className="cal-switch-label">
          <Switch
            id="calendar-statutory"
            checked={definition.statutory === 'CN'}
            onChange={(on) => {
              const { statutory: _omit, ...rest } = definition;
              onChange(on ? { ...rest, statutory: 'CN' } : rest);
            }}
            data-testid="calendar-statutory"
          />
          <label htmlFor="calendar-statutory">{t('calendars.statutory')}</label>
        </span>
      </Form.Item>

      <div className="cal-section-title">{t('calendars.weekly')}</div>
      <div className="cal-week">
        {WEEKDAYS.map((day) => (
          <DayRow
            key={day}
            day={day}
            intervals={definition.weekly[day]}
            issues={issues}
            readOnly={readOnly}
            onChange={(intervals) => setDay(day, intervals)}
            onCopyToWeekdays={
              day === 'mon'
                ? () => {
                    const copy = () => definition.weekly.mon.map(([from, to]) => [from, to] as Interval);
                    update({ weekly: { ...definition.weekly, tue: copy(), wed: copy(), thu: copy(), fri: copy() } });
                  }
                : undefined
            }
          />
        ))}
      </div>
      {(issues.get('weekly') || issues.get('workdays')) && (
        <Typography.Text type="danger" className="cal-error-block">
          {issues.get('weekly') ?? issues.get('workdays')}
        </Typography.Text>
      )}

      <div className="cal-section-title">{t('calendars.specialDays')}</div>
      <div className="cal-special">
        <div className="cal-special-row">
          <span className="field-label">{t('calendars.holidays')}</span>
          <DateList
            field="holidays"
            dates={definition.holidays}
            issues={issues}
            readOnly={readOnly}
            color="red"
            onChange={(holidays) => update({ holidays })}
          />
        </div>
        <div className="cal-special-row">
          <span className="field-label">
            {t('calendars.workdays')}
            <div className="muted small-text">{t('calendars.workdaysHelp')}</div>
          </span>
          <DateList
            field="workdays"
            dates={definition.workdays}
            issues={issues}
            readOnly={readOnly}
            color="blue"
            onChange={(workdays) => update({ workdays })}
          />
        </div>
      </div>
    </Form>
  );
}
