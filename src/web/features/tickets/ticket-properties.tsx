import { PhoneOutlined, UserAddOutlined } from '@ant-design/icons';
import { App, AutoComplete, Button, Card, Descriptions, type DescriptionsProps, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  CAUSE_CATEGORIES,
  COMMON_MODULES,
  CONTENT_CATEGORIES,
  HANDLING_APPROACHES,
  KINDS,
  SERVICE_CLASSES,
  SEVERITIES,
  STAGES,
  TEAMS,
} from '../../../domain/vocabulary.ts';
import { isApiError } from '../../api/client.ts';
import type { TicketDetail } from '../../api/types.ts';
import { DateTime } from '../../components/date-time.tsx';
import { FirstResponse } from '../../components/first-response.tsx';
import { UserPicker } from '../../components/pickers.tsx';
import { useSession } from '../../components/session.tsx';
import { SeverityTag, useVocab } from '../../components/vocab.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useCustomer } from '../customers/api.ts';
import { type UpdateTicketInput, useUpdateTicket } from './api.ts';

function usePatch(ticket: TicketDetail) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const update = useUpdateTicket(ticket.id);
  const patch = (changes: UpdateTicketInput) =>
    update.mutate(
      { ...changes, version: ticket.version },
      {
        onSuccess: () => message.success(t('common.saved')),
        // A 409 means someone else saved first: onSettled already refetched, so say so.
        onError: (error) => message.error(isApiError(error, 'conflict') ? t('errors.conflict') : errorMessage(error, t)),
      },
    );
  return { patch, isPending: update.isPending };
}

/** Dispatch (派单): assignee and team, saved at once with the version for optimistic concurrency. */
export function DispatchCard({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const { options } = useVocab();
  const me = useSession();
  const { patch, isPending } = usePatch(ticket);
  const isClosed = ticket.status === 'closed' || ticket.status === 'cancelled';
  return (
    <Card size="small" title={t('detail.dispatch')} className="side-card">
      <div className="dispatch-grid">
        <label className="field-label" htmlFor="assignee-select">
          {t('ticket.assignee')}
        </label>
        <UserPicker
          id="assignee-select"
          allowUnassigned
          value={ticket.assignee?.id ?? null}
          onChange={(value) => patch({ assigneeId: value ?? null })}
          disabled={isPending || isClosed}
          placeholder={t('ticket.unassigned')}
          data-testid="assignee-select"
          className="full-width"
        />
        <label className="field-label" htmlFor="team-select">
          {t('ticket.team')}
        </label>
        <Select
          id="team-select"
          allowClear
          value={ticket.team ?? undefined}
          placeholder={t('ticket.noTeam')}
          options={options('team', TEAMS)}
          onChange={(value) => patch({ team: value ?? null })}
          disabled={isPending || isClosed}
          data-testid="team-select"
          className="full-width"
        />
      </div>
      {ticket.assignee?.id !== me.id && !isClosed && (
        <Button
          block
          icon={<UserAddOutlined aria-hidden />}
          className="assign-me"
          onClick={() => patch({ assigneeId: me.id, team: ticket.team ?? me.team ?? undefined })}
          loading={isPending}
          data-testid="assign-to-me"
        >
          {t('detail.assignToMe')}
        </Button>
      )}
    </Card>
  );
}

function ModuleEditor({ value, onSave, disabled }: { value: string | null; onSave: (value: string | null) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value ?? '');
  useEffect(() => setDraft(value ?? ''), [value]);
  const commit = () => {
    const next = draft.trim() || null;
    if (next !== value) onSave(next);
  };
  return (
    <AutoComplete
      aria-label={t('ticket.module')}
      size="small"
      variant="filled"
      value={draft}
      options={COMMON_MODULES.map((module) => ({ value: module }))}
      onChange={setDraft}
      onSelect={(selected: string) => {
        setDraft(selected);
        if (selected !== value) onSave(selected);
      }}
      onBlur={commit}
      disabled={disabled}
      className="full-width"
      showSearch={{
        filterOption: (input, option) =>
          String(option?.value ?? '')
            .toLowerCase()
            .includes(input.toLowerCase()),
      }}
    />
  );
}

/** The card's properties: staff edit classification in place; customers read them. */
export function TicketProperties({ ticket, audience }: { ticket: TicketDetail; audience: 'staff' | 'customer' }) {
  const { t } = useTranslation();
  const { label, options } = useVocab();
  const { patch, isPending } = usePatch(ticket);
  const customer = useCustomer(ticket.customerId);
  const contact = customer.data?.contacts.find((c) => c.id === ticket.contactId);
  const editable = audience === 'staff' && ticket.status !== 'closed' && ticket.status !== 'cancelled';

  const vocabSelect = <V extends string>(
    group: 'severity' | 'kind' | 'stage' | 'contentCategory' | 'causeCategory' | 'serviceClass' | 'handlingApproach',
    values: readonly V[],
    value: V | null,
    onChange: (value: V | null) => void,
    clearable: boolean,
  ) => (
    <Select<V>
      size="small"
      variant="filled"
      value={value ?? undefined}
      allowClear={clearable}
      placeholder={t('common.none')}
      aria-label={t(`ticket.${group}`)}
      options={options(group, values)}
      onChange={(next) => onChange(next ?? null)}
      disabled={isPending}
      className="full-width"
      popupMatchSelectWidth={false}
      data-testid={`property-${group}`}
    />
  );

  const items: DescriptionsProps['items'] = [
    {
      key: 'customer',
      label: t('ticket.customer'),
      children:
        audience === 'staff' ? (
          <Link to={`/customers/${ticket.customerId}`} data-testid="ticket-customer-link">
            {ticket.customerName}
          </Link>
        ) : (
          ticket.customerName
        ),
    },
    {
      key: 'contact',
      label: t('ticket.contact'),
      children: ticket.contactName ? (
        <Space orientation="vertical" size={0}>
          <span>{ticket.contactName}</span>
          {contact?.phone && (
            <a href={`tel:${contact.phone}`} className="contact-phone">
              <PhoneOutlined aria-hidden /> {contact.phone}
            </a>
          )}
        </Space>
      ) : (
        t('common.none')
      ),
    },
    {
      key: 'severity',
      label: t('ticket.severity'),
      children: editable ? (
        vocabSelect('severity', SEVERITIES, ticket.severity, (v) => v && patch({ severity: v }), false)
      ) : (
        <SeverityTag severity={ticket.severity} />
      ),
    },
    { key: 'channel', label: t('ticket.channel'), children: label('channel', ticket.channel) },
    {
      key: 'kind',
      label: t('ticket.kind'),
      children: editable ? vocabSelect('kind', KINDS, ticket.kind, (v) => v && patch({ kind: v }), false) : label('kind', ticket.kind),
    },
    {
      key: 'stage',
      label: t('ticket.stage'),
      children: editable
        ? vocabSelect('stage', STAGES, ticket.stage, (v) => v && patch({ stage: v }), false)
        : label('stage', ticket.stage),
    },
    {
      key: 'contentCategory',
      label: t('ticket.contentCategory'),
      children: editable
        ? vocabSelect('contentCategory', CONTENT_CATEGORIES, ticket.contentCategory, (v) => patch({ contentCategory: v }), true)
        : label('contentCategory', ticket.contentCategory),
    },
    {
      key: 'causeCategory',
      label: t('ticket.causeCategory'),
      children: editable
        ? vocabSelect('causeCategory', CAUSE_CATEGORIES, ticket.causeCategory, (v) => patch({ causeCategory: v }), true)
        : label('causeCategory', ticket.causeCategory),
    },
    {
      key: 'serviceClass',
      label: t('ticket.serviceClass'),
      children: editable
        ? vocabSelect('serviceClass', SERVICE_CLASSES, ticket.serviceClass, (v) => patch({ serviceClass: v }), true)
        : label('serviceClass', ticket.serviceClass),
    },
    {
      key: 'handlingApproach',
      label: t('ticket.handlingApproach'),
      children: editable
        ? vocabSelect('handlingApproach', HANDLING_APPROACHES, ticket.handlingApproach, (v) => patch({ handlingApproach: v }), true)
        : label('handlingApproach', ticket.handlingApproach),
    },
    {
      key: 'module',
      label: t('ticket.module'),
      children: editable ? (
        <ModuleEditor value={ticket.module} onSave={(module) => patch({ module })} disabled={isPending} />
      ) : (
        (ticket.module ?? t('common.none'))
      ),
    },
    ...(audience === 'customer'
      ? [
          { key: 'assignee', label: t('ticket.assignee'), children: ticket.assignee?.name ?? t('ticket.unassigned') },
          { key: 'team', label: t('ticket.team'), children: ticket.team ? label('team', ticket.team) : t('common.none') },
        ]
      : []),
    { key: 'createdBy', label: t('ticket.createdBy'), children: ticket.createdBy?.name ?? t('common.none') },
    { key: 'createdAt', label: t('ticket.createdAt'), children: <DateTime value={ticket.createdAt} /> },
    {
      key: 'firstResponse',
      label: t('ticket.firstResponse'),
      children: (
        <FirstResponse
          severity={ticket.severity}
          status={ticket.status}
          createdAt={ticket.createdAt}
          firstRespondedAt={ticket.firstRespondedAt}
          mode="full"
        />
      ),
    },
    ...(ticket.resolvedAt ? [{ key: 'resolvedAt', label: t('ticket.resolvedAt'), children: <DateTime value={ticket.resolvedAt} /> }] : []),
    ...(ticket.confirmedAt
      ? [
          {
            key: 'confirmedAt',
            label: t('ticket.confirmedAt'),
            children: (
              <Space orientation="vertical" size={0}>
                <DateTime value={ticket.confirmedAt} />
                {ticket.confirmedByName && <Typography.Text type="secondary">{ticket.confirmedByName}</Typography.Text>}
              </Space>
            ),
          },
        ]
      : []),
    ...(ticket.closedAt ? [{ key: 'closedAt', label: t('ticket.closedAt'), children: <DateTime value={ticket.closedAt} /> }] : []),
  ];

  return (
    <Card size="small" title={t('detail.properties')} className="side-card properties-card">
      <Descriptions column={1} size="small" items={items} className="properties" />
    </Card>
  );
}
