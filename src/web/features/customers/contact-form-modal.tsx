import { App, Checkbox, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_ROLES } from '../../../domain/vocabulary.ts';
import { ContactBody } from '../../../server/features/customers/customers.schema.ts';
import { useVocab } from '../../components/vocab.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { applyServerFieldErrors, cleanValues, schemaRules } from '../../lib/schema-form.ts';
import { withTestId } from '../../lib/test-id.ts';
import { type ContactInput, useAddContact } from './api.ts';

export function ContactFormModal({ customerId, open, onClose }: { customerId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { options } = useVocab();
  const { message } = App.useApp();
  const [form] = Form.useForm<ContactInput>();
  const add = useAddContact(customerId);
  const { rules } = schemaRules(ContactBody.shape, t);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const submit = (values: ContactInput) => {
    const body = { ...cleanValues(values), isPrimary: Boolean(values.isPrimary) } as ContactInput;
    add.mutate(body, {
      onSuccess: (contact) => {
        message.success(t('customers.contact.added', { name: contact.name }));
        onClose();
      },
      onError: (error) => {
        if (!applyServerFieldErrors(form, error)) message.error(errorMessage(error, t));
      },
    });
  };

  return (
    <Modal
      open={open}
      title={t('customers.addContact')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={add.isPending}
      okButtonProps={withTestId({}, 'contact-form-submit')}
      forceRender
    >
      <Form<ContactInput>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ role: 'it_director', isPrimary: false }}
        className="modal-form"
      >
        <div className="form-row">
          <Form.Item name="name" label={t('customers.contact.name')} rules={rules('name')} className="form-col">
            <Input autoFocus data-testid="contact-name" />
          </Form.Item>
          <Form.Item name="role" label={t('customers.contact.role')} rules={rules('role')} className="form-col">
            <Select options={options('contactRole', CONTACT_ROLES)} data-testid="contact-role" />
          </Form.Item>
        </div>
        <Form.Item name="title" label={t('customers.contact.title')} rules={rules('title')}>
          <Input />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="phone" label={t('customers.contact.phone')} rules={rules('phone')} className="form-col">
            <Input data-testid="contact-phone" />
          </Form.Item>
          <Form.Item name="email" label={t('customers.contact.email')} rules={rules('email')} className="form-col">
            <Input />
          </Form.Item>
        </div>
        <Form.Item name="isPrimary" valuePropName="checked">
          <Checkbox data-testid="contact-primary">{t('customers.contact.isPrimary')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
