import { Form, Input, Radio, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_KINDS } from '../../../domain/vocabulary.ts';
import { CreateCustomerBody } from '../../../server/features/customers/customers.schema.ts';
import type { CustomerDetail } from '../../api/types.ts';
import { FormModal, useSubmitFeedback } from '../../components/form-modal.tsx';
import { UserPicker } from '../../components/pickers.tsx';
import { useVocab } from '../../components/vocab.tsx';
import { PROVINCES } from '../../lib/provinces.ts';
import { cleanValues, schemaRules } from '../../lib/schema-form.ts';
import { type CreateCustomerInput, useCreateCustomer, useUpdateCustomer } from './api.ts';

type Props = {
  open: boolean;
  onClose: () => void;
  /** Editing an existing customer; creating when absent. */
  customer?: CustomerDetail;
  onSaved?: (customer: CustomerDetail) => void;
  initialName?: string;
};

/** Create or edit a customer (hospital or agency); one modal for both. */
export function CustomerFormModal({ open, onClose, customer, onSaved, initialName }: Props) {
  const { t } = useTranslation();
  const { options } = useVocab();
  const [form] = Form.useForm<CreateCustomerInput>();
  const feedback = useSubmitFeedback(form);
  const create = useCreateCustomer();
  const update = useUpdateCustomer(customer?.id ?? '');
  const { rules } = schemaRules(CreateCustomerBody.shape, t);
  const mutation = customer ? update : create;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (customer) {
      form.setFieldsValue({
        name: customer.name,
        kind: customer.kind,
        province: customer.province,
        city: customer.city,
        grade: customer.grade ?? undefined,
        address: customer.address ?? undefined,
        ...(customer.responsibleEngineerId ? { responsibleEngineerId: customer.responsibleEngineerId } : {}),
      } as CreateCustomerInput);
    } else if (initialName) {
      form.setFieldsValue({ name: initialName });
    }
  }, [open, customer, initialName, form]);

  const submit = (values: CreateCustomerInput) => {
    const body = cleanValues(values) as CreateCustomerInput;
    mutation.mutate(
      body,
      feedback.callbacks(
        (saved) => (customer ? t('common.saved') : t('customers.created', { name: saved.name })),
        (saved) => {
          onSaved?.(saved);
          onClose();
        },
      ),
    );
  };

  return (
    <FormModal<CreateCustomerInput>
      title={customer ? t('customers.edit') : t('customers.create')}
      form={form}
      open={open}
      onClose={onClose}
      onFinish={submit}
      isPending={mutation.isPending}
      submitTestId="customer-form-submit"
      initialValues={{ kind: 'hospital' }}
      width={560}
      resetOnOpen={false}
    >
      <Form.Item name="name" label={t('customers.name')} rules={rules('name')}>
        <Input autoFocus data-testid="customer-name" />
      </Form.Item>
      <Form.Item name="kind" label={t('customers.kind')} rules={rules('kind')}>
        <Radio.Group optionType="button" options={options('customerKind', CUSTOMER_KINDS)} />
      </Form.Item>
      <div className="form-row">
        <Form.Item name="province" label={t('customers.province')} rules={rules('province', { required: true })} className="form-col">
          <Select showSearch options={PROVINCES.map((p) => ({ value: p, label: p }))} data-testid="customer-province" />
        </Form.Item>
        <Form.Item name="city" label={t('customers.city')} rules={rules('city', { required: true })} className="form-col">
          <Input data-testid="customer-city" />
        </Form.Item>
      </div>
      <Form.Item name="grade" label={t('customers.grade')} rules={rules('grade')}>
        <Input placeholder={t('customers.gradePlaceholder')} />
      </Form.Item>
      <Form.Item name="address" label={t('customers.address')} rules={rules('address')}>
        <Input />
      </Form.Item>
      {customer && (
        <Form.Item name="responsibleEngineerId" label={t('customers.responsibleEngineer')} extra={t('customers.responsibleEngineerHelp')}>
          <UserPicker allowClear data-testid="customer-responsible-engineer" />
        </Form.Item>
      )}
    </FormModal>
  );
}
