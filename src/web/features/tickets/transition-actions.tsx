import {
  CheckOutlined,
  CloseCircleOutlined,
  InboxOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  RollbackOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isReopen } from '../../../domain/ticket-workflow.ts';
import type { Status } from '../../../domain/vocabulary.ts';
import { TransitionBody } from '../../../server/features/tickets/tickets.schema.ts';
import { isApiError } from '../../api/client.ts';
import type { TicketDetail } from '../../api/types.ts';
import { useVocab } from '../../components/vocab.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { applyServerFieldErrors, schemaRules } from '../../lib/schema-form.ts';
import { withTestId } from '../../lib/test-id.ts';
import { useTransitionTicket } from './api.ts';

type Audience = 'staff' | 'customer';

/** What a move needs from the person making it, besides the target status. */
type Prompt = 'none' | 'resolution' | 'confirmedByName' | 'reason' | 'confirmCustomer' | 'cancel';

function promptFor(from: Status, to: Status, audience: Audience): Prompt {
  if (to === 'resolved') return 'resolution';
  if (to === 'confirmed') return audience === 'customer' ? 'confirmCustomer' : 'confirmedByName';
  if (isReopen(from, to)) return 'reason';
  if (to === 'cancelled') return 'cancel';
  return 'none';
}

const ICONS: Record<Status, ReactNode> = {
  new: null,
  acknowledged: <SolutionOutlined aria-hidden />,
  in_progress: <PlayCircleOutlined aria-hidden />,
  waiting_on_customer: <PauseCircleOutlined aria-hidden />,
  resolved: <CheckOutlined aria-hidden />,
  confirmed: <SafetyCertificateOutlined aria-hidden />,
  closed: <InboxOutlined aria-hidden />,
  cancelled: <CloseCircleOutlined aria-hidden />,
};

type FormValues = { resolution?: string; confirmedByName?: string; comment?: string };

/** The status buttons the server allows (`allowedTransitions`), each asking for what its move needs. */
export function TransitionActions({ ticket, audience }: { ticket: TicketDetail; audience: Audience }) {
  const { t } = useTranslation();
  const { label } = useVocab();
  const { message } = App.useApp();
  const transition = useTransitionTicket(ticket.id);
  const [target, setTarget] = useState<Status | null>(null);
  const [form] = Form.useForm<FormValues>();
  const { rules } = schemaRules(TransitionBody.shape, t);

  const buttonLabel = (to: Status): string => {
    if (to === 'confirmed') return t(audience === 'customer' ? 'detail.transition.confirmedCustomer' : 'detail.transition.confirmed');
    if (isReopen(ticket.status, to)) return t(audience === 'customer' ? 'detail.transition.rejectCustomer' : 'detail.transition.reopen');
    if (to === 'new') return label('status', to);
    return t(`detail.transition.${to}`);
  };

  const run = (to: Status, values: FormValues = {}) => {
    transition.mutate(
      {
        to,
        version: ticket.version,
        resolution: values.resolution?.trim() || undefined,
        confirmedByName: values.confirmedByName?.trim() || undefined,
        comment: values.comment?.trim() || undefined,
      },
      {
        onSuccess: () => {
          message.success(t('detail.transition.done', { status: label('status', to) }));
          setTarget(null);
          form.resetFields();
        },
        onError: (error) => {
          if (!applyServerFieldErrors(form, error) || isApiError(error, 'conflict')) message.error(errorMessage(error, t));
          if (isApiError(error, 'conflict') || isApiError(error, 'invalid_transition')) setTarget(null);
        },
      },
    );
  };

  const open = (to: Status) => {
    if (promptFor(ticket.status, to, audience) === 'none') run(to);
    else {
      form.resetFields();
      setTarget(to);
    }
  };

  // Primary action: the one that moves the work forward for this audience.
  const primary: Status | undefined =
    audience === 'customer'
      ? ticket.allowedTransitions.find((to) => to === 'confirmed')
      : (ticket.allowedTransitions.find((to) => to === 'resolved') ?? ticket.allowedTransitions.find((to) => to === 'acknowledged'));

  const ordered = [...ticket.allowedTransitions].sort((a, b) => (a === 'cancelled' ? 1 : b === 'cancelled' ? -1 : 0));
  const prompt = target ? promptFor(ticket.status, target, audience) : 'none';

  const modalTitle: Record<Prompt, string> = {
    none: '',
    resolution: t('detail.modal.resolveTitle'),
    confirmedByName: t('detail.modal.confirmTitle'),
    confirmCustomer: t('detail.modal.confirmCustomerTitle'),
    reason: audience === 'customer' ? t('detail.modal.rejectTitle') : t('detail.modal.reopenTitle'),
    cancel: t('detail.modal.cancelTitle'),
  };

  return (
    <>
      <Space wrap size={8} className="transition-actions">
        {ordered.map((to) => (
          <Button
            key={to}
            type={to === primary ? 'primary' : 'default'}
            danger={to === 'cancelled'}
            icon={isReopen(ticket.status, to) ? <RollbackOutlined aria-hidden /> : ICONS[to]}
            loading={transition.isPending && transition.variables?.to === to && !target}
            onClick={() => open(to)}
            data-testid={`transition-${to}`}
          >
            {buttonLabel(to)}
          </Button>
        ))}
      </Space>
      <Modal
        open={target !== null}
        title={modalTitle[prompt]}
        okText={target ? buttonLabel(target) : t('common.confirm')}
        okButtonProps={withTestId({ danger: prompt === 'cancel' }, 'transition-submit')}
        cancelText={t('common.cancel')}
        confirmLoading={transition.isPending}
        onOk={() => {
          if (!target) return;
          form.validateFields().then(
            (values) => run(target, values),
            () => undefined,
          );
        }}
        onCancel={() => setTarget(null)}
        forceRender
      >
        <Form<FormValues> form={form} layout="vertical" requiredMark={false} className="transition-form">
          {prompt === 'resolution' && (
            <Form.Item name="resolution" label={t('detail.modal.resolveLabel')} rules={rules('resolution', { required: true })}>
              <Input.TextArea
                autoSize={{ minRows: 5, maxRows: 12 }}
                placeholder={t('detail.modal.resolvePlaceholder')}
                autoFocus
                data-testid="resolution-input"
              />
            </Form.Item>
          )}
          {prompt === 'confirmedByName' && (
            <>
              <Form.Item name="confirmedByName" label={t('detail.modal.confirmLabel')} rules={rules('confirmedByName', { required: true })}>
                <Input placeholder={t('detail.modal.confirmPlaceholder')} autoFocus data-testid="confirmed-by-input" />
              </Form.Item>
              <Form.Item name="comment" label={t('detail.modal.commentLabel')} rules={rules('comment')}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
              </Form.Item>
            </>
          )}
          {prompt === 'confirmCustomer' && (
            <>
              <Typography.Paragraph>{t('detail.modal.confirmCustomerBody')}</Typography.Paragraph>
              <Form.Item name="comment" label={t('detail.modal.commentLabel')} rules={rules('comment')}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="transition-comment" />
              </Form.Item>
            </>
          )}
          {prompt === 'reason' && (
            <Form.Item
              name="comment"
              label={audience === 'customer' ? t('detail.modal.rejectLabel') : t('detail.modal.reopenLabel')}
              rules={rules('comment', { required: true })}
            >
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} autoFocus data-testid="reopen-reason-input" />
            </Form.Item>
          )}
          {prompt === 'cancel' && (
            <>
              <Typography.Paragraph>{t('detail.modal.cancelBody')}</Typography.Paragraph>
              <Form.Item name="comment" label={t('detail.modal.commentLabel')} rules={rules('comment')}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}
