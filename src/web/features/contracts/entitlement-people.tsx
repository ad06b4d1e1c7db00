import { UserOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal, useSubmitFeedback } from '../../components/form-modal.tsx';
import { useCan } from '../../components/session.tsx';
import { useCreateOverride, useEntitlement } from './api.ts';
import { toLocalDate } from './form-bits.tsx';

/** The customer's responsible engineer (000) and the contract's resident engineer (002 Diamond): at intake and on the request. */
export function EntitlementPeople({ customerId, testId = 'entitlement-people' }: { customerId: string | undefined; testId?: string }) {
  const { t } = useTranslation();
  const e = useEntitlement(customerId).data;
  if (!e || (!e.responsibleEngineer && !e.residentEngineer && !e.onSiteUntil)) return null;
  return (
    <Space size={[12, 4]} wrap data-testid={testId}>
      {e.responsibleEngineer && (
        <Typography.Text className="small-text">
          <UserOutlined aria-hidden /> {t('entitlement.responsibleEngineer')}: {e.responsibleEngineer.name}
        </Typography.Text>
      )}
      {e.residentEngineer && (
        <Typography.Text className="small-text">
          <UserOutlined aria-hidden /> {t('entitlement.residentEngineer')}: {e.residentEngineer.name}
        </Typography.Text>
      )}
      {e.onSiteUntil && <Typography.Text className="small-text">{t('entitlement.onSiteUntil', { date: e.onSiteUntil })}</Typography.Text>}
    </Space>
  );
}

type OverrideValues = { reason: string; untilDate?: Dayjs };

/** Shown while the rules say "no further service": a manager may serve anyway, with a reason, until a date. */
export function OverrideButton({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const e = useEntitlement(customerId).data;
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<OverrideValues>();
  const feedback = useSubmitFeedback(form);
  const create = useCreateOverride(customerId);
  if (e?.basis !== 'no_service' || !can('entitlement.override')) return null;
  return (
    <>
      <Button size="small" danger onClick={() => setOpen(true)} data-testid="entitlement-override">
        {t('entitlement.override.button')}
      </Button>
      <FormModal<OverrideValues>
        title={t('entitlement.override.title')}
        form={form}
        open={open}
        onClose={() => setOpen(false)}
        onFinish={(values) =>
          create.mutate(
            { reason: values.reason.trim(), untilDate: toLocalDate(values.untilDate) ?? '' },
            feedback.callbacks(t('common.saved'), () => setOpen(false)),
          )
        }
        isPending={create.isPending}
        submitTestId="entitlement-override-submit"
      >
        <Form.Item
          name="reason"
          label={t('entitlement.override.reason')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} data-testid="entitlement-override-reason" />
        </Form.Item>
        <Form.Item name="untilDate" label={t('entitlement.override.until')} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker className="full-width" data-testid="entitlement-override-until" />
        </Form.Item>
      </FormModal>
    </>
  );
}
