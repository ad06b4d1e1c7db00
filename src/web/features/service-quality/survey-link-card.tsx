import { LinkOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Rate, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../components/session.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { errorMessage } from '../../lib/errors.ts';
import { type SurveyLink, useIssueSurveyLink, useTicketSurvey } from './api.ts';

/**
 * Staff, on a confirmed request: the survey's answer, or a signed no-login link to give the customer (copied, or
 * mailed to the request's contact when it has an address).
 */
export function SurveyLinkCard({ ticketId, status }: { ticketId: string; status: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const isOpen = status === 'confirmed' || status === 'closed';
  const survey = useTicketSurvey(ticketId, isOpen);
  const issue = useIssueSurveyLink(ticketId);
  const [sendEmail, setSendEmail] = useState(false);
  const [link, setLink] = useState<SurveyLink | null>(null);
  if (!isOpen || !survey.data?.isOpen || !can('survey.issue_link')) return null;
  const answered = survey.data.survey?.answeredAt ? survey.data.survey : null;
  return (
    <Card size="small" title={t('serviceQuality.survey.title')} data-testid="survey-link-card">
      {answered ? (
        <Space orientation="vertical" size={4}>
          <Rate disabled value={answered.score ?? 0} />
          {answered.comment && <Typography.Text>{answered.comment}</Typography.Text>}
        </Space>
      ) : (
        <Space orientation="vertical" size={8} className="full-width">
          <Checkbox
            checked={sendEmail}
            disabled={!survey.data.hasContactEmail}
            onChange={(e) => setSendEmail(e.target.checked)}
            data-testid="survey-send-email"
          >
            {survey.data.hasContactEmail ? t('serviceQuality.link.sendEmail') : t('serviceQuality.link.noEmail')}
          </Checkbox>
          <Button
            icon={<LinkOutlined aria-hidden />}
            loading={issue.isPending}
            data-testid="survey-issue-link"
            onClick={() =>
              issue.mutate(
                { sendEmail, locale: currentLanguage() === 'en' ? 'en' : 'zh-CN' },
                {
                  onSuccess: (res) => {
                    setLink(res);
                    message.success(
                      res.emailedTo ? t('serviceQuality.link.emailed', { to: res.emailedTo }) : t('serviceQuality.link.issued'),
                    );
                  },
                  onError: (error) => message.error(errorMessage(error, t)),
                },
              )
            }
          >
            {t('serviceQuality.link.issue')}
          </Button>
          {link && (
            <Typography.Paragraph
              copyable={{ text: `${window.location.origin}${link.path}` }}
              className="small-text"
              data-testid="survey-link"
            >
              {t('serviceQuality.link.validUntil', { date: link.expiresAt.slice(0, 10) })}
            </Typography.Paragraph>
          )}
        </Space>
      )}
    </Card>
  );
}
