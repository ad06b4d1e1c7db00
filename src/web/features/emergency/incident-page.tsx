import { CheckOutlined, FilePdfOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  List,
  Popconfirm,
  Result,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { TRIGGER_TEXTS, type Trigger } from '../../../domain/emergency/template.ts';
import { API_BASE, isApiError } from '../../api/client.ts';
import { DateTime } from '../../components/date-time.tsx';
import { UserPicker } from '../../components/pickers.tsx';
import { useCan } from '../../components/session.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatDuration, useNow } from '../../lib/time.ts';
import { type Incident, useIncident, useIncidentAction } from './api.ts';
import { IncidentStatusTag, useBilingual, useDepartmentName } from './incident-labels.tsx';
import './emergency.css';

type Item = Incident['items'][number];
type Department = Incident['departments'][number];

/** The war room: status, elapsed time, the next stage's countdown, checklists, departments and re-entry, both teams, timeline. */
export function IncidentPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation();
  const query = useIncident(id);
  if (query.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (query.isError) {
    return (
      <Result
        status={isApiError(query.error, 'not_found') ? '404' : 'warning'}
        title={isApiError(query.error, 'not_found') ? t('errors.notFound') : t('errors.loadFailed')}
        extra={
          <Link to="/incidents">
            <Button>{t('common.back')}</Button>
          </Link>
        }
      />
    );
  }
  return <WarRoom incident={query.data} />;
}

function WarRoom({ incident: i }: { incident: Incident }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const now = useNow();
  const bilingual = useBilingual();
  const action = useIncidentAction(i.id);
  const mayWork = can('incident.work', { customerId: i.customerId }) && i.status !== 'closed';
  const run = (path: string, body?: unknown, method?: 'POST' | 'PATCH') =>
    action.mutate({ path, body, method }, { onError: (error) => void message.error(errorMessage(error, t)) });
  const elapsedEnd = i.recoveredAt ? Date.parse(i.recoveredAt) : now;
  const elapsed = formatDuration(elapsedEnd - Date.parse(i.failedAt));
  const next = i.nextStage ? Math.max(0, Date.parse(i.nextStage.dueAt) - now) : null;
  const deptName = useDepartmentName();

  return (
    <div className="page incident-page" data-testid="incident-page" data-status={i.status}>
      <Breadcrumb
        className="page-breadcrumb"
        items={[{ title: <Link to="/incidents">{t('emergency.title')}</Link> }, { title: i.ticketNumber }]}
      />
      <Card className={`incident-head ${i.isDrill ? 'is-drill' : ''}`}>
        <Space wrap size={12} className="incident-head-row">
          <IncidentStatusTag status={i.status} isDrill={i.isDrill} />
          <Typography.Title level={4} style={{ margin: 0 }}>
            {i.customerName}
          </Typography.Title>
          <Link to={`/tickets/${i.ticketId}`}>
            {i.ticketNumber} {i.ticketTitle}
          </Link>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('emergency.triggerN', { n: i.trigger })} · {bilingual(TRIGGER_TEXTS[i.trigger as Trigger])}
          {i.scope ? ` · ${i.scope}` : ''}
        </Typography.Paragraph>
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Statistic
              title={i.recoveredAt ? t('emergency.outage', { time: '' }) : t('emergency.elapsed', { time: '' })}
              value={elapsed}
              valueStyle={{ fontVariantNumeric: 'tabular-nums' }}
            />
          </Col>
          <Col xs={12} md={6}>
            {i.nextStage && next !== null ? (
              <Statistic
                title={t('emergency.nextStage', { stage: t(`emergency.stageNames.${i.nextStage.stage}`) })}
                value={formatDuration(next)}
                valueStyle={{ color: next < 5 * 60_000 ? '#cf1322' : undefined, fontVariantNumeric: 'tabular-nums' }}
              />
            ) : (
              <Statistic title={t('emergency.onPaper')} value={i.departmentsOnPaper.length} />
            )}
          </Col>
          <Col xs={24} md={12}>
            <Space wrap>
              {mayWork && i.status === 'open' && (
                <Popconfirm title={t('emergency.recoverConfirm')} onConfirm={() => run('/recover', {})}>
                  <Button type="primary" data-testid="incident-recover">
                    {t('emergency.recover')}
                  </Button>
                </Popconfirm>
              )}
              {mayWork && i.status === 'recovered' && (
                <Tooltip title={i.reentryOutstanding > 0 ? t('emergency.closeBlocked', { count: i.reentryOutstanding }) : undefined}>
                  <Button onClick={() => run('/close')} disabled={i.reentryOutstanding > 0} data-testid="incident-close">
                    {t('emergency.close')}
                  </Button>
                </Tooltip>
              )}
              {can('emergency_plan.manage') && (
                <Link to={`/customers/${i.customerId}/emergency-plan`}>
                  <Button>{t('emergency.revisePlan')}</Button>
                </Link>
              )}
              <Button
                icon={<FilePdfOutlined aria-hidden />}
                href={`${API_BASE}/incidents/${i.id}/report.pdf`}
                target="_blank"
                data-testid="incident-report"
              >
                {t('emergency.reportPdf')}
              </Button>
            </Space>
          </Col>
        </Row>
      </Card>

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('emergency.continuity')}>
            <Space direction="vertical" style={{ width: '100%' }}>
              {i.continuity.map((s) => (
                <div key={s.stage} className="stage-row" data-testid={`stage-${s.stage}`} data-fired={s.firedAt ? 'yes' : 'no'}>
                  <Tag color={s.firedAt ? 'red' : 'blue'}>{t(`emergency.stageNames.${s.stage}`)}</Tag>
                  {s.firedAt ? (
                    <span>
                      {t('emergency.stageFired', { at: '' })} <DateTime value={s.firedAt} />
                    </span>
                  ) : i.recoveredAt ? (
                    <Typography.Text type="secondary">{t('emergency.stageStopped')}</Typography.Text>
                  ) : (
                    <span>
                      {t('emergency.stageDue', { at: '' })} <DateTime value={s.dueAt} />
                    </span>
                  )}
                  <div className="stage-departments">
                    {s.departments.map((name) => (
                      <Tag key={name}>{deptName(i.departments.find((d) => d.name === name) ?? { name })}</Tag>
                    ))}
                  </div>
                </div>
              ))}
            </Space>
          </Card>
          <Card
            size="small"
            title={`${t('emergency.departments')} · ${t('emergency.reentryProgress', { done: i.reentry.finished, total: i.reentry.total })}`}
            style={{ marginTop: 16 }}
          >
            <DepartmentsTable incident={i} mayWork={mayWork} run={run} />
          </Card>
          <Card size="small" title={t('emergency.checklists')} style={{ marginTop: 16 }}>
            {(['activation', 'playbook', 'measure'] as const).map((kind) => (
              <Checklist key={kind} kind={kind} incident={i} mayWork={mayWork} run={run} />
            ))}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('emergency.teams')}>
            <Typography.Text strong>{t('emergency.vendorTeam')}</Typography.Text>
            <List
              size="small"
              dataSource={i.vendorTeam}
              renderItem={(m) => (
                <List.Item>
                  <Space wrap>
                    <Tag>{t(`emergency.designations.${m.designation}`)}</Tag>
                    {m.name}
                    {m.phone && <a href={`tel:${m.phone}`}>{m.phone}</a>}
                  </Space>
                </List.Item>
              )}
            />
            <Typography.Text strong>{t('emergency.hospitalTeam')}</Typography.Text>
            <List
              size="small"
              dataSource={i.hospitalTeam}
              renderItem={(m) => (
                <List.Item>
                  <Space wrap>
                    <Tag>{t(`emergency.designations.${m.role as 'leader' | 'deputy' | 'member'}`)}</Tag>
                    {m.name} {m.title}
                    <a href={`tel:${m.phone}`}>{m.phone}</a>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
          {can('incident.read_internal') && (
            <ReportCard incident={i} mayWork={can('incident.work', { customerId: i.customerId })} run={run} />
          )}
          {can('incident.read_internal') && (
            <ActionsCard incident={i} mayWork={can('incident.work', { customerId: i.customerId })} run={run} />
          )}
          <Card size="small" title={t('emergency.timeline')} style={{ marginTop: 16 }}>
            <EventTimeline incident={i} />
            {mayWork && <NoteBox onAdd={(body) => run('/notes', { body })} />}
          </Card>
        </Col>
      </Row>
    </div>
  );
}

type Run = (path: string, body?: unknown, method?: 'POST' | 'PATCH') => void;

function DepartmentsTable({ incident: i, mayWork, run }: { incident: Incident; mayWork: boolean; run: Run }) {
  const { t } = useTranslation();
  const [waiving, setWaiving] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [engineer, setEngineer] = useState<string | null>(null);
  const departmentName = useDepartmentName();
  return (
    <Table<Department>
      rowKey="id"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={i.departments}
      data-testid="incident-departments"
      columns={[
        { key: 'name', title: t('emergency.department'), render: (_v, d) => departmentName(d) },
        { key: 'stage', title: t('emergency.stage'), render: (_v, d) => t(`emergency.stageNames.${d.stage}`) },
        { key: 'from', title: t('emergency.manualFrom'), render: (_v, d) => <DateTime value={d.manualFrom} short /> },
        {
          key: 'back',
          title: t('emergency.backAt'),
          render: (_v, d) =>
            d.backAt ? (
              <DateTime value={d.backAt} short />
            ) : d.manualFrom && mayWork ? (
              <Button size="small" onClick={() => run(`/departments/${d.id}/back`, {})}>
                {t('emergency.backNow')}
              </Button>
            ) : null,
        },
        {
          key: 'min',
          title: t('emergency.onPaper'),
          render: (_v, d) => (d.manualFrom ? t('emergency.minutes', { count: d.minutesOnPaper }) : ''),
        },
        {
          key: 'reentry',
          title: t('emergency.reentry'),
          render: (_v, d) => {
            if (!d.manualFrom) return null;
            const state = (
              <Tag
                color={
                  d.reentryState === 'done'
                    ? 'green'
                    : d.reentryState === 'waived'
                      ? 'default'
                      : d.reentryState === 'started'
                        ? 'blue'
                        : 'orange'
                }
                data-testid="reentry-state"
              >
                {t(`emergency.reentryStates.${d.reentryState}`)}
              </Tag>
            );
            const finished = d.reentryState === 'done' || d.reentryState === 'waived';
            if (!mayWork || i.status !== 'recovered' || finished) {
              return (
                <Space size={4} wrap>
                  {state}
                  {d.reentryEngineer?.name}
                  {d.waivedReason && <Typography.Text type="secondary">{d.waivedReason}</Typography.Text>}
                </Space>
              );
            }
            if (waiving === d.id) {
              return (
                <Space.Compact>
                  <Input size="small" placeholder={t('emergency.waiveReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
                  <Button
                    size="small"
                    disabled={!reason.trim()}
                    onClick={() => {
                      run(`/departments/${d.id}/reentry`, { state: 'waived', reason: reason.trim() });
                      setWaiving(null);
                      setReason('');
                    }}
                  >
                    {t('common.confirm')}
                  </Button>
                </Space.Compact>
              );
            }
            return (
              <Space size={4} wrap>
                {state}
                {d.reentryState === 'pending' && (
                  <>
                    <UserPicker
                      size="small"
                      style={{ width: 140 }}
                      placeholder={t('emergency.engineer')}
                      value={engineer}
                      onChange={(v) => setEngineer(v)}
                    />
                    <Button
                      size="small"
                      onClick={() =>
                        run(`/departments/${d.id}/reentry`, { state: 'started', ...(engineer ? { engineerId: engineer } : {}) })
                      }
                    >
                      {t('emergency.reentryStart')}
                    </Button>
                  </>
                )}
                {d.reentryState === 'started' && d.reentryEngineer && <span>{d.reentryEngineer.name}</span>}
                <Button
                  size="small"
                  type="primary"
                  data-testid="reentry-done"
                  onClick={() => run(`/departments/${d.id}/reentry`, { state: 'done' })}
                >
                  {t('emergency.reentryDone')}
                </Button>
                <Button size="small" onClick={() => setWaiving(d.id)}>
                  {t('emergency.reentryWaive')}
                </Button>
              </Space>
            );
          },
        },
      ]}
    />
  );
}

function Checklist({ kind, incident: i, mayWork, run }: { kind: Item['kind']; incident: Incident; mayWork: boolean; run: Run }) {
  const { t } = useTranslation();
  const bilingual = useBilingual();
  const [notes, setNotes] = useState<Record<string, string>>({});
  const items = i.items.filter((x) => x.kind === kind);
  if (items.length === 0) return null;
  const title =
    kind === 'activation'
      ? t('emergency.activation')
      : kind === 'playbook'
        ? t('emergency.playbook')
        : `${t('emergency.measures')} · ${t(`emergency.measureLevels.${i.measureLevel}`)}`;
  return (
    <div className="checklist" data-testid={`checklist-${kind}`}>
      <Typography.Text strong>{title}</Typography.Text>
      <List
        size="small"
        dataSource={items}
        renderItem={(item) => {
          const isActivation = kind === 'activation' && item.position === 3;
          const blocked = isActivation && !i.mayActivate;
          return (
            <List.Item
              className={item.doneAt ? 'is-done' : ''}
              actions={
                !item.doneAt && mayWork
                  ? [
                      <Tooltip key="tick" title={blocked ? t('emergency.activateOnly') : undefined}>
                        <Button
                          size="small"
                          icon={<CheckOutlined aria-hidden />}
                          disabled={blocked}
                          data-testid="tick-item"
                          onClick={() => run(`/items/${item.id}/done`, notes[item.id] ? { note: notes[item.id] } : {})}
                        >
                          {t('emergency.tick')}
                        </Button>
                      </Tooltip>,
                    ]
                  : undefined
              }
            >
              <div className="checklist-item">
                <div>
                  {item.doneAt ? <CheckOutlined className="done-mark" aria-hidden /> : <span className="todo-mark">{item.position}.</span>}{' '}
                  {bilingual(item.text)}
                </div>
                {item.doneAt && (
                  <Typography.Text type="secondary" className="checklist-meta">
                    {item.doneBy?.name} · <DateTime value={item.doneAt} short />
                    {item.note ? ` · ${item.note}` : ''}
                  </Typography.Text>
                )}
                {!item.doneAt && mayWork && !blocked && (
                  <Input
                    size="small"
                    className="checklist-note"
                    placeholder={t('emergency.tickNote')}
                    value={notes[item.id] ?? ''}
                    onChange={(e) => setNotes({ ...notes, [item.id]: e.target.value })}
                  />
                )}
              </div>
            </List.Item>
          );
        }}
      />
    </div>
  );
}

function ReportCard({ incident: i, mayWork, run }: { incident: Incident; mayWork: boolean; run: Run }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{
    cause: string;
    actionsTaken: string;
    prevention: string;
    accountability: string;
    drillParticipants: string;
    drillEvaluation: string;
  }>();
  return (
    <Card size="small" title={t('emergency.report')} style={{ marginTop: 16 }}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          cause: i.cause,
          actionsTaken: i.actionsTaken,
          prevention: i.prevention,
          accountability: i.accountability,
          drillParticipants: i.drillParticipants,
          drillEvaluation: i.drillEvaluation,
        }}
        disabled={!mayWork}
        onFinish={(values) => run('/report', values, 'PATCH')}
      >
        <Form.Item name="cause" label={t('emergency.cause')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="actionsTaken" label={t('emergency.actionsTaken')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="prevention" label={t('emergency.prevention')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="accountability" label={t('emergency.accountability')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        {i.isDrill && (
          <>
            <Form.Item name="drillParticipants" label={t('emergency.drillParticipants')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Form.Item name="drillEvaluation" label={t('emergency.drillEvaluation')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        )}
        {mayWork && (
          <Button htmlType="submit" data-testid="save-report">
            {t('emergency.saveReport')}
          </Button>
        )}
      </Form>
    </Card>
  );
}

function EventTimeline({ incident: i }: { incident: Incident }) {
  const { t } = useTranslation();
  const bilingual = useBilingual();
  const departmentName = useDepartmentName();
  const deptName = (name: unknown) => {
    const d = i.departments.find((x) => x.name === name);
    return d ? departmentName(d) : String(name ?? '');
  };
  const text = (e: Incident['events'][number]) => {
    const d = e.data as Record<string, unknown>;
    switch (e.type) {
      case 'item_done':
        return t('emergency.events.item_done', { text: bilingual(d.text as { zh: string; en: string }) });
      case 'stage_fired':
        return t('emergency.events.stage_fired', {
          stage: t(`emergency.stageNames.${d.stage === '3h' ? '3h' : '15m'}`),
          departments: ((d.departments as string[]) ?? []).map(deptName).join('、'),
        });
      case 'department_back':
        return t('emergency.events.department_back', { department: deptName(d.department) });
      case 'reentry':
        return t('emergency.events.reentry', {
          department: deptName(d.department),
          state: t(`emergency.reentryStates.${d.state as 'done'}`),
        });
      default:
        return t(`emergency.events.${e.type}`);
    }
  };
  return (
    <Timeline
      data-testid="incident-timeline"
      items={i.events.map((e) => ({
        key: e.id,
        color: e.type === 'stage_fired' ? 'red' : e.type === 'recovered' || e.type === 'closed' ? 'green' : 'blue',
        children: (
          <div>
            <div>
              <DateTime value={e.at} short /> {text(e)}
              {e.isInternal && <Tag style={{ marginLeft: 6 }}>{t('emergency.note')}</Tag>}
            </div>
            {e.body && <Typography.Text type="secondary">{e.body}</Typography.Text>}
            {e.actor && <div className="muted">{e.actor.name}</div>}
          </div>
        ),
      }))}
    />
  );
}

function NoteBox({ onAdd }: { onAdd: (body: string) => void }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input value={body} onChange={(e) => setBody(e.target.value)} placeholder={t('emergency.addNote')} maxLength={2000} />
      <Button
        disabled={!body.trim()}
        onClick={() => {
          onAdd(body.trim());
          setBody('');
        }}
      >
        {t('common.submit')}
      </Button>
    </Space.Compact>
  );
}

/** Corrective and preventive actions (001 2.10 (3)): owner and due date, tracked to closure. */
function ActionsCard({ incident: i, mayWork, run }: { incident: Incident; mayWork: boolean; run: Run }) {
  const { t } = useTranslation();
  const [description, setDescription] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [dueDate, setDueDate] = useState<Dayjs | null>(null);
  return (
    <Card size="small" title={t('emergency.correctiveActions')} style={{ marginTop: 16 }} data-testid="incident-actions">
      <List
        size="small"
        dataSource={i.actions}
        locale={{ emptyText: t('common.none') }}
        renderItem={(a) => (
          <List.Item
            actions={
              !a.doneAt && mayWork
                ? [
                    <Button key="done" size="small" icon={<CheckOutlined aria-hidden />} onClick={() => run(`/actions/${a.id}/done`, {})}>
                      {t('emergency.tick')}
                    </Button>,
                  ]
                : undefined
            }
          >
            <div className="checklist-item">
              <div>
                {a.doneAt && <CheckOutlined className="done-mark" aria-hidden />} {a.description}
              </div>
              <Typography.Text type="secondary" className="checklist-meta">
                {a.owner.name} · {t('emergency.dueDate')} {a.dueDate}
                {a.isOverdue && (
                  <Tag color="red" style={{ marginLeft: 6 }}>
                    {t('emergency.overdue')}
                  </Tag>
                )}
                {a.doneAt && (
                  <>
                    {' '}
                    · <DateTime value={a.doneAt} short />
                  </>
                )}
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
      {mayWork && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input
            placeholder={t('emergency.actionDescription')}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            maxLength={1000}
          />
          <Space wrap>
            <UserPicker style={{ width: 160 }} placeholder={t('emergency.owner')} value={ownerId} onChange={(v) => setOwnerId(v)} />
            <DatePicker placeholder={t('emergency.dueDate')} value={dueDate} onChange={(d) => setDueDate(d)} />
            <Button
              icon={<PlusOutlined aria-hidden />}
              disabled={!description.trim() || !ownerId || !dueDate}
              onClick={() => {
                run('/actions', { description: description.trim(), ownerId, dueDate: dueDate?.format('YYYY-MM-DD') });
                setDescription('');
                setDueDate(null);
              }}
            >
              {t('emergency.addAction')}
            </Button>
          </Space>
        </Space>
      )}
    </Card>
  );
}
