import { App, Card, Form, Rate, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.ts';
import { type AnswerInput, useAnswerSurvey, useTicketSurvey } from './api.ts';
import { SurveyAnswerFields } from './survey-answer-fields.tsx';

/** The portal's satisfaction survey on a confirmed request: 1–5 and a comment, answered once. */
export function SurveyCard({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const survey = useTicketSurvey(ticketId);
  const answer = useAnswerSurvey(ticketId);
  const [form] = Form.useForm<AnswerInput>();
  if (!survey.data?.isOpen) return null;
  const done = survey.data.survey?.answeredAt ? survey.data.survey : null;
  return (
    <Card title={t('serviceQuality.survey.title')} size="small" data-testid="survey-card">
      {done ? (
        <div>
          <Rate disabled value={done.score ?? 0} />
          <Typography.Paragraph type="secondary">{t('serviceQuality.survey.thanks')}</Typography.Paragraph>
          {done.comment && <Typography.Paragraph>{done.comment}</Typography.Paragraph>}
        </div>
      ) : (
        <Form
          form={form}
          layout="vertical"
          onFinish={(values) =>
            answer.mutate(values, {
              onSuccess: () => message.success(t('serviceQuality.survey.thanks')),
              onError: (error) => message.error(errorMessage(error, t)),
            })
          }
        >
          <SurveyAnswerFields commentRows={3} isPending={answer.isPending} submitTestId="survey-submit" />
        </Form>
      )}
    </Card>
  );
}
