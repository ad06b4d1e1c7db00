import { Button, Form, Input, Rate } from 'antd';
import { useTranslation } from 'react-i18next';

/** The survey's question (1–5), comment and submit: one set of fields for the request survey and the periodic one. */
export function SurveyAnswerFields({
  commentRows,
  isPending,
  submitTestId,
}: {
  commentRows: number;
  isPending: boolean;
  submitTestId: string;
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
      <Button type="primary" htmlType="submit" loading={isPending} data-testid={submitTestId}>
        {t('serviceQuality.survey.submit')}
      </Button>
    </>
  );
}
