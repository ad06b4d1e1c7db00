import {
  AlertOutlined,
  BugOutlined,
  BulbOutlined,
  CarOutlined,
  CheckCircleOutlined,
  ClockCircleOutlined,
  EditOutlined,
  EnvironmentOutlined,
  ExclamationCircleOutlined,
  FileAddOutlined,
  KeyOutlined,
  LockOutlined,
  PaperClipOutlined,
  PhoneOutlined,
  PlusCircleOutlined,
  RiseOutlined,
  SendOutlined,
  SwapOutlined,
  ToolOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { Empty, Tag, Timeline, type TimelineItemProps, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketEvent } from '../../api/types.ts';
import { DateTime } from '../../components/date-time.tsx';
import { useTimeZone } from '../../components/session.tsx';
import { useVocab, type VocabGroup } from '../../components/vocab.tsx';
import { escalationLevelName } from '../../lib/sla.ts';
import { formatDateTime } from '../../lib/time.ts';
import { attachmentUrl } from './api.ts';

type Change = { from?: unknown; to?: unknown };

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Fields whose values are vocabulary codes, shown with their labels. */
const FIELD_VOCAB: Record<string, VocabGroup> = {
  severity: 'severity',
  kind: 'kind',
  stage: 'stage',
  contentCategory: 'contentCategory',
  causeCategory: 'causeCategory',
  team: 'team',
  status: 'status',
  channel: 'channel',
};

const FIELD_LABEL_KEYS = {
  title: 'ticket.title',
  description: 'ticket.description',
  severity: 'ticket.severity',
  kind: 'ticket.kind',
  stage: 'ticket.stage',
  contactId: 'ticket.contact',
  contentCategory: 'ticket.contentCategory',
  causeCategory: 'ticket.causeCategory',
  module: 'ticket.module',
  assigneeId: 'ticket.assignee',
  team: 'ticket.team',
  channel: 'ticket.channel',
} as const;

function isFieldWithLabel(field: string): field is keyof typeof FIELD_LABEL_KEYS {
  return field in FIELD_LABEL_KEYS;
}

/** The tracking card's record: every step, who and when; internal notes stand out and say so. */
export function TicketTimeline({ events }: { events: TicketEvent[] }) {
  const { t } = useTranslation();
  const { label } = useVocab();
  const timeZone = useTimeZone();

  if (events.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;

  const fieldValue = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('common.none');
    const group = FIELD_VOCAB[field];
    if (group && typeof value === 'string') return label(group, value);
    if (typeof value === 'string') return value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return String(value);
  };

  const describeEvent = (event: TicketEvent): { icon: ReactNode; color: string; text: ReactNode; body?: ReactNode } => {
    const data = asRecord(event.data);
    switch (event.type) {
      case 'created':
        return { icon: <PlusCircleOutlined aria-hidden />, color: 'blue', text: t('detail.events.created') };
      case 'status_changed': {
        const to = asString(data.to);
        return {
          icon: to === 'resolved' || to === 'confirmed' ? <CheckCircleOutlined aria-hidden /> : <SwapOutlined aria-hidden />,
          color: to === 'resolved' || to === 'confirmed' ? 'green' : 'blue',
          text: t('detail.events.status_changed', { from: label('status', asString(data.from)), to: label('status', to) }),
        };
      }
      case 'assigned': {
        const assignee = asRecord(data.assignee);
        const name = asString(assignee.name);
        const team = asString(data.team);
        const text = !name
          ? team
            ? t('detail.events.assigned', { assignee: label('team', team) })
            : t('detail.events.unassigned')
          : team
            ? t('detail.events.assignedTeam', { assignee: name, team: label('team', team) })
            : t('detail.events.assigned', { assignee: name });
        return { icon: <UserSwitchOutlined aria-hidden />, color: 'blue', text };
      }
      case 'field_changed': {
        const changes = Object.entries(asRecord(data.changes)).map(([field, change]) => {
          const { from, to } = asRecord(change) as Change;
          const name = isFieldWithLabel(field) ? t(FIELD_LABEL_KEYS[field]) : field;
          if (field === 'description' || field === 'contactId' || field === 'assigneeId') return name;
          return t('detail.events.fieldChange', { field: name, from: fieldValue(field, from), to: fieldValue(field, to) });
        });
        return {
          icon: <EditOutlined aria-hidden />,
          color: 'gray',
          text: t('detail.events.field_changed', { fields: changes.join(t('common.listSeparator')) }),
        };
      }
      case 'reply':
        return { icon: <SendOutlined aria-hidden />, color: 'blue', text: t('detail.events.reply') };
      case 'note':
        return { icon: <LockOutlined aria-hidden />, color: 'orange', text: t('detail.events.note') };
      case 'phone_call':
        return { icon: <PhoneOutlined aria-hidden />, color: 'cyan', text: t('detail.events.phone_call') };
      case 'attachment_added': {
        const fileName = asString(data.fileName) ?? '';
        const id = asString(data.attachmentId);
        return {
          icon: <PaperClipOutlined aria-hidden />,
          color: 'gray',
          text: id ? (
            <>
              {t('detail.events.attachment_added', { fileName: '' })}
              <a href={attachmentUrl(id)} target="_blank" rel="noreferrer">
                {fileName}
              </a>
            </>
          ) : (
            t('detail.events.attachment_added', { fileName })
          ),
        };
      }
      // SLA: the solution proposal, the field engineer's check-in, and the scheduler's warnings and escalations.
      case 'solution_proposed':
        return { icon: <BulbOutlined aria-hidden />, color: 'green', text: t('detail.events.solution_proposed') };
      case 'on_site_arrival':
        return { icon: <EnvironmentOutlined aria-hidden />, color: 'green', text: t('detail.events.on_site_arrival') };
      case 'manager_alerted':
        return {
          icon: <AlertOutlined aria-hidden />,
          color: 'red',
          text: t('detail.events.manager_alerted', { count: Number(data.userCount ?? 0) }),
        };
      case 'sla_warning':
      case 'sla_breached':
        return {
          icon: event.type === 'sla_warning' ? <ClockCircleOutlined aria-hidden /> : <ExclamationCircleOutlined aria-hidden />,
          color: event.type === 'sla_warning' ? 'orange' : 'red',
          text: t(`detail.events.${event.type}`, {
            metric: label('slaMetric', asString(data.metric)),
            due: formatDateTime(asString(data.dueAt), timeZone),
          }),
        };
      case 'escalated': {
        const level = label('escalationLevelFull', asString(data.levelName) ?? escalationLevelName(Number(data.level ?? 0)));
        const metric = asString(data.reason);
        return {
          icon: <RiseOutlined aria-hidden />,
          color: 'red',
          text: metric
            ? t('detail.events.escalatedReason', { level, metric: label('slaMetric', metric) })
            : t('detail.events.escalated', { level }),
        };
      }
      case 'work_order': {
        const step = asString(data.step) ?? 'created';
        return {
          icon: <CarOutlined aria-hidden />,
          color: step === 'signed_off' ? 'green' : 'blue',
          text: t('detail.events.work_order', {
            number: asString(data.number) ?? '',
            type: t(`workOrders.type.${(asString(data.type) ?? 'emergency') as 'emergency'}`),
            step: t(`detail.events.workOrderStep.${step as 'created'}`),
          }),
        };
      }
      case 'dispatch_override':
        return {
          icon: <CarOutlined aria-hidden />,
          color: 'orange',
          text: t('detail.events.dispatch_override', { number: asString(data.number) ?? '' }),
        };
      case 'remote_access_granted':
        return {
          icon: <KeyOutlined aria-hidden />,
          color: 'blue',
          text: t('detail.events.remote_access_granted', {
            name: asString(data.grantedByName) ?? '',
            method: t(`remoteAccess.methods.${(asString(data.method) ?? 'other') as 'other'}`),
            until: formatDateTime(asString(data.validUntil), timeZone),
          }),
        };
      case 'password_change_reminder':
        return { icon: <KeyOutlined aria-hidden />, color: 'orange', text: t('detail.events.password_change_reminder') };
      case 'cannot_solve_escalated':
        return {
          icon: <RiseOutlined aria-hidden />,
          color: 'red',
          text: t('detail.events.cannot_solve_escalated', {
            rung: t(`escalations.rungs.${(asString(data.rung) ?? 'senior_engineer') as 'senior_engineer'}`),
            assignee: asString(asRecord(data.assignee).name) ?? '',
          }),
        };
      case 'defect_reported':
        return { icon: <BugOutlined aria-hidden />, color: 'red', text: t('detail.events.defect_reported') };
      case 'rma_recorded':
        return {
          icon: <ToolOutlined aria-hidden />,
          color: 'blue',
          text: t(data.change === 'updated' ? 'detail.events.rma_recorded_updated' : 'detail.events.rma_recorded_created', {
            manufacturer: asString(data.manufacturer) ?? '',
          }),
        };
      case 'written_confirmation':
        return {
          icon: <FileAddOutlined aria-hidden />,
          color: 'green',
          text: t(data.startsOnSiteClock ? 'detail.events.written_confirmation_clock' : 'detail.events.written_confirmation', {
            name: asString(data.confirmedByName) ?? '',
          }),
        };
      default:
        return { icon: <FileAddOutlined aria-hidden />, color: 'gray', text: t('detail.events.unknown', { type: event.type }) };
    }
  };

  const items: TimelineItemProps[] = events.map((event) => {
    const { icon, color, text } = describeEvent(event);
    const isMessage = event.type === 'reply' || event.type === 'note' || event.type === 'phone_call' || event.type === 'solution_proposed';
    const isInternal = event.isInternal || event.type === 'note';
    const actor = event.actor;
    return {
      key: event.id,
      color: isInternal ? 'orange' : color,
      icon,
      content: (
        <div
          className={`timeline-entry ${isMessage ? 'timeline-message' : ''} ${isInternal ? 'timeline-internal' : ''} timeline-${event.type}`}
          data-testid={`event-${event.type}`}
        >
          <div className="timeline-head">
            <span className="timeline-actor">{actor?.name ?? t('detail.events.system')}</span>
            {actor?.role === 'customer' && (
              <Tag color="purple" variant="outlined" className="timeline-role">
                {label('role', 'customer')}
              </Tag>
            )}
            <span className="timeline-text">{text}</span>
            {isInternal && (
              <Tooltip title={t('detail.reply.placeholderNote')}>
                <Tag color="gold" icon={<LockOutlined aria-hidden />} className="internal-tag">
                  {t('detail.reply.note')}
                </Tag>
              </Tooltip>
            )}
            <span className="timeline-time">
              <DateTime value={event.createdAt} />
            </span>
          </div>
          {event.body && <div className={isMessage ? 'timeline-body' : 'timeline-body timeline-body-plain'}>{event.body}</div>}
        </div>
      ),
    };
  });

  return <Timeline className="ticket-timeline" items={items} />;
}
