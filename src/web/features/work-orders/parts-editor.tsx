import { DeleteOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, List, Select, Space, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { MAINTENANCE_FEE_EXCLUDES_PARTS } from '../../../domain/contracts/parts.ts';
import { normalizePartUsed, type PartLineInput, type PricedPart, partsTotalFen, pricePartLine } from '../../../domain/field/parts-used.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { fenToYuanText, formatFen, yuanToFen } from '../../lib/money.ts';
import { YuanInput, yuanRule } from '../contracts/form-bits.tsx';
import type { SparePart } from '../parts/api.ts';
import type { WorkOrder } from './api.ts';
import './parts-editor.css';

type Values = {
  sparePartId?: string;
  name?: string;
  model?: string;
  quantity: number;
  unitPrice?: string;
  isSuppliedByUs: boolean;
  isUnderWarranty: boolean;
};

/** A stored line as the API takes it back (the server prices it again from the list of the day). */
export const toLine = (p: PricedPart): PartLineInput => ({
  sparePartId: p.sparePartId,
  name: p.name,
  model: p.model,
  quantity: p.quantity,
  unitPriceFen: p.unitPriceFen,
  isSuppliedByUs: p.isSuppliedByUs,
  isUnderWarranty: p.isUnderWarranty,
});

/** The price list of the day: active entries already valid (the phone keeps a copy for offline use). */
export function priceListOfDay(list: readonly SparePart[], day = dayjs().format('YYYY-MM-DD')) {
  return list.filter((p) => p.isActive && p.validFrom <= day);
}

/**
 * The parts used on a work order (000), on the staff page and the engineer's phone: choosing a part from the
 * price list fills name, model and unit price; a typed price above the list's contract price is refused here
 * (and by the server); under warranty or the customer's own part is charged nothing; the total.
 */
export function PartsEditor({
  order,
  priceList,
  isEditable,
  onSave,
}: {
  order: Pick<WorkOrder, 'id' | 'parts'>;
  priceList: readonly SparePart[];
  isEditable: boolean;
  onSave: (lines: PartLineInput[]) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const parts = order.parts.map((p) => normalizePartUsed(p));
  const list = priceListOfDay(priceList);
  const chosenId = Form.useWatch('sparePartId', form);
  const chosen = list.find((p) => p.id === chosenId);

  const lineOf = (v: Values): PartLineInput => ({
    sparePartId: v.sparePartId ?? null,
    name: v.name?.trim(),
    model: v.model?.trim() || null,
    quantity: v.quantity,
    unitPriceFen: v.unitPrice?.trim() ? yuanToFen(v.unitPrice) : null,
    isSuppliedByUs: v.isSuppliedByUs,
    isUnderWarranty: v.isUnderWarranty,
  });
  const add = (v: Values) => {
    const priced = pricePartLine({ line: lineOf(v), list, on: dayjs().format('YYYY-MM-DD') });
    if ('problem' in priced) {
      const field = priced.problem === 'above_contract_price' ? 'unitPrice' : priced.problem === 'name_required' ? 'name' : 'sparePartId';
      form.setFields([
        { name: field, errors: [t(`workOrders.partProblem.${priced.problem}`, { cap: formatFen(chosen?.contractPriceFen) })] },
      ]);
      return;
    }
    onSave([...parts.map(toLine), toLine(priced.part)]);
    form.resetFields();
  };
  const choose = (id: string | undefined) => {
    const entry = list.find((p) => p.id === id);
    form.setFieldsValue(
      entry
        ? { name: entry.name, model: entry.model, unitPrice: fenToYuanText(entry.unitPriceFen) }
        : { name: undefined, model: undefined, unitPrice: undefined },
    );
  };

  return (
    <div className="parts-editor" data-testid={`parts-${order.id}`}>
      <List
        size="small"
        dataSource={parts}
        locale={{ emptyText: <span className="muted">{t('workOrders.noParts')}</span> }}
        renderItem={(p, i) => (
          <List.Item
            data-testid="part-line"
            actions={
              isEditable
                ? [
                    <Button
                      key="remove"
                      type="text"
                      size="small"
                      icon={<DeleteOutlined aria-hidden />}
                      aria-label={t('workOrders.removePart')}
                      onClick={() => onSave(parts.filter((_p, j) => j !== i).map(toLine))}
                    />,
                  ]
                : undefined
            }
          >
            <div>
              <strong>{p.model ? `${p.name} ${p.model}` : p.name}</strong> × {p.quantity}
              <div className="muted small-text">
                {p.isSuppliedByUs ? t('workOrders.byUs') : t('workOrders.byCustomer')} ·{' '}
                {p.isUnderWarranty ? t('workOrders.inWarranty') : t('workOrders.outOfWarranty')}
                {p.unitPriceFen !== null && ` · ${t('workOrders.unitPrice')} ${formatFen(p.unitPriceFen)}`}
              </div>
            </div>
            <span className="money" data-testid="part-charged">
              {formatFen(p.chargedFen)}
            </span>
          </List.Item>
        )}
      />
      <div className="parts-total">
        <span>{t('workOrders.partsTotal')}</span>
        <strong className="money" data-testid="parts-total">
          {formatFen(partsTotalFen(parts))}
        </strong>
      </div>
      <Typography.Paragraph type="secondary" className="small-text">
        {MAINTENANCE_FEE_EXCLUDES_PARTS[currentLanguage()]}
      </Typography.Paragraph>
      {isEditable && (
        <Form<Values>
          form={form}
          layout="vertical"
          className="parts-form"
          onFinish={add}
          initialValues={{ quantity: 1, isSuppliedByUs: true, isUnderWarranty: false }}
        >
          <Form.Item name="sparePartId" label={t('workOrders.fromPriceList')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={list.length ? t('workOrders.fromPriceListPlaceholder') : t('workOrders.priceListEmpty')}
              options={list.map((p) => ({ value: p.id, label: `${p.name} ${p.model} · ${formatFen(p.unitPriceFen)}` }))}
              onChange={choose}
              data-testid="part-pick"
            />
          </Form.Item>
          <Space wrap size={[8, 0]} align="start">
            <Form.Item name="name" label={t('workOrders.partName')} rules={[{ required: !chosen, whitespace: true }]}>
              <Input maxLength={200} disabled={Boolean(chosen)} data-testid="part-name" />
            </Form.Item>
            <Form.Item name="model" label={t('workOrders.partModel')}>
              <Input maxLength={100} disabled={Boolean(chosen)} />
            </Form.Item>
            <Form.Item name="quantity" label={t('workOrders.quantity')} rules={[{ required: true }]}>
              <InputNumber min={1} max={10_000} precision={0} data-testid="part-quantity" />
            </Form.Item>
            <Form.Item
              name="unitPrice"
              label={t('workOrders.unitPrice')}
              rules={[yuanRule(t, false)]}
              extra={chosen && t('workOrders.capHelp', { cap: formatFen(chosen.contractPriceFen) })}
            >
              <YuanInput data-testid="part-price" />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="isSuppliedByUs" valuePropName="checked" label={t('workOrders.byUs')}>
              <Switch size="small" />
            </Form.Item>
            <Form.Item name="isUnderWarranty" valuePropName="checked" label={t('workOrders.inWarranty')}>
              <Switch size="small" data-testid="part-warranty" />
            </Form.Item>
          </Space>
          <Button htmlType="submit" data-testid="part-add">
            {t('workOrders.addPart')}
          </Button>
        </Form>
      )}
    </div>
  );
}
