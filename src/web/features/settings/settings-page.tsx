import { CopyOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateTokenBody } from '../../../server/features/auth/auth.schema.ts';
import type { ApiTokenSummary, CreatedApiToken } from '../../api/types.ts';
import { DateTime } from '../../components/date-time.tsx';
import { changeLanguage } from '../../components/language-switch.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan, useSession } from '../../components/session.tsx';
import { currentLanguage, LANGUAGES, type Language } from '../../i18n/index.ts';
import { errorMessage } from '../../lib/errors.ts';
import { applyServerFieldErrors, schemaRules } from '../../lib/schema-form.ts';
import { timeZoneOptions } from '../../lib/time.ts';
import { useApiTokens, useChangePassword, useCreateApiToken, useRevokeApiToken, useUpdateMe } from '../auth/api.ts';
import { CalendarFeedCard } from '../calendar-feeds/calendar-feed-card.tsx';

function ProfileCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useSession();
  const updateMe = useUpdateMe();
  const [name, setName] = useState(user.name);
  const save = (changes: { name?: string; locale?: Language; timeZone?: string }) =>
    updateMe.mutate(changes, {
      onSuccess: () => message.success(t('common.saved')),
      onError: (error) => message.error(errorMessage(error, t)),
    });

  return (
    <Card title={t('settings.profile')} className="settings-card">
      <Form layout="horizontal" labelCol={{ flex: '120px' }} labelAlign="left" className="settings-form">
        <Form.Item label={t('settings.name')}>
          <Space.Compact className="settings-name">
            <Input value={name} onChange={(event) => setName(event.target.value)} maxLength={100} data-testid="settings-name" />
            <Button
              onClick={() => name.trim() && save({ name: name.trim() })}
              disabled={!name.trim() || name.trim() === user.name}
              loading={updateMe.isPending}
            >
              {t('common.save')}
            </Button>
          </Space.Compact>
        </Form.Item>
        <Form.Item label={t('users.email')}>
          <Typography.Text>{user.email}</Typography.Text>
        </Form.Item>
        <Form.Item label={t('settings.language')}>
          <Select<Language>
            value={currentLanguage()}
            options={LANGUAGES.map((value) => ({ value, label: t(`language.${value}`) }))}
            onChange={(value) => {
              changeLanguage(value);
              save({ locale: value });
            }}
            className="settings-select"
            data-testid="settings-language"
          />
        </Form.Item>
        <Form.Item label={t('settings.timeZone')} extra={t('settings.timeZoneHelp')}>
          <Select
            showSearch
            value={user.timeZone}
            options={timeZoneOptions().map((zone) => ({ value: zone, label: zone }))}
            onChange={(value) => save({ timeZone: value })}
            className="settings-select"
            data-testid="settings-timezone"
          />
        </Form.Item>
      </Form>
    </Card>
  );
}

type PasswordForm = { currentPassword: string; newPassword: string; confirmPassword: string };

function PasswordCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const change = useChangePassword();
  const submit = ({ currentPassword, newPassword }: PasswordForm) =>
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          message.success(t('settings.passwordChanged'));
        },
        onError: (error) => {
          if (!applyServerFieldErrors(form, error)) message.error(errorMessage(error, t));
        },
      },
    );
  return (
    <Card title={t('settings.password')} className="settings-card">
      <Typography.Paragraph type="secondary">{t('settings.passwordHelp')}</Typography.Paragraph>
      <Form<PasswordForm>
        form={form}
        layout="horizontal"
        labelCol={{ flex: '160px' }}
        labelAlign="left"
        className="settings-form"
        onFinish={submit}
        data-testid="password-form"
      >
        <Form.Item
          name="currentPassword"
          label={t('settings.currentPassword')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input.Password autoComplete="current-password" data-testid="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('settings.newPassword')}
          extra={t('settings.newPasswordHelp')}
          rules={[
            { required: true, message: t('validation.required') },
            { min: 10, message: t('validation.tooShort', { min: 10 }) },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('settings.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: async (_rule, value) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error(t('settings.passwordMismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="confirm-password" />
        </Form.Item>
        <Form.Item label=" " colon={false}>
          <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="change-password">
            {t('settings.changePassword')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

function TokensCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const tokens = useApiTokens();
  const create = useCreateApiToken();
  const revoke = useRevokeApiToken();
  const [form] = Form.useForm<{ name: string }>();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const { rules } = schemaRules(CreateTokenBody.shape, t);

  const submit = ({ name }: { name: string }) =>
    create.mutate(name.trim(), {
      onSuccess: (token) => {
        form.resetFields();
        setCreated(token);
      },
      onError: (error) => message.error(errorMessage(error, t)),
    });

  return (
    <Card
      title={
        <span>
          <KeyOutlined aria-hidden /> {t('settings.tokens')}
        </span>
      }
      className="settings-card"
    >
      <Typography.Paragraph type="secondary">{t('settings.tokensHelp')}</Typography.Paragraph>
      <Form form={form} layout="inline" onFinish={submit} className="token-form">
        <Form.Item name="name" rules={rules('name')} className="token-name">
          <Input placeholder={t('settings.tokenNamePlaceholder')} maxLength={100} data-testid="token-name" />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined aria-hidden />} loading={create.isPending} data-testid="token-create">
          {t('settings.createToken')}
        </Button>
      </Form>
      <Table<ApiTokenSummary>
        rowKey="id"
        size="small"
        pagination={false}
        loading={tokens.isPending}
        dataSource={tokens.data?.items ?? []}
        data-testid="token-table"
        columns={[
          { key: 'name', title: t('settings.tokenName'), dataIndex: 'name' },
          { key: 'prefix', title: t('settings.prefix'), render: (_v, token) => <code className="mono">{token.prefix}…</code> },
          { key: 'createdAt', title: t('settings.createdAt'), render: (_v, token) => <DateTime value={token.createdAt} /> },
          {
            key: 'lastUsedAt',
            title: t('settings.lastUsedAt'),
            render: (_v, token) =>
              token.lastUsedAt ? (
                <DateTime value={token.lastUsedAt} relative />
              ) : (
                <Typography.Text type="secondary">{t('settings.never')}</Typography.Text>
              ),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            width: 90,
            render: (_v, token) => (
              <Popconfirm
                title={t('settings.revokeConfirm')}
                okText={t('settings.revoke')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() =>
                  revoke.mutate(token.id, {
                    onSuccess: () => message.success(t('settings.revoked')),
                    onError: (error) => message.error(errorMessage(error, t)),
                  })
                }
              >
                <Button type="link" danger size="small" data-testid={`token-revoke-${token.name}`}>
                  {t('settings.revoke')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Modal
        open={created !== null}
        title={t('settings.tokenCreatedTitle')}
        onCancel={() => setCreated(null)}
        footer={
          <Button type="primary" onClick={() => setCreated(null)}>
            {t('common.close')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('settings.tokenCreatedBody')} className="token-alert" />
        <Typography.Paragraph
          className="token-value"
          copyable={{
            text: created?.token ?? '',
            icon: [<CopyOutlined aria-hidden key="copy" />, <CopyOutlined aria-hidden key="copied" />],
            tooltips: [t('common.copy'), t('common.copied')],
          }}
          data-testid="token-value"
        >
          <code>{created?.token}</code>
        </Typography.Paragraph>
      </Modal>
    </Card>
  );
}

export function SettingsPage() {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <div className="page page-narrow">
      <PageHeader title={t('settings.title')} />
      <Space orientation="vertical" size={16} className="full-width">
        <ProfileCard />
        <PasswordCard />
        {can('calendar_feed.manage') && <CalendarFeedCard />}
        <TokensCard />
      </Space>
    </div>
  );
}
