import { Checkbox, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { CONTACT_ROLES } from '../../../domain/vocabulary.ts';
import { ContactBody } from '../../../server/features/customers/customers.schema.ts';
import { FormModal, useSubmitFeedback } from '../../components/form-modal.tsx';
import { useVocab } from '../../components/vocab.tsx';
import { cleanValues, schemaRules } from '../../lib/schema-form.ts';
import { type ContactInput, useAddContact } from './api.ts';

export function ContactFormModal({ customerId, open, onClose }: { customerId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { options } = useVocab();
  const [form] = Form.useForm<ContactInput>();
  const feedback = useSubmitFeedback(form);
  const add = useAddContact(customerId);
  const { rules } = schemaRules(ContactBody.shape, t);

  const submit = (values: ContactInput) => {
    const body = { ...cleanValues(values), isPrimary: Boolean(values.isPrimary) } as ContactInput;
    add.mutate(
      body,
      feedback.callbacks((contact) => t('customers.contact.added', { name: contact.name }), onClose),
    );
  };

  return (
    <FormModal<ContactInput>
      title={t('customers.addContact')}
      form={form}
      open={open}
      onClose={onClose}
      onFinish={submit}
      isPending={add.isPending}
      submitTestId="contact-form-submit"
      initialValues={{ role: 'it_director', isPrimary: false }}
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
    </FormModal>
  );
}
