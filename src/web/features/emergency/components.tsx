import { AlertOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { TRIGGER_TEXTS, TRIGGERS } from '../../../domain/emergency/template.ts';
import { FormModal } from '../../components/form-modal.tsx';
import { useCan, useTimeZone } from '../../components/session.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { wallClockToInstant } from '../../lib/time.ts';
import { useDeclareIncident, useIncidents } from './api.ts';
import { useBilingual } from './incident-labels.tsx';

type DeclareForm = { trigger: number; failedAt?: Dayjs; drill: boolean; alertHospital?: boolean; scope?: string; impact?: string };

/** On a request: declare a major incident (or go to the open one). */
export function DeclareIncidentButton({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const timeZone = useTimeZone();
  const bilingual = useBilingual();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<DeclareForm>();
  const open_ = useIncidents({ status: 'open', ticketId }, { enabled: can('incident.declare') });
  const declare = useDeclareIncident();
  if (!can('incident.declare')) return null;
  const current = open_.data?.items[0];
  if (current) {
    return (
      <Link to={`/incidents/${current.id}`}>
        <Button danger icon={<AlertOutlined aria-hidden />} data-testid="open-incident">
          {t('emergency.openIncident')}
        </Button>
      </Link>
    );
  }
  return (
    <>
      <Button danger icon={<AlertOutlined aria-hidden />} onClick={() => setOpen(true)} data-testid="declare-incident">
        {t('emergency.declare')}
      </Button>
      <FormModal<DeclareForm>
        title={t('emergency.declareTitle')}
        form={form}
        open={open}
        onClose={() => setOpen(false)}
        isPending={declare.isPending}
        submitTestId="declare-submit"
        okText={t('emergency.declare')}
        width={640}
        initialValues={{ drill: false }}
        onFinish={(values) =>
          declare.mutate(
            {
              ticketId,
              trigger: values.trigger,
              drill: values.drill,
              alertHospital: values.drill ? Boolean(values.alertHospital) : undefined,
              scope: values.scope ?? '',
              impact: values.impact ?? '',
              failedAt: values.failedAt ? wallClockToInstant(values.failedAt, timeZone).toISOString() : undefined,
            } as never,
            {
              onSuccess: (incident) => {
                setOpen(false);
                navigate(`/incidents/${incident.id}`);
              },
              onError: (error) => void message.error(errorMessage(error, t)),
            },
          )
        }
      >
        <Form.Item name="trigger" label={t('emergency.trigger')} rules={[{ required: true }]}>
          <Select
            data-testid="declare-trigger"
            options={TRIGGERS.map((n) => ({ value: n, label: `(${n}) ${bilingual(TRIGGER_TEXTS[n])}` }))}
            optionRender={(o) => <span style={{ whiteSpace: 'normal' }}>{o.label}</span>}
          />
        </Form.Item>
        <Form.Item name="failedAt" label={t('emergency.failedAt')} extra={t('emergency.failedAtHelp')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="scope" label={t('emergency.scope')}>
          <Input placeholder={t('emergency.scopePlaceholder')} maxLength={500} />
        </Form.Item>
        <Form.Item name="impact" label={t('emergency.impact')}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="declare-impact" />
        </Form.Item>
        <Form.Item name="drill" valuePropName="checked" extra={t('emergency.drillHelp')}>
          <Checkbox data-testid="declare-drill">{t('emergency.drill')}</Checkbox>
        </Form.Item>
        <Form.Item noStyle dependencies={['drill']}>
          {({ getFieldValue }) =>
            getFieldValue('drill') ? (
              <Form.Item name="alertHospital" valuePropName="checked" extra={t('emergency.alertHospitalHelp')}>
                <Checkbox data-testid="declare-alert-hospital">{t('emergency.alertHospital')}</Checkbox>
              </Form.Item>
            ) : null
          }
        </Form.Item>
      </FormModal>
    </>
  );
}
