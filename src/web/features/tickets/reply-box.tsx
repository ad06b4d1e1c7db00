import { LockOutlined, PhoneOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Form, Input, Segmented, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CommentBody } from '../../../server/features/tickets/tickets.schema.ts';
import { errorMessage } from '../../lib/errors.ts';
import { applyServerFieldErrors, schemaRules } from '../../lib/schema-form.ts';
import { useAddComment } from './api.ts';

type Mode = 'public' | 'note' | 'phone';

/** Reply box: staff choose public reply / internal note / phone call log; customers only reply. */
export function ReplyBox({ ticketId, audience }: { ticketId: string; audience: 'staff' | 'customer' }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [mode, setMode] = useState<Mode>('public');
  // Only a public staff reply can carry the solution proposal (it meets the solution target).
  const [solution, setSolution] = useState(false);
  const isSolution = audience === 'staff' && mode === 'public' && solution;
  const [form] = Form.useForm<{ body: string }>();
  const addComment = useAddComment(ticketId);
  const { rules } = schemaRules(CommentBody.shape, t);

  const submit = ({ body }: { body: string }) => {
    addComment.mutate(
      { body: body.trim(), internal: mode === 'note', isPhoneCall: mode === 'phone', isSolution },
      {
        onSuccess: () => {
          form.resetFields();
          setSolution(false);
          message.success(t('detail.reply.sent'));
        },
        onError: (error) => {
          if (!applyServerFieldErrors(form, error)) message.error(errorMessage(error, t));
        },
      },
    );
  };

  const placeholder =
    audience === 'customer'
      ? t('detail.reply.placeholderCustomer')
      : mode === 'note'
        ? t('detail.reply.placeholderNote')
        : mode === 'phone'
          ? t('detail.reply.placeholderPhone')
          : isSolution
            ? t('detail.reply.placeholderSolution')
            : t('detail.reply.placeholderPublic');
  const sendLabel =
    mode === 'note'
      ? t('detail.reply.sendNote')
      : mode === 'phone'
        ? t('detail.reply.sendPhone')
        : isSolution
          ? t('detail.reply.sendSolution')
          : t('detail.reply.send');

  return (
    <div className={`reply-box reply-box-${mode}`} data-testid="reply-box">
      {audience === 'staff' ? (
        <Segmented<Mode>
          value={mode}
          onChange={setMode}
          options={[
            {
              value: 'public',
              icon: <SendOutlined aria-hidden />,
              label: <span data-testid="reply-mode-public">{t('detail.reply.public')}</span>,
            },
            {
              value: 'note',
              icon: <LockOutlined aria-hidden />,
              label: <span data-testid="reply-mode-note">{t('detail.reply.note')}</span>,
            },
            {
              value: 'phone',
              icon: <PhoneOutlined aria-hidden />,
              label: <span data-testid="reply-mode-phone">{t('detail.reply.phone')}</span>,
            },
          ]}
          className="reply-mode"
        />
      ) : (
        <Typography.Text strong>{t('detail.reply.customerTitle')}</Typography.Text>
      )}
      <Form form={form} onFinish={submit} className="reply-form">
        <Form.Item name="body" rules={rules('body')} className="reply-input">
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 12 }}
            placeholder={placeholder}
            data-testid="reply-input"
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) form.submit();
            }}
          />
        </Form.Item>
        <div className="reply-actions">
          {audience === 'staff' && mode === 'public' && (
            <Tooltip title={t('detail.reply.solutionHint')}>
              <span className="reply-solution" data-testid="reply-solution">
                <Checkbox checked={solution} onChange={(event) => setSolution(event.target.checked)}>
                  {t('detail.reply.solution')}
                </Checkbox>
              </span>
            </Tooltip>
          )}
          <Typography.Text type="secondary" className="hint">
            {t('common.keyboardSubmit')}
          </Typography.Text>
          <Button
            type="primary"
            htmlType="submit"
            loading={addComment.isPending}
            data-testid="reply-submit"
            className={mode === 'note' ? 'note-button' : undefined}
          >
            {sendLabel}
          </Button>
        </div>
      </Form>
    </div>
  );
}
