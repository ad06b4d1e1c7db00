import { Button, Form, Input, Rate } from 'antd';
import { useTranslation } from 'react-i18next';

/** The survey's question (1–5), comment and submit: one set of fields for the request survey, the periodic one and the survey by signed link. */
export function SurveyAnswerFields({
  commentRows,
  isPending,
  submitTestId,
  isSubmitFullWidth = false,
}: {
  commentRows: number;
  isPending: boolean;
  submitTestId: string;
  /** The public survey page (a phone, usually) spans the submit button across the card. */
  isSubmitFullWidth?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="score"
        label={t('serviceQuality.survey.question')}
        rules={[{ required: true, message: t('serviceQuality.survey.scoreRequired') }]}
      >
        <Rate />
      </Form.Item>
      <Form.Item name="comment" label={t('serviceQuality.survey.comment')}>
        <Input.TextArea rows={commentRows} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={isPending} block={isSubmitFullWidth} data-testid={submitTestId}>
        {t('serviceQuality.survey.submit')}
      </Button>
    </>
  );
}
