import { App, Button, Card, Form, Input, Rate, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.ts';
import { type AnswerInput, useAnswerSurvey, useTicketSurvey } from './api.ts';

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
          <Form.Item
            name="score"
            label={t('serviceQuality.survey.question')}
            rules={[{ required: true, message: t('serviceQuality.survey.scoreRequired') }]}
          >
            <Rate />
          </Form.Item>
          <Form.Item name="comment" label={t('serviceQuality.survey.comment')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={answer.isPending} data-testid="survey-submit">
            {t('serviceQuality.survey.submit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
