import { App, Card, Form, Rate, Result, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { errorMessage } from '../../lib/errors.ts';
import { type AnswerInput, useAnswerPublicSurvey, usePublicSurvey } from './api.ts';
import { SurveyAnswerFields } from './survey-answer-fields.tsx';

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
            <SurveyAnswerFields commentRows={3} isPending={answer.isPending} submitTestId="public-survey-submit" isSubmitFullWidth />
          </Form>
        )}
      </Card>
    </div>
  );
}
