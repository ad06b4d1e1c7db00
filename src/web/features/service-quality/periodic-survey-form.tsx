import { App, Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.ts';
import { type AnswerInput, useAnswerPeriodicSurvey } from './api.ts';
import { SurveyAnswerFields } from './survey-answer-fields.tsx';

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
      <SurveyAnswerFields commentRows={2} isPending={answer.isPending} submitTestId="periodic-survey-submit" />
    </Form>
  );
}
