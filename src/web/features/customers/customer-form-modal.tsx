import { Form, Input, InputNumber, Radio, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FINANCES, type Finances } from '../../../domain/contracts/vocabulary.ts';
import { CUSTOMER_KINDS } from '../../../domain/vocabulary.ts';
import { CreateCustomerBody } from '../../../server/features/customers/customers.schema.ts';
import type { CustomerDetail } from '../../api/types.ts';
import { FormModal, useSubmitFeedback } from '../../components/form-modal.tsx';
import { UserPicker } from '../../components/pickers.tsx';
import { useCan } from '../../components/session.tsx';
import { useVocab } from '../../components/vocab.tsx';
import { PROVINCES } from '../../lib/provinces.ts';
import { schemaRules } from '../../lib/schema-form.ts';
import { useProfile, useUpdateProfile } from '../archive/api.ts';
import { type CreateCustomerInput, useCreateCustomer, useUpdateCustomer } from './api.ts';
import { customerBody } from './customer-values.ts';

type Props = {
  open: boolean;
  onClose: () => void;
  /** Editing an existing customer; creating when absent. */
  customer?: CustomerDetail;
  onSaved?: (customer: CustomerDetail) => void;
  initialName?: string;
  /** The archive's profile (beds, staff-only economic notes), edited in the same modal: one place edits the customer. */
  profile?: { beds: number | null; economicNotes: string | null; itStaffCount: number | null; finances: Finances | null };
};

type Values = CreateCustomerInput & {
  beds?: number | null;
  economicNotes?: string;
  itStaffCount?: number | null;
  finances?: Finances | null;
};

/** Create or edit a customer (hospital or agency); one modal for both. */
export function CustomerFormModal({ open, onClose, customer, onSaved, initialName, profile }: Props) {
  const { t } = useTranslation();
  const { options } = useVocab();
  const [form] = Form.useForm<Values>();
  const feedback = useSubmitFeedback(form);
  const create = useCreateCustomer();
  const update = useUpdateCustomer(customer?.id ?? '');
  const updateProfile = useUpdateProfile(customer?.id ?? '');
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
        ...(profile
          ? {
              beds: profile.beds,
              economicNotes: profile.economicNotes ?? '',
              itStaffCount: profile.itStaffCount,
              finances: profile.finances,
            }
          : {}),
        ...(customer.responsibleEngineerId ? { responsibleEngineerId: customer.responsibleEngineerId } : {}),
      } as Values);
    } else if (initialName) {
      form.setFieldsValue({ name: initialName });
    }
  }, [open, customer, initialName, form, profile]);

  const submit = ({ beds, economicNotes, itStaffCount, finances, ...values }: Values) => {
    // Editing, an emptied field (the responsible engineer, the grade) is sent as null so that it is cleared.
    const body = customerBody(values, Boolean(customer)) as CreateCustomerInput;
    const finish = (saved: CustomerDetail) => {
      onSaved?.(saved);
      onClose();
    };
    mutation.mutate(
      body,
      feedback.callbacks(
        (saved) => (customer ? t('common.saved') : t('customers.created', { name: saved.name })),
        (saved) =>
          // The profile is saved second; if it is refused the modal stays open on its field.
          profile
            ? updateProfile.mutate(
                {
                  beds: beds ?? null,
                  economicNotes: economicNotes?.trim() || null,
                  itStaffCount: itStaffCount ?? null,
                  finances: finances ?? null,
                },
                { onSuccess: () => finish(saved), onError: feedback.showError },
              )
            : finish(saved),
      ),
    );
  };

  return (
    <FormModal<Values>
      title={customer ? t('customers.edit') : t('customers.create')}
      form={form}
      open={open}
      onClose={onClose}
      onFinish={submit}
      isPending={mutation.isPending || updateProfile.isPending}
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
      {profile && (
        <>
          <Form.Item name="beds" label={t('archive.profile.beds')}>
            <InputNumber min={0} max={100000} precision={0} className="full-width" data-testid="archive-beds" />
          </Form.Item>
          <div className="form-row">
            <Form.Item name="itStaffCount" label={t('archive.profile.itStaff')} className="form-col">
              <InputNumber min={0} max={10000} precision={0} className="full-width" data-testid="archive-it-staff" />
            </Form.Item>
            <Form.Item name="finances" label={t('archive.profile.finances')} className="form-col">
              <Select
                allowClear
                options={FINANCES.map((f) => ({ value: f, label: t(`archive.profile.financesValues.${f}`) }))}
                data-testid="archive-finances"
              />
            </Form.Item>
          </div>
          <Form.Item name="economicNotes" label={t('archive.profile.economicNotes')} extra={t('archive.profile.economicNotesHelp')}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} />
          </Form.Item>
        </>
      )}
      {customer && (
        <Form.Item name="responsibleEngineerId" label={t('customers.responsibleEngineer')} extra={t('customers.responsibleEngineerHelp')}>
          <UserPicker allowClear data-testid="customer-responsible-engineer" />
        </Form.Item>
      )}
    </FormModal>
  );
}

/** The customer page's one edit: the customer's own fields and, for archive keepers, the archive profile. */
export function CustomerEditModal({ customer, open, onClose }: { customer: CustomerDetail; open: boolean; onClose: () => void }) {
  const can = useCan();
  const profile = useProfile(customer.id);
  const p = can('archive.manage') ? profile.data : undefined;
  return (
    <CustomerFormModal
      customer={customer}
      profile={
        p ? { beds: p.beds, economicNotes: p.economicNotes ?? null, itStaffCount: p.itStaffCount, finances: p.finances ?? null } : undefined
      }
      open={open}
      onClose={onClose}
    />
  );
}
