import { CopyOutlined, EyeOutlined, KeyOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Empty, Form, Input, List, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REMOTE_ACCESS_METHODS, type RemoteAccessMethod } from '../../../domain/remote-access.ts';
import { isApiError } from '../../api/client.ts';
import { DateTime } from '../../components/date-time.tsx';
import { useCan } from '../../components/session.tsx';
import { errorMessage } from '../../lib/errors.ts';
import {
  type RemoteAccessGrant,
  useGrantRemoteAccess,
  useGrants,
  useLogSession,
  useRevealSecret,
  useRevokeGrant,
  useSessions,
} from './api.ts';
import './remote-access.css';

const STATE_COLOR = { scheduled: 'blue', active: 'green', ended: 'default', revoked: 'red' } as const;

type GrantForm = { method: RemoteAccessMethod; target?: string; grantedByName?: string; window: [Dayjs, Dayjs]; secret: string };

/** Remote access on a request (001 1.3, 003 6.6): grant, list with window state, reveal once, revoke, session log. */
export function RemoteAccessCard({
  ticketId,
  customerId,
  audience,
}: {
  ticketId: string;
  customerId: string;
  audience: 'staff' | 'customer';
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const grants = useGrants(ticketId);
  const grant = useGrantRemoteAccess(ticketId);
  const [isFormOpen, setFormOpen] = useState(false);
  const [form] = Form.useForm<GrantForm>();
  if (!can('remote_access.read', { customerId })) return null;
  const mayGrant = can('remote_access.grant', { customerId });

  const submit = async (values: GrantForm) => {
    try {
      await grant.mutateAsync({
        method: values.method,
        target: values.target?.trim() || undefined,
        grantedByName: values.grantedByName?.trim() || undefined,
        validFrom: values.window[0].toISOString(),
        validUntil: values.window[1].toISOString(),
        secret: values.secret,
      });
      form.resetFields();
      setFormOpen(false);
      message.success(t('remoteAccess.granted'));
    } catch (error) {
      message.error(isApiError(error, 'secret_key_missing') ? t('remoteAccess.secretKeyMissing') : errorMessage(error, t));
    }
  };

  const items = grants.data?.items ?? [];
  return (
    <Card
      size="small"
      className="remote-access-card"
      data-testid="remote-access-card"
      title={
        <span>
          <KeyOutlined aria-hidden /> {t('remoteAccess.title')}
          {items.length > 0 && <span className="card-count">{items.length}</span>}
        </span>
      }
      extra={
        mayGrant &&
        !isFormOpen && (
          <Button size="small" onClick={() => setFormOpen(true)} data-testid="remote-access-grant">
            {t('remoteAccess.grant')}
          </Button>
        )
      }
    >
      {isFormOpen && (
        <Form
          form={form}
          layout="vertical"
          size="small"
          onFinish={submit}
          initialValues={{ method: 'vpn', window: [dayjs(), dayjs().add(4, 'hour')] }}
          className="remote-access-form"
          autoComplete="off"
        >
          <Form.Item name="method" label={t('remoteAccess.method')} rules={[{ required: true }]}>
            <Select options={REMOTE_ACCESS_METHODS.map((m) => ({ value: m, label: t(`remoteAccess.methods.${m}`) }))} />
          </Form.Item>
          <Form.Item name="target" label={t('remoteAccess.target')}>
            <Input maxLength={300} placeholder={t('remoteAccess.targetPlaceholder')} />
          </Form.Item>
          <Form.Item
            name="grantedByName"
            label={t('remoteAccess.grantedByName')}
            rules={audience === 'staff' ? [{ required: true, whitespace: true, message: t('validation.required') }] : []}
            extra={audience === 'customer' ? t('remoteAccess.grantedBySelf') : undefined}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="window"
            label={t('remoteAccess.window')}
            rules={[
              { required: true, message: t('validation.required') },
              {
                validator: async (_rule, value: [Dayjs, Dayjs] | undefined) => {
                  if (value && !value[1].isAfter(value[0])) throw new Error(t('remoteAccess.windowOrder'));
                },
              },
            ]}
          >
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" className="full-width" />
          </Form.Item>
          <Form.Item
            name="secret"
            label={t('remoteAccess.secret')}
            extra={t('remoteAccess.secretHint')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Input.Password autoComplete="new-password" data-testid="remote-access-secret" />
          </Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={grant.isPending} data-testid="remote-access-submit">
              {t('remoteAccess.submit')}
            </Button>
            <Button onClick={() => setFormOpen(false)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      )}
      {items.length === 0 && !isFormOpen ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('remoteAccess.empty')} />
      ) : (
        <List dataSource={items} renderItem={(g) => <GrantItem grant={g} ticketId={ticketId} customerId={customerId} />} />
      )}
    </Card>
  );
}

function GrantItem({ grant, ticketId, customerId }: { grant: RemoteAccessGrant; ticketId: string; customerId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const reveal = useRevealSecret();
  const revoke = useRevokeGrant(ticketId);
  const [secret, setSecret] = useState<string | null>(null);
  const [isSessionsOpen, setSessionsOpen] = useState(false);

  const show = async () => {
    try {
      setSecret((await reveal.mutateAsync(grant.id)).secret);
    } catch (error) {
      message.error(errorMessage(error, t));
    }
  };
  const copy = async () => {
    if (!secret) return;
    await navigator.clipboard.writeText(secret);
    message.success(t('remoteAccess.copied'));
  };

  return (
    <List.Item className="grant-item" data-testid="grant-item" data-state={grant.state}>
      <div className="grant-main">
        <Space size={6} wrap>
          <Tag color={STATE_COLOR[grant.state]}>{t(`remoteAccess.states.${grant.state}`)}</Tag>
          <strong>{t(`remoteAccess.methods.${grant.method}`)}</strong>
          {grant.target && <span className="grant-target">{grant.target}</span>}
        </Space>
        <div className="muted grant-window">
          <DateTime value={grant.validFrom} /> – <DateTime value={grant.validUntil} />
        </div>
        <div className="muted">{t('remoteAccess.grantedLine', { name: grant.grantedByName })}</div>
        {!grant.hasSecret && <div className="muted">{t('remoteAccess.erased')}</div>}
        {secret && (
          <div className="grant-secret" data-testid="grant-secret">
            <Typography.Text code>{secret}</Typography.Text>
            <Button size="small" icon={<CopyOutlined aria-hidden />} onClick={copy}>
              {t('remoteAccess.copy')}
            </Button>
            <Button size="small" type="link" onClick={() => setSecret(null)}>
              {t('remoteAccess.hide')}
            </Button>
          </div>
        )}
        <Space size={4} wrap className="grant-actions">
          {grant.canReveal && !secret && (
            <Button size="small" icon={<EyeOutlined aria-hidden />} onClick={show} loading={reveal.isPending} data-testid="grant-reveal">
              {t('remoteAccess.reveal')}
            </Button>
          )}
          {can('remote_access.revoke', { customerId }) && grant.state !== 'revoked' && grant.state !== 'ended' && (
            <Popconfirm title={t('remoteAccess.revokeConfirm')} onConfirm={() => revoke.mutate(grant.id)}>
              <Button size="small" danger icon={<StopOutlined aria-hidden />} loading={revoke.isPending}>
                {t('remoteAccess.revoke')}
              </Button>
            </Popconfirm>
          )}
          <Button size="small" type="link" onClick={() => setSessionsOpen((open) => !open)}>
            {t('remoteAccess.sessions')}
          </Button>
        </Space>
        {isSessionsOpen && <SessionLog grant={grant} />}
      </div>
    </List.Item>
  );
}

type SessionForm = { window: [Dayjs, Dayjs | null]; summary: string };

function SessionLog({ grant }: { grant: RemoteAccessGrant }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const sessions = useSessions(grant.id, true);
  const log = useLogSession(grant.id);
  const [form] = Form.useForm<SessionForm>();
  const submit = async (values: SessionForm) => {
    try {
      await log.mutateAsync({
        startedAt: values.window[0].toISOString(),
        endedAt: values.window[1]?.toISOString(),
        summary: values.summary,
      });
      form.resetFields();
    } catch (error) {
      message.error(errorMessage(error, t));
    }
  };
  const items = sessions.data?.items ?? [];
  return (
    <div className="session-log" data-testid="session-log">
      {items.length === 0 ? (
        <div className="muted">{t('remoteAccess.noSessions')}</div>
      ) : (
        <ul className="session-list">
          {items.map((s) => (
            <li key={s.id}>
              <strong>{s.engineer.name}</strong> <DateTime value={s.startedAt} />
              {s.endedAt && (
                <>
                  {' – '}
                  <DateTime value={s.endedAt} />
                </>
              )}
              <div>{s.summary}</div>
            </li>
          ))}
        </ul>
      )}
      {can('remote_access.log_session') && grant.state !== 'scheduled' && (
        <Form form={form} layout="vertical" size="small" onFinish={submit}>
          <Form.Item name="window" label={t('remoteAccess.sessionTime')} rules={[{ required: true, message: t('validation.required') }]}>
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              allowEmpty={[false, true]}
              className="full-width"
            />
          </Form.Item>
          <Form.Item
            name="summary"
            label={t('remoteAccess.summary')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
          </Form.Item>
          <Button htmlType="submit" loading={log.isPending}>
            {t('remoteAccess.addSession')}
          </Button>
        </Form>
      )}
    </div>
  );
}
