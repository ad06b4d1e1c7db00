import { App, Button, Card, Descriptions, Form, Input, Modal, Select, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../components/session.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useCalendars } from '../calendars/api.ts';
import { type Profile, useMaintenanceProfile, useUpdateMaintenanceProfile } from './api.ts';

type Plan = NonNullable<Profile['backupPlan']>;

/** 重点客户 (online archive logs required) and the backup-and-recovery plan (000 回访服务). */
export function ProfileCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const profile = useMaintenanceProfile(customerId);
  const update = useUpdateMaintenanceProfile(customerId);
  const [editing, setEditing] = useState(false);
  const plan = profile.data?.backupPlan ?? null;
  const calendars = useCalendars(can('maintenance.work'));
  const onError = (error: unknown) => message.error(errorMessage(error, t));
  const none = t('common.none');
  return (
    <Card
      size="small"
      loading={profile.isPending}
      title={t('maintenance.profile.title')}
      extra={
        can('maintenance.work') && (
          <Button size="small" onClick={() => setEditing(true)} data-testid="backup-plan-edit">
            {t('maintenance.profile.editPlan')}
          </Button>
        )
      }
      data-testid="maintenance-profile"
    >
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('maintenance.profile.keyCustomer')}>
          {can('maintenance.work') ? (
            <Switch
              size="small"
              checked={profile.data?.isKeyCustomer ?? false}
              loading={update.isPending}
              onChange={(isKeyCustomer) => update.mutate({ isKeyCustomer }, { onError })}
              aria-label={t('maintenance.profile.keyCustomer')}
            />
          ) : profile.data?.isKeyCustomer ? (
            <Tag color="orange">{t('maintenance.profile.keyCustomer')}</Tag>
          ) : (
            none
          )}
          {profile.data?.isKeyCustomer && (
            <Typography.Text type="warning" style={{ marginInlineStart: 8 }}>
              {t('maintenance.profile.archiveLogs')}
            </Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('maintenance.profile.calendar')}>
          <div style={{ minWidth: 0, flex: 1 }}>
            {can('maintenance.work') ? (
              <Select
                size="small"
                style={{ width: '100%', maxWidth: 300 }}
                aria-label={t('maintenance.profile.calendar')}
                value={profile.data?.calendarId ?? ''}
                loading={calendars.isPending || update.isPending}
                onChange={(calendarId: string) => update.mutate({ calendarId: calendarId || null }, { onError })}
                options={[
                  { value: '', label: t('maintenance.profile.defaultCalendar') },
                  ...(calendars.data ?? []).map((c) => ({ value: c.id, label: c.name })),
                ]}
                data-testid="maintenance-calendar"
              />
            ) : profile.data?.calendarId ? (
              t('maintenance.profile.ownCalendar')
            ) : (
              t('maintenance.profile.defaultCalendar')
            )}
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('maintenance.profile.calendarHelp')}
            </Typography.Text>
          </div>
        </Descriptions.Item>
        <Descriptions.Item label={t('maintenance.profile.what')}>{plan?.what ?? none}</Descriptions.Item>
        <Descriptions.Item label={t('maintenance.profile.location')}>{plan?.location ?? none}</Descriptions.Item>
        <Descriptions.Item label={t('maintenance.profile.frequency')}>{plan?.frequency ?? none}</Descriptions.Item>
        <Descriptions.Item label={t('maintenance.profile.offsiteCopy')}>{plan?.offsiteCopy ?? none}</Descriptions.Item>
        <Descriptions.Item label={t('maintenance.profile.lastVerifiedRestore')}>{plan?.lastVerifiedRestore ?? none}</Descriptions.Item>
      </Descriptions>
      {editing && (
        <PlanModal
          plan={plan}
          saving={update.isPending}
          onClose={() => setEditing(false)}
          onSave={(backupPlan) => update.mutate({ backupPlan }, { onSuccess: () => setEditing(false), onError })}
        />
      )}
    </Card>
  );
}

function PlanModal({
  plan,
  saving,
  onClose,
  onSave,
}: {
  plan: Plan | null;
  saving: boolean;
  onClose: () => void;
  onSave: (plan: Plan) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Plan>();
  return (
    <Modal
      open
      title={t('maintenance.profile.planTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okText={t('common.save')}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={plan ?? {}}
        onFinish={(v) => onSave({ ...v, offsiteCopy: v.offsiteCopy || null, lastVerifiedRestore: v.lastVerifiedRestore || null })}
      >
        <Form.Item name="what" label={t('maintenance.profile.what')} rules={[{ required: true }]}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="location" label={t('maintenance.profile.location')} rules={[{ required: true }]}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="frequency" label={t('maintenance.profile.frequency')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="offsiteCopy" label={t('maintenance.profile.offsiteCopy')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="lastVerifiedRestore" label={t('maintenance.profile.lastVerifiedRestore')}>
          <Input type="date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
