import { Checkbox, DatePicker, Form, Input, InputNumber, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, addYears } from '../../../domain/contracts/local-date.ts';
import { suggestedMaintenanceFeeFen } from '../../../domain/contracts/money.ts';
import { RenewBody, ServiceContractBody, SystemContractBody } from '../../../server/features/contracts/contracts.schema.ts';
import { FormModal, useSubmitFeedback } from '../../components/form-modal.tsx';
import { UserPicker } from '../../components/pickers.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { fenToYuanText, formatFen, yuanToFen } from '../../lib/money.ts';
import { cleanValues, schemaRules } from '../../lib/schema-form.ts';
import {
  type ServiceContract,
  type ServiceContractInput,
  type SystemContractInput,
  type Tier,
  useCreateServiceContract,
  useCreateSystemContract,
  useRenewServiceContract,
  useTiers,
} from './api.ts';
import { fromLocalDate, schemaIssuesToFields, toLocalDate, YuanInput, yuanRule } from './form-bits.tsx';

export function tierName(tier: Pick<Tier, 'nameZh' | 'nameEn'>): string {
  return currentLanguage() === 'zh-CN' ? tier.nameZh : tier.nameEn;
}

type SystemValues = {
  title: string;
  signedDate?: Dayjs;
  total: string;
  acceptanceDate?: Dayjs;
  finalAcceptanceDate?: Dayjs;
  freeServiceUntil?: Dayjs;
  notes?: string;
};

export function SystemContractModal({ customerId, open, onClose }: { customerId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SystemValues>();
  const feedback = useSubmitFeedback(form);
  const create = useCreateSystemContract(customerId);
  const { rules } = schemaRules(SystemContractBody.shape, t);
  const total = yuanToFen(Form.useWatch('total', form));

  const submit = (values: SystemValues) => {
    const body = cleanValues({
      title: values.title,
      signedDate: toLocalDate(values.signedDate),
      totalPriceFen: yuanToFen(values.total) ?? undefined,
      acceptanceDate: toLocalDate(values.acceptanceDate),
      // Empty final acceptance with an initial one: not yet finally accepted (null), not "the same day".
      finalAcceptanceDate: values.acceptanceDate ? (toLocalDate(values.finalAcceptanceDate) ?? null) : undefined,
      freeServiceUntil: toLocalDate(values.freeServiceUntil),
      notes: values.notes,
    });
    const parsed = SystemContractBody.safeParse(body);
    if (
      schemaIssuesToFields(parsed, t, (fields) =>
        form.setFields(fields.map((f) => ({ ...f, name: f.name === 'totalPriceFen' ? 'total' : f.name }) as never)),
      )
    )
      return;
    create.mutate(body as SystemContractInput, feedback.callbacks(t('contracts.system.created'), onClose));
  };

  return (
    <FormModal<SystemValues>
      title={t('contracts.system.add')}
      form={form}
      open={open}
      onClose={onClose}
      onFinish={submit}
      isPending={create.isPending}
      submitTestId="system-contract-submit"
    >
      <Form.Item name="title" label={t('contracts.system.name')} rules={rules('title')}>
        <Input autoFocus data-testid="system-contract-title" />
      </Form.Item>
      <div className="form-row">
        <Form.Item
          name="total"
          label={t('contracts.system.total')}
          rules={[yuanRule(t)]}
          className="form-col"
          extra={total !== null ? t('contracts.system.suggestedFeeLine', { fee: formatFen(suggestedMaintenanceFeeFen(total)) }) : undefined}
        >
          <YuanInput data-testid="system-contract-total" />
        </Form.Item>
        <Form.Item name="signedDate" label={t('contracts.system.signedDate')} className="form-col">
          <DatePicker className="full-width" />
        </Form.Item>
      </div>
      <div className="form-row">
        <Form.Item
          name="acceptanceDate"
          label={t('contracts.system.initialAcceptanceDate')}
          extra={t('contracts.system.initialAcceptanceHelp')}
          className="form-col"
        >
          <DatePicker className="full-width" data-testid="system-contract-acceptance" />
        </Form.Item>
        <Form.Item
          name="finalAcceptanceDate"
          label={t('contracts.system.finalAcceptanceDate')}
          extra={t('contracts.system.acceptanceHelp')}
          className="form-col"
        >
          <DatePicker className="full-width" data-testid="system-contract-final-acceptance" />
        </Form.Item>
      </div>
      <Form.Item name="freeServiceUntil" label={t('contracts.system.freeServiceUntil')} extra={t('contracts.system.freeServiceUntilHelp')}>
        <DatePicker className="full-width" />
      </Form.Item>
      <Form.Item name="notes" label={t('contracts.service.notes')} rules={rules('notes')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </FormModal>
  );
}

type ServiceValues = {
  tierId?: string;
  startDate?: Dayjs;
  endDate?: Dayjs;
  price?: string;
  unlimited: boolean;
  visitQuota?: number | null;
  accountOwnerId?: string | null;
  residentEngineerId?: string | null;
  notes?: string;
};

/** The tier's defaults (price, quota) prefill the form when a tier is picked. */
function TierSelect(props: { value?: string; onChange?: (value: string) => void; tiers: Tier[]; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Select
      value={props.value}
      onChange={props.onChange}
      placeholder={t('contracts.service.tierPlaceholder')}
      data-testid={props.testId}
      options={props.tiers
        .filter((tier) => tier.isActive || tier.id === props.value)
        .map((tier) => ({
          value: tier.id,
          label: (
            <span>
              {tierName(tier)}
              <Typography.Text type="secondary">
                {' '}
                · {formatFen(tier.yearlyPriceFen)} · {tier.serviceWindow === '7x24' ? '7×24' : '5×8'}
              </Typography.Text>
            </span>
          ),
        }))}
    />
  );
}

export function ServiceContractModal({ customerId, open, onClose }: { customerId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ServiceValues>();
  const feedback = useSubmitFeedback(form);
  const tiers = useTiers();
  const create = useCreateServiceContract();
  const unlimited = Form.useWatch('unlimited', form);

  const onTier = (tierId: string) => {
    const tier = tiers.data?.find((x) => x.id === tierId);
    if (!tier) return;
    form.setFieldsValue({
      price: fenToYuanText(tier.yearlyPriceFen),
      unlimited: tier.emergencyVisitsPerYear === null,
      visitQuota: tier.emergencyVisitsPerYear,
    });
  };
  const onStart = (start: Dayjs | null) => {
    const date = toLocalDate(start);
    if (date && !form.getFieldValue('endDate')) form.setFieldValue('endDate', fromLocalDate(addDays(addYears(date, 1), -1)));
  };

  const submit = (values: ServiceValues) => {
    const body = {
      customerId,
      tierId: values.tierId,
      startDate: toLocalDate(values.startDate),
      endDate: toLocalDate(values.endDate),
      priceFen: values.price ? (yuanToFen(values.price) ?? -1) : undefined,
      visitQuota: values.unlimited ? null : (values.visitQuota ?? undefined),
      accountOwnerId: values.accountOwnerId || undefined,
      residentEngineerId: values.residentEngineerId || undefined,
      notes: values.notes?.trim() || undefined,
    };
    const parsed = ServiceContractBody.safeParse(body);
    if (
      schemaIssuesToFields(parsed, t, (fields) =>
        form.setFields(fields.map((f) => ({ ...f, name: f.name === 'priceFen' ? 'price' : f.name }) as never)),
      )
    )
      return;
    create.mutate(body as ServiceContractInput, feedback.callbacks(t('contracts.service.created'), onClose));
  };

  return (
    <FormModal<ServiceValues>
      title={t('contracts.service.add')}
      form={form}
      open={open}
      onClose={onClose}
      onFinish={submit}
      isPending={create.isPending}
      submitTestId="service-contract-submit"
      initialValues={{ unlimited: false }}
    >
      <Form.Item name="tierId" label={t('contracts.service.tier')} rules={[{ required: true, message: t('validation.select') }]}>
        <TierSelect tiers={tiers.data ?? []} onChange={onTier} testId="service-contract-tier" />
      </Form.Item>
      <div className="form-row">
        <Form.Item
          name="startDate"
          label={t('contracts.service.start')}
          rules={[{ required: true, message: t('validation.required') }]}
          className="form-col"
        >
          <DatePicker className="full-width" onChange={onStart} data-testid="service-contract-start" />
        </Form.Item>
        <Form.Item
          name="endDate"
          label={t('contracts.service.end')}
          rules={[{ required: true, message: t('validation.required') }]}
          className="form-col"
        >
          <DatePicker className="full-width" data-testid="service-contract-end" />
        </Form.Item>
      </div>
      <div className="form-row">
        <Form.Item
          name="price"
          label={t('contracts.service.price')}
          rules={[yuanRule(t, false)]}
          extra={t('contracts.service.priceHelp')}
          className="form-col"
        >
          <YuanInput data-testid="service-contract-price" />
        </Form.Item>
        <Form.Item label={t('contracts.service.quota')} className="form-col" required>
          <div className="form-row form-row-center">
            <Form.Item name="visitQuota" noStyle>
              <InputNumber min={0} precision={0} disabled={unlimited} className="quota-input" data-testid="service-contract-quota" />
            </Form.Item>
            <Form.Item name="unlimited" valuePropName="checked" noStyle>
              <Checkbox>{t('contracts.service.quotaUnlimited')}</Checkbox>
            </Form.Item>
          </div>
        </Form.Item>
      </div>
      <Form.Item name="accountOwnerId" label={t('contracts.service.owner')} extra={t('contracts.service.ownerHelp')}>
        <UserPicker allowClear placeholder={t('contracts.service.ownerPlaceholder')} />
      </Form.Item>
      <Form.Item
        name="residentEngineerId"
        label={t('contracts.service.residentEngineer')}
        extra={t('contracts.service.residentEngineerHelp')}
      >
        <UserPicker allowClear />
      </Form.Item>
      <Form.Item name="notes" label={t('contracts.service.notes')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}

type RenewValues = { tierId?: string; startDate?: Dayjs; endDate?: Dayjs; price?: string };

export function RenewModal({ contract, onClose }: { contract: ServiceContract | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RenewValues>();
  const feedback = useSubmitFeedback(form);
  const tiers = useTiers();
  const renew = useRenewServiceContract();

  useEffect(() => {
    if (!contract) return;
    const start = addDays(contract.endDate, 1);
    form.setFieldsValue({
      tierId: contract.tier.id,
      startDate: fromLocalDate(start),
      endDate: fromLocalDate(addDays(addYears(start, 1), -1)),
      price: undefined,
    });
  }, [contract, form]);

  const submit = (values: RenewValues) => {
    if (!contract) return;
    const body = {
      tierId: values.tierId,
      startDate: toLocalDate(values.startDate),
      endDate: toLocalDate(values.endDate),
      priceFen: values.price ? (yuanToFen(values.price) ?? -1) : undefined,
    };
    const parsed = RenewBody.safeParse(body);
    if (
      schemaIssuesToFields(parsed, t, (fields) =>
        form.setFields(fields.map((f) => ({ ...f, name: f.name === 'priceFen' ? 'price' : f.name }) as never)),
      )
    )
      return;
    renew.mutate({ id: contract.id, ...body }, feedback.callbacks(t('contracts.service.renewed'), onClose));
  };

  return (
    <FormModal<RenewValues>
      title={t('contracts.service.renewTitle')}
      form={form}
      open={contract !== null}
      onClose={onClose}
      onFinish={submit}
      isPending={renew.isPending}
      submitTestId="renew-submit"
      okText={t('contracts.service.renew')}
      intro={<Typography.Paragraph type="secondary">{t('contracts.service.renewHelp')}</Typography.Paragraph>}
      resetOnOpen={false}
    >
      <Form.Item name="tierId" label={t('contracts.service.tier')}>
        <TierSelect tiers={tiers.data ?? []} />
      </Form.Item>
      <div className="form-row">
        <Form.Item name="startDate" label={t('contracts.service.start')} className="form-col">
          <DatePicker className="full-width" />
        </Form.Item>
        <Form.Item name="endDate" label={t('contracts.service.end')} className="form-col">
          <DatePicker className="full-width" />
        </Form.Item>
      </div>
      <Form.Item name="price" label={t('contracts.service.price')} rules={[yuanRule(t, false)]} extra={t('contracts.service.priceHelp')}>
        <YuanInput />
      </Form.Item>
    </FormModal>
  );
}
