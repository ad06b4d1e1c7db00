import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role, STAFF_DESIGNATIONS, type StaffDesignation, TEAMS, type Team } from '../../../domain/vocabulary.ts';
import { CreateUserBody } from '../../../server/features/users/users.schema.ts';
import { FormModal, useSubmitFeedback } from '../../components/form-modal.tsx';
import { CustomerPicker } from '../../components/pickers.tsx';
import { useVocab } from '../../components/vocab.tsx';
import { cleanValues, schemaRules } from '../../lib/schema-form.ts';
import { type CreateUserInput, useCreateUser } from './api.ts';

type Values = {
  email: string;
  name: string;
  password: string;
  role: Role;
  customerId?: string;
  team?: Team;
  designation?: StaffDesignation;
};

export function UserFormModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { options } = useVocab();
  const [form] = Form.useForm<Values>();
  const feedback = useSubmitFeedback(form);
  const create = useCreateUser();
  const { rules } = schemaRules(CreateUserBody.shape, t);
  const role = Form.useWatch('role', form);
  const isCustomer = role === 'customer';

  const submit = (values: Values) => {
    const body = cleanValues({
      ...values,
      customerId: isCustomer ? values.customerId : undefined,
      team: isCustomer ? undefined : values.team,
      designation: isCustomer ? undefined : values.designation,
    }) as CreateUserInput;
    create.mutate(
      body,
      feedback.callbacks((user) => t('users.created', { name: user.name }), onClose),
    );
  };

  return (
    <FormModal<Values>
      title={t('users.create')}
      form={form}
      open={open}
      onClose={onClose}
      onFinish={submit}
      isPending={create.isPending}
      submitTestId="user-form-submit"
      initialValues={{ role: 'agent', team: 'service_center' }}
      width={560}
    >
      <div className="form-row">
        <Form.Item name="name" label={t('users.name')} rules={rules('name')} className="form-col">
          <Input autoFocus data-testid="user-name" />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} rules={rules('email')} className="form-col">
          <Input autoComplete="off" data-testid="user-email" />
        </Form.Item>
      </div>
      <Form.Item name="password" label={t('users.password')} extra={t('users.passwordHelp')} rules={rules('password')}>
        <Input.Password autoComplete="new-password" data-testid="user-password" />
      </Form.Item>
      <div className="form-row">
        <Form.Item name="role" label={t('users.role')} rules={rules('role')} className="form-col">
          <Select options={options('role', ROLES)} data-testid="user-role" />
        </Form.Item>
        {isCustomer ? (
          <Form.Item name="customerId" label={t('users.customer')} rules={rules('customerId', { required: true })} className="form-col">
            <CustomerPicker data-testid="user-customer" onChange={(id) => form.setFieldValue('customerId', id)} />
          </Form.Item>
        ) : (
          <Form.Item name="team" label={t('users.team')} rules={rules('team')} className="form-col">
            <Select allowClear options={options('team', TEAMS)} data-testid="user-team" />
          </Form.Item>
        )}
      </div>
      {!isCustomer && (
        <Form.Item name="designation" label={t('users.designation')} extra={t('users.designationHelp')}>
          <Select
            allowClear
            placeholder={t('common.none')}
            options={STAFF_DESIGNATIONS.map((d) => ({ value: d, label: t(`users.designations.${d}`) }))}
            data-testid="user-designation"
          />
        </Form.Item>
      )}
    </FormModal>
  );
}
