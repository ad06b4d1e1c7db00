import { App, Form, type FormInstance, type FormProps, Modal } from 'antd';
import { type ReactNode, useCallback, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/errors.ts';
import { applyServerFieldErrors } from '../lib/schema-form.ts';
import { withTestId } from '../lib/test-id.ts';

type FormModalProps<T> = {
  title: ReactNode;
  form: FormInstance<T>;
  open: boolean;
  onClose: () => void;
  onFinish: (values: T) => void;
  /** Shows the OK button's spinner. */
  isPending: boolean;
  /** data-testid of the OK button. */
  submitTestId?: string;
  initialValues?: FormProps<T>['initialValues'];
  /** Defaults to "Save". */
  okText?: ReactNode;
  width?: number;
  /** Shown above the form (a hint or a warning). */
  intro?: ReactNode;
  /** Clears the form each time it opens; turn off when the caller fills it in its own effect. */
  resetOnOpen?: boolean;
  children: ReactNode;
};

/** The vertical form in a modal that every create/edit dialog uses: OK submits the form, Cancel closes. */
export function FormModal<T>({
  title,
  form,
  open,
  onClose,
  onFinish,
  isPending,
  submitTestId,
  initialValues,
  okText,
  width,
  intro,
  resetOnOpen = true,
  children,
}: FormModalProps<T>) {
  const { t } = useTranslation();

  useEffect(() => {
    if (open && resetOnOpen) form.resetFields();
  }, [open, resetOnOpen, form]);

  return (
    <Modal
      open={open}
      title={title}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={isPending}
      okButtonProps={submitTestId ? withTestId({}, submitTestId) : undefined}
      width={width}
      forceRender
    >
      {intro}
      <Form<T> form={form} layout="vertical" onFinish={onFinish} initialValues={initialValues} className="modal-form">
        {children}
      </Form>
    </Modal>
  );
}

/**
 * Toasts for a form's mutation: `callbacks(success, done)` gives `mutate` options that toast the success and call `done`,
 * or put server field errors on the form (a toast when there are none); `showError` is that failure half alone.
 */
export function useSubmitFeedback<T>(form: FormInstance<T>) {
  const { t } = useTranslation();
  const { message } = App.useApp();

  const showError = useCallback(
    (error: unknown) => {
      if (!applyServerFieldErrors(form, error)) message.error(errorMessage(error, t));
    },
    [form, message, t],
  );

  const callbacks = useCallback(
    <R,>(success: string | ((result: R) => string), done: (result: R) => void) => ({
      onSuccess: (result: R) => {
        message.success(typeof success === 'string' ? success : success(result));
        done(result);
      },
      onError: showError,
    }),
    [message, showError],
  );

  return useMemo(() => ({ callbacks, showError }), [callbacks, showError]);
}
