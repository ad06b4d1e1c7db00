import { App, Button, Card, Form, Input, Rate, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.ts';
import { type AnswerInput, useAnswerPeriodicSurvey, usePendingSurveys } from './api.ts';

/** The portal's periodic satisfaction surveys still to answer (the emailed link's form, signed in): once each. */
export function PortalSurveysCard({ customerId }: { customerId: string | null }) {
  const { t } = useTranslation();
  const pending = usePendingSurveys(customerId);
  if (!customerId || !pending.data?.length) return null;
  return (
    <Card title={t('serviceQuality.survey.pendingTitle')} size="small" data-testid="portal-surveys" style={{ marginBottom: 16 }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {pending.data.map((s) => (
          <PeriodicSurveyForm key={s.id} customerId={customerId} id={s.id} period={s.period ?? ''} />
        ))}
      </Space>
    </Card>
  );
}

function PeriodicSurveyForm({ customerId, id, period }: { customerId: string; id: string; period: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const answer = useAnswerPeriodicSurvey(customerId);
  const [form] = Form.useForm<AnswerInput>();
  return (
    <Form
      form={form}
      layout="vertical"
      data-testid="periodic-survey"
      onFinish={(values) =>
        answer.mutate(
          { id, ...values },
          {
            onSuccess: () => message.success(t('serviceQuality.survey.thanks')),
            onError: (error) => message.error(errorMessage(error, t)),
          },
        )
      }
    >
      <Typography.Text strong>{t('serviceQuality.survey.periodic', { period })}</Typography.Text>
      <Form.Item
        name="score"
        label={t('serviceQuality.survey.question')}
        rules={[{ required: true, message: t('serviceQuality.survey.scoreRequired') }]}
      >
        <Rate />
      </Form.Item>
      <Form.Item name="comment" label={t('serviceQuality.survey.comment')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={answer.isPending} data-testid="periodic-survey-submit">
        {t('serviceQuality.survey.submit')}
      </Button>
    </Form>
  );
}
