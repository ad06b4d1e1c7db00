import { UploadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, InputNumber, Typography, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { billedDays, DEFAULT_DAILY_FEE_FEN, visitFeeFen } from '../../../domain/contracts/money.ts';
import { QuoteBody } from '../../../server/features/visits/visits.schema.ts';
import { FormModal, useSubmitFeedback } from '../../components/form-modal.tsx';
import { fenToYuanText, formatFen, yuanToFen } from '../../lib/money.ts';
import { uploadDocument } from '../archive/api.ts';
import { type Quote, type QuoteInput, useCreateQuote, useSignQuote } from './api.ts';
import { schemaIssuesToFields, toLocalDate, YuanInput, yuanRule } from './form-bits.tsx';

type QuoteValues = {
  people: number;
  travel: string;
  lodging: string;
  dailyFee: string;
  arrival?: Dayjs;
  departure?: Dayjs;
  note?: string;
};

const FIELD_OF: Record<string, string> = {
  travelPerPersonFen: 'travel',
  lodgingPerPersonDayFen: 'lodging',
  dailyFeePerPersonDayFen: 'dailyFee',
  arrivalDate: 'arrival',
  departureDate: 'departure',
};

/** The quote's total as the server will compute it (the same pure function), or null while the form is incomplete. */
export function liveQuoteTotal(values: Partial<QuoteValues>) {
  const travel = yuanToFen(values.travel);
  const lodging = yuanToFen(values.lodging);
  const daily = yuanToFen(values.dailyFee);
  const arrivalDate = toLocalDate(values.arrival);
  const departureDate = toLocalDate(values.departure);
  const people = values.people;
  if (travel === null || lodging === null || daily === null || !arrivalDate || !departureDate || !people) return null;
  try {
    const input = {
      people,
      travelPerPersonFen: travel,
      lodgingPerPersonDayFen: lodging,
      dailyFeePerPersonDayFen: daily,
      arrivalDate,
      departureDate,
    };
    const days = billedDays(arrivalDate, departureDate);
    return { days, ...visitFeeFen(input, days), input };
  } catch {
    return null;
  }
}

/** 报价单 (the supplementary agreement): per person round-trip travel + (lodging + daily fee) × days, × people. */
export function QuoteBuilderModal({
  customerId,
  ticketId,
  open,
  onClose,
}: {
  customerId: string;
  ticketId?: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<QuoteValues>();
  const feedback = useSubmitFeedback(form);
  const create = useCreateQuote(customerId);
  const values = Form.useWatch([], form) as Partial<QuoteValues> | undefined;
  const live = liveQuoteTotal(values ?? {});

  const submit = (v: QuoteValues) => {
    const body = {
      ticketId,
      people: v.people,
      travelPerPersonFen: yuanToFen(v.travel) ?? -1,
      lodgingPerPersonDayFen: yuanToFen(v.lodging) ?? -1,
      dailyFeePerPersonDayFen: yuanToFen(v.dailyFee) ?? -1,
      arrivalDate: toLocalDate(v.arrival) ?? '',
      departureDate: toLocalDate(v.departure) ?? '',
      note: v.note?.trim() || undefined,
    };
    const parsed = QuoteBody.safeParse(body);
    if (
      schemaIssuesToFields(parsed, t, (fields) => form.setFields(fields.map((f) => ({ ...f, name: FIELD_OF[f.name] ?? f.name }) as never)))
    )
      return;
    create.mutate(
      body as QuoteInput,
      feedback.callbacks((quote) => t('quotes.created', { number: quote.number, total: formatFen(quote.totalFen) }), onClose),
    );
  };

  return (
    <FormModal<QuoteValues>
      title={t('quotes.create')}
      form={form}
      open={open}
      onClose={onClose}
      onFinish={submit}
      isPending={create.isPending}
      submitTestId="quote-submit"
      initialValues={{ people: 1, dailyFee: fenToYuanText(DEFAULT_DAILY_FEE_FEN), travel: '', lodging: '' }}
      okText={t('quotes.saveDraft')}
      width={620}
    >
      <div className="form-row">
        <Form.Item
          name="people"
          label={t('quotes.people')}
          rules={[{ required: true, message: t('validation.required') }]}
          className="form-col"
        >
          <InputNumber min={1} max={50} precision={0} className="full-width" data-testid="quote-people" />
        </Form.Item>
        <Form.Item name="travel" label={t('quotes.travel')} rules={[yuanRule(t)]} className="form-col">
          <YuanInput data-testid="quote-travel" />
        </Form.Item>
      </div>
      <div className="form-row">
        <Form.Item name="lodging" label={t('quotes.lodging')} rules={[yuanRule(t)]} className="form-col">
          <YuanInput data-testid="quote-lodging" />
        </Form.Item>
        <Form.Item name="dailyFee" label={t('quotes.dailyFee')} rules={[yuanRule(t)]} className="form-col">
          <YuanInput data-testid="quote-daily-fee" />
        </Form.Item>
      </div>
      <div className="form-row">
        <Form.Item
          name="arrival"
          label={t('quotes.arrival')}
          rules={[{ required: true, message: t('validation.required') }]}
          className="form-col"
        >
          <DatePicker className="full-width" data-testid="quote-arrival" />
        </Form.Item>
        <Form.Item
          name="departure"
          label={t('quotes.departure')}
          dependencies={['arrival']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: async (_r, value: Dayjs | undefined) => {
                const arrival: Dayjs | undefined = getFieldValue('arrival');
                if (value && arrival && value.isBefore(arrival, 'day')) throw new Error(t('contracts.dateOrder'));
              },
            }),
          ]}
          className="form-col"
        >
          <DatePicker className="full-width" data-testid="quote-departure" />
        </Form.Item>
      </div>
      <Form.Item name="note" label={t('quotes.note')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={2000} placeholder={t('quotes.notePlaceholder')} />
      </Form.Item>
      <div className="quote-formula" data-testid="quote-formula">
        {live ? (
          <>
            <div>
              {t('quotes.formula', {
                travel: formatFen(live.input.travelPerPersonFen),
                lodging: formatFen(live.input.lodgingPerPersonDayFen),
                daily: formatFen(live.input.dailyFeePerPersonDayFen),
                days: live.days,
                perPerson: formatFen(live.perPersonFen),
              })}
            </div>
            <div>
              {t('quotes.totalLine', { people: live.input.people })}{' '}
              <span className="quote-total" data-testid="quote-total">
                {formatFen(live.totalFen)}
              </span>
            </div>
          </>
        ) : (
          <Typography.Text type="secondary">{t('quotes.formulaEmpty')}</Typography.Text>
        )}
        <div>
          <Typography.Text type="secondary" className="small-text">
            {t('quotes.formulaHelp')}
          </Typography.Text>
        </div>
      </div>
    </FormModal>
  );
}

type SignValues = { signedBy: string; signedAt: Dayjs };

/** Records the customer's signature: who, when, and the signed scan (uploaded as a "signed_quote" document). */
export function SignQuoteModal({ customerId, quote, onClose }: { customerId: string; quote: Quote | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<SignValues>();
  const feedback = useSubmitFeedback(form);
  const sign = useSignQuote(customerId);
  const [file, setFile] = useState<File | null>(null);
  const [isUploading, setUploading] = useState(false);

  useEffect(() => {
    if (quote) {
      form.resetFields();
      form.setFieldsValue({ signedAt: dayjs() });
      setFile(null);
    }
  }, [quote, form]);

  const submit = async (values: SignValues) => {
    if (!quote) return;
    if (!file) {
      form.setFields([{ name: 'signedBy', errors: [] }]);
      message.error(t('quotes.scanRequired'));
      return;
    }
    setUploading(true);
    try {
      const scan = await uploadDocument(customerId, {
        file,
        kind: 'signed_quote',
        title: t('quotes.scanTitle', { total: formatFen(quote.totalFen) }),
      });
      await sign.mutateAsync({
        id: quote.id,
        signedBy: values.signedBy.trim(),
        signedAt: values.signedAt.toISOString(),
        scanDocumentId: scan.id,
      });
      message.success(t('quotes.signedDone'));
      onClose();
    } catch (error) {
      feedback.showError(error);
    } finally {
      setUploading(false);
    }
  };

  return (
    <FormModal<SignValues>
      title={t('quotes.signTitle')}
      form={form}
      open={quote !== null}
      onClose={onClose}
      onFinish={(v) => void submit(v)}
      isPending={isUploading}
      submitTestId="quote-sign-submit"
      intro={
        quote && (
          <Typography.Paragraph type="secondary">
            {t('quotes.signSummary', {
              number: quote.number,
              total: formatFen(quote.totalFen),
              arrival: quote.arrivalDate,
              departure: quote.departureDate,
            })}
          </Typography.Paragraph>
        )
      }
      resetOnOpen={false}
    >
      <div className="form-row">
        <Form.Item
          name="signedBy"
          label={t('quotes.signedBy')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}
          className="form-col"
        >
          <Input data-testid="quote-signed-by" />
        </Form.Item>
        <Form.Item
          name="signedAt"
          label={t('quotes.signedAt')}
          rules={[{ required: true, message: t('validation.required') }]}
          className="form-col"
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" className="full-width" />
        </Form.Item>
      </div>
      <Form.Item label={t('quotes.scan')} required extra={file ? file.name : t('quotes.scanHelp')}>
        <Upload
          accept=".pdf,.png,.jpg,.jpeg"
          showUploadList={false}
          beforeUpload={(f) => {
            setFile(f);
            return false;
          }}
        >
          <Button icon={<UploadOutlined aria-hidden />} data-testid="quote-scan">
            {t('quotes.chooseScan')}
          </Button>
        </Upload>
      </Form.Item>
    </FormModal>
  );
}
