import { App, Button, Card, Form, Input, Rate, Result, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { errorMessage } from '../../lib/errors.ts';
import { type AnswerInput, useAnswerPublicSurvey, usePublicSurvey } from './api.ts';

/** The survey by signed link: no login; the token is the only key. */
export function PublicSurveyPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const survey = usePublicSurvey(token);
  const answer = useAnswerPublicSurvey(token);
  if (survey.isPending) return <Spin size="large" className="full-page-center" />;
  if (survey.isError) return <Result status="warning" title={t('serviceQuality.survey.invalidLink')} />;
  const s = survey.data;
  return (
    <div style={{ maxWidth: 560, margin: '24px auto', padding: '0 12px' }}>
      <Card title={t('serviceQuality.survey.title')}>
        <Typography.Paragraph>
          {s.ticketNumber
            ? `${s.customerName} · ${s.ticketNumber} · ${s.ticketTitle ?? ''}`
            : `${s.customerName} · ${t('serviceQuality.survey.periodic', { period: s.period ?? '' })}`}
        </Typography.Paragraph>
        {s.isAnswered ? (
          <Result status="success" title={t('serviceQuality.survey.thanks')} extra={<Rate disabled value={s.score ?? 0} />} />
        ) : (
          <Form<AnswerInput>
            layout="vertical"
            onFinish={(values) => answer.mutate(values, { onError: (error) => message.error(errorMessage(error, t)) })}
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
            <Button type="primary" htmlType="submit" loading={answer.isPending} block>
              {t('serviceQuality.survey.submit')}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
