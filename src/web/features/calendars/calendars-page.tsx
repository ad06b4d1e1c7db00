import { CalendarOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Input, Row, Segmented, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CompiledCalendar, compileCalendar } from '../../../domain/calendar/index.ts';
import { CreateCalendarBody, ImportIcsBody } from '../../../server/features/calendars/calendars.schema.ts';
import type { CalendarRecord } from '../../api/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../components/session.tsx';
import { calendarName } from '../../lib/builtin-names.ts';
import { errorMessage } from '../../lib/errors.ts';
import { issueMessage } from '../../lib/schema-form.ts';
import { useCalendars, useCreateCalendar, useImportIcs, useUpdateCalendar } from './api.ts';
import { checkDraft, type Draft, draftOf, newDraft, weeklySummary } from './calendar-draft.ts';
import { CalendarEditor } from './calendar-editor.tsx';
import { CalendarMonth } from './calendar-month.tsx';
import { CalendarPreview } from './calendar-preview.tsx';
import './calendars.css';

const NEW = 'new';

function CalendarList({
  calendars,
  selected,
  onSelect,
}: {
  calendars: CalendarRecord[];
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <ul className="cal-list" data-testid="calendar-list">
      {calendars.map((calendar) => {
        const definition = calendar.definition as Parameters<typeof weeklySummary>[0];
        return (
          <li key={calendar.id}>
            <button
              type="button"
              className={`cal-list-item ${selected === calendar.id ? 'cal-list-item-active' : ''}`}
              onClick={() => onSelect(calendar.id)}
              data-testid={`calendar-item-${calendar.name}`}
            >
              <span className="cal-list-name">
                <CalendarOutlined aria-hidden />
                <span className="cal-list-text">{calendarName(t, calendar)}</span>
                {calendar.isBuiltin && <Tag className="cal-list-tag">{t('calendars.builtin')}</Tag>}
              </span>
              <span className="cal-list-meta">{weeklySummary(definition, t)}</span>
              <span className="cal-list-meta">
                {definition.timeZone}
                {definition.statutory === 'CN' && ` · ${t('calendars.statutoryShort')}`}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function IcsImport({ calendarId, onImported }: { calendarId: string | null; onImported: (record: CalendarRecord) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [mode, setMode] = useState<'paste' | 'url'>('paste');
  const [text, setText] = useState('');
  const [url, setUrl] = useState('');
  const importIcs = useImportIcs(calendarId ?? '');
  const urlIssue = mode === 'url' && url.trim() ? ImportIcsBody.shape.url.safeParse(url.trim()) : null;
  const value = mode === 'paste' ? text.trim() : url.trim();
  const submit = () =>
    importIcs.mutate(mode === 'paste' ? { ics: text } : { url: url.trim() }, {
      onSuccess: (result) => {
        message.success(t('calendars.importDone', result.imported));
        setText('');
        setUrl('');
        onImported(result.calendar);
      },
      onError: (error) => message.error(errorMessage(error, t)),
    });
  return (
    <div className="cal-import" data-testid="calendar-import">
      <Typography.Paragraph type="secondary" className="small-text">
        {t('calendars.importIcsHelp')}
      </Typography.Paragraph>
      {!calendarId ? (
        <Typography.Text type="secondary">{t('calendars.importNeedsSave')}</Typography.Text>
      ) : (
        <Space orientation="vertical" size={8} className="full-width">
          <Segmented<'paste' | 'url'>
            value={mode}
            onChange={setMode}
            options={[
              { value: 'paste', label: t('calendars.importPaste') },
              { value: 'url', label: t('calendars.importUrl') },
            ]}
          />
          {mode === 'paste' ? (
            <Input.TextArea
              value={text}
              onChange={(event) => setText(event.target.value)}
              placeholder={t('calendars.importPastePlaceholder')}
              autoSize={{ minRows: 3, maxRows: 8 }}
              className="mono small-text"
              data-testid="ics-text"
            />
          ) : (
            <Input
              value={url}
              onChange={(event) => setUrl(event.target.value)}
              placeholder={t('calendars.importUrlPlaceholder')}
              status={urlIssue && !urlIssue.success ? 'error' : undefined}
              data-testid="ics-url"
            />
          )}
          {urlIssue && !urlIssue.success && <div className="cal-error">{issueMessage(urlIssue.error.issues[0], t)}</div>}
          <Button onClick={submit} loading={importIcs.isPending} disabled={!value || Boolean(urlIssue && !urlIssue.success)}>
            {t('calendars.importSubmit')}
          </Button>
        </Space>
      )}
    </div>
  );
}

/** Settings → calendars: the list, an editor with the month view compiled in the browser, and a due-time preview. */
export function CalendarsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const readOnly = !can('sla.manage');
  const calendars = useCalendars();
  const [selected, setSelected] = useState<string | null>(null);
  const record = calendars.data?.find((c) => c.id === selected) ?? null;
  const [draft, setDraft] = useState<Draft | null>(null);
  const [baseline, setBaseline] = useState<string>('');
  const [nameTouched, setNameTouched] = useState(false);
  const create = useCreateCalendar();
  const update = useUpdateCalendar(record?.id ?? '');

  const load = (next: Draft) => {
    setDraft(next);
    setBaseline(JSON.stringify(next));
    setNameTouched(false);
  };

  // Select the first calendar once the list arrives; reload the draft when the selection or the stored row changes.
  useEffect(() => {
    if (!selected && calendars.data && calendars.data.length > 0) setSelected(calendars.data[0].id);
  }, [calendars.data, selected]);
  // Reload the draft only when another row (or a newer save of it) is selected, not on every refetch:
  // state adjusted during render when the version changes (React's pattern for "reset on prop change").
  const recordVersion = record ? `${record.id}@${record.updatedAt}` : selected;
  const [loadedVersion, setLoadedVersion] = useState<string | null>(null);
  if (recordVersion !== loadedVersion) {
    setLoadedVersion(recordVersion);
    if (selected === NEW) load(newDraft());
    else if (record) load(draftOf(record));
  }

  const check = useMemo(() => (draft ? checkDraft(draft.definition, t) : null), [draft, t]);
  const lastValid = useRef<CompiledCalendar | null>(null);
  const compiled = useMemo(() => {
    if (!check?.definition) return lastValid.current;
    try {
      lastValid.current = compileCalendar(check.definition);
    } catch {
      // The schema passed; a compile failure would be a zone the browser lacks: keep the last good one.
    }
    return lastValid.current;
  }, [check]);

  const nameCheck = draft ? CreateCalendarBody.shape.name.safeParse(draft.name) : null;
  const nameError = nameTouched && nameCheck && !nameCheck.success ? issueMessage(nameCheck.error.issues[0], t) : undefined;
  const dirty = draft ? JSON.stringify(draft) !== baseline : false;

  const save = () => {
    setNameTouched(true);
    if (!draft || !check?.definition || !nameCheck?.success) {
      message.error(t('errors.validation'));
      return;
    }
    const body = { name: nameCheck.data, definition: check.definition };
    if (selected === NEW) {
      create.mutate(body, {
        onSuccess: (saved) => {
          message.success(t('calendars.created', { name: saved.name }));
          setSelected(saved.id);
        },
        onError: (error) => message.error(errorMessage(error, t)),
      });
    } else {
      update.mutate(body, {
        onSuccess: () => message.success(t('calendars.saved')),
        onError: (error) => message.error(errorMessage(error, t)),
      });
    }
  };

  return (
    <div className="page" data-testid="calendars-page">
      <PageHeader
        title={t('calendars.title')}
        subtitle={t('calendars.subtitle')}
        testId="calendars-title"
        extra={
          !readOnly && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setSelected(NEW)} data-testid="calendar-create">
              {t('calendars.create')}
            </Button>
          )
        }
      />
      {readOnly && <Alert type="info" showIcon title={t('calendars.readOnly')} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={6}>
          <Card size="small" title={t('calendars.list')} styles={{ body: { padding: 8 } }}>
            {calendars.isPending ? (
              <Skeleton active />
            ) : calendars.isError ? (
              <Empty description={errorMessage(calendars.error, t)} />
            ) : (
              <CalendarList calendars={calendars.data} selected={selected} onSelect={setSelected} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={18}>
          {!draft || !check ? (
            <Card>
              <Empty description={t('calendars.usedBy')} />
            </Card>
          ) : (
            <Card
              size="small"
              className="cal-editor-card"
              title={
                <span className="cal-editor-title" data-testid="calendar-editor-title">
                  {selected === NEW ? t('calendars.create') : record && calendarName(t, record)}
                  {dirty && (
                    <Tag color="warning" className="cal-unsaved">
                      {t('calendars.unsaved')}
                    </Tag>
                  )}
                </span>
              }
              extra={
                !readOnly && (
                  <Space>
                    <Button disabled={!dirty} onClick={() => (selected === NEW || !record ? load(newDraft()) : load(draftOf(record)))}>
                      {t('calendars.discard')}
                    </Button>
                    <Button
                      type="primary"
                      onClick={save}
                      loading={create.isPending || update.isPending}
                      disabled={!dirty && selected !== NEW}
                      data-testid="calendar-save"
                    >
                      {t('common.save')}
                    </Button>
                  </Space>
                )
              }
            >
              <Row gutter={[24, 16]}>
                <Col xs={24} lg={13}>
                  <CalendarEditor
                    name={draft.name}
                    definition={draft.definition}
                    issues={check.issues}
                    nameError={nameError}
                    readOnly={readOnly}
                    onName={(name) => {
                      setNameTouched(true);
                      setDraft({ ...draft, name });
                    }}
                    onChange={(definition) => setDraft({ ...draft, definition })}
                  />
                  {!readOnly && (
                    <>
                      <div className="cal-section-title">{t('calendars.importIcs')}</div>
                      <IcsImport calendarId={selected === NEW ? null : (record?.id ?? null)} onImported={(saved) => load(draftOf(saved))} />
                    </>
                  )}
                </Col>
                <Col xs={24} lg={11}>
                  <div className="cal-section-title">{t('calendars.monthView')}</div>
                  <CalendarMonth calendar={compiled} />
                  <div className="cal-section-title">{t('calendars.preview')}</div>
                  <CalendarPreview definition={check.definition} />
                </Col>
              </Row>
            </Card>
          )}
        </Col>
      </Row>
    </div>
  );
}
