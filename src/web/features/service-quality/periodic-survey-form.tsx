import { App, Button, Form, Input, Rate, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.ts';
import { type AnswerInput, useAnswerPeriodicSurvey } from './api.ts';

/** One periodic survey's answer form in the portal (its own chunk: only hospitals with a survey due load it). */
export function PeriodicSurveyForm({ customerId, id, period }: { customerId: string; id: string; period: string }) {
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
