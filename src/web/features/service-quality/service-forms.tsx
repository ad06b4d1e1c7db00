import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Typography, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRAINING_KINDS, type TrainingKind } from '../../../domain/service-quality/vocabulary.ts';
import { isApiError } from '../../api/client.ts';
import type { Contact } from '../../api/types.ts';
import { FormModal, useSubmitFeedback } from '../../components/form-modal.tsx';
import { UserPicker } from '../../components/pickers.tsx';
import { useCan } from '../../components/session.tsx';
import { SignaturePad } from '../../components/signature-pad.tsx';
import { useQuotes } from '../contracts/api.ts';
import { useStaffUsers } from '../users/api.ts';
import {
  type Training,
  useCreateCertification,
  useCreateMeeting,
  useCreateTraining,
  useSetReturnVisitSchedule,
  useSetSurveySchedule,
  useSignSheet,
} from './api.ts';

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
type ModalProps = { customerId: string; open: boolean; onClose: () => void };

// ---------- user meetings (用户座谈会) ----------
type MeetingValues = {
  meetingDate: Dayjs;
  title: string;
  attendees: string[];
  minutes: string;
  actions?: { text: string; owner?: string; dueDate?: Dayjs | null }[];
};

export function MeetingModal({ customerId, open, onClose }: ModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<MeetingValues>();
  const create = useCreateMeeting(customerId);
  const { callbacks } = useSubmitFeedback(form);
  return (
    <FormModal<MeetingValues>
      title={t('serviceQuality.forms.newMeeting')}
      form={form}
      open={open}
      onClose={onClose}
      isPending={create.isPending}
      submitTestId="meeting-submit"
      initialValues={{ meetingDate: dayjs(), actions: [] }}
      onFinish={(v) =>
        create.mutate(
          {
            meetingDate: day(v.meetingDate) ?? '',
            title: v.title,
            attendees: v.attendees,
            minutes: v.minutes,
            actions: (v.actions ?? []).map((a) => ({ text: a.text, owner: a.owner || null, dueDate: day(a.dueDate) })),
          },
          callbacks(t('serviceQuality.forms.saved'), onClose),
        )
      }
    >
      <Form.Item name="meetingDate" label={t('serviceQuality.tab.date')} rules={[{ required: true }]}>
        <DatePicker className="full-width" />
      </Form.Item>
      <Form.Item name="title" label={t('serviceQuality.forms.meetingTitle')} rules={[{ required: true }]}>
        <Input maxLength={200} data-testid="meeting-title" />
      </Form.Item>
      <Form.Item
        name="attendees"
        label={t('serviceQuality.forms.attendees')}
        extra={t('serviceQuality.forms.attendeesHint')}
        rules={[{ required: true }]}
      >
        <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} data-testid="meeting-attendees" />
      </Form.Item>
      <Form.Item name="minutes" label={t('serviceQuality.forms.minutes')} rules={[{ required: true }]}>
        <Input.TextArea rows={5} maxLength={20_000} />
      </Form.Item>
      <Typography.Text strong>{t('serviceQuality.forms.actions')}</Typography.Text>
      <Form.List name="actions">
        {(fields, { add, remove }) => (
          <Space orientation="vertical" className="full-width">
            {fields.map((field) => (
              <Space key={field.key} wrap align="start">
                <Form.Item name={[field.name, 'text']} rules={[{ required: true }]} noStyle>
                  <Input placeholder={t('serviceQuality.forms.actionText')} maxLength={1000} style={{ width: 220 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'owner']} noStyle>
                  <Input placeholder={t('serviceQuality.forms.actionOwner')} maxLength={100} style={{ width: 120 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'dueDate']} noStyle>
                  <DatePicker placeholder={t('serviceQuality.forms.actionDue')} />
                </Form.Item>
                <Button
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={t('serviceQuality.forms.remove')}
                  onClick={() => remove(field.name)}
                />
              </Space>
            ))}
            <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => add({ text: '' })}>
              {t('serviceQuality.forms.addAction')}
            </Button>
          </Space>
        )}
      </Form.List>
    </FormModal>
  );
}

// ---------- training sessions ----------
type TrainingValues = {
  kind: TrainingKind;
  title: string;
  sessionDate: Dayjs;
  lecturerId: string;
  contactIds?: string[];
  userIds?: string[];
  names?: string[];
  quoteId?: string;
  overrideReason?: string;
};

/**
 * A training session and its trainees (customer contacts, staff, or names alone). A retraining beyond the contract
 * year's quota comes back as 409 quote_required: the form then warns and asks for a signed quote or a manager's reason.
 */
export function TrainingModal({ customerId, contacts, open, onClose }: ModalProps & { contacts: Contact[] }) {
  const { t } = useTranslation();
  const can = useCan();
  const [form] = Form.useForm<TrainingValues>();
  const create = useCreateTraining(customerId);
  const staff = useStaffUsers();
  const quotes = useQuotes(customerId);
  const { callbacks, showError } = useSubmitFeedback(form);
  const [overQuota, setOverQuota] = useState<string | null>(null);
  useEffect(() => {
    if (open) setOverQuota(null);
  }, [open]);
  const signedQuotes = (quotes.data ?? []).filter((q) => q.state === 'signed');
  return (
    <FormModal<TrainingValues>
      title={t('serviceQuality.forms.newTraining')}
      form={form}
      open={open}
      onClose={onClose}
      isPending={create.isPending}
      submitTestId="training-submit"
      width={640}
      initialValues={{ kind: 'standard_course', sessionDate: dayjs() }}
      intro={overQuota && <Alert type="warning" showIcon className="modal-intro" message={overQuota} data-testid="quota-warning" />}
      onFinish={(v) => {
        const attendees = [
          ...(v.contactIds ?? []).map((id) => ({ contactId: id, name: contacts.find((c) => c.id === id)?.name ?? '' })),
          ...(v.userIds ?? []).map((id) => ({ userId: id, name: staff.data?.find((u) => u.id === id)?.name ?? '' })),
          ...(v.names ?? []).map((name) => ({ name })),
        ];
        if (attendees.length === 0) {
          form.setFields([{ name: 'names', errors: [t('serviceQuality.forms.traineesRequired')] }]);
          return;
        }
        create.mutate(
          {
            kind: v.kind,
            title: v.title,
            sessionDate: day(v.sessionDate) ?? '',
            lecturerId: v.lecturerId,
            attendees,
            ...(v.quoteId ? { quoteId: v.quoteId } : v.overrideReason ? { overrideReason: v.overrideReason } : {}),
          },
          {
            ...callbacks(t('serviceQuality.forms.saved'), onClose),
            onError: (error) => {
              if (isApiError(error, 'quote_required')) setOverQuota(t('serviceQuality.forms.overQuota'));
              else showError(error);
            },
          },
        );
      }}
    >
      <Form.Item name="kind" label={t('serviceQuality.calls.kind')} rules={[{ required: true }]}>
        <Select
          data-testid="training-kind"
          options={TRAINING_KINDS.map((k) => ({ value: k, label: t(`serviceQuality.trainingKinds.${k}`) }))}
        />
      </Form.Item>
      <Form.Item name="title" label={t('serviceQuality.tab.topic')} rules={[{ required: true }]}>
        <Input maxLength={200} data-testid="training-title" />
      </Form.Item>
      <Form.Item name="sessionDate" label={t('serviceQuality.tab.date')} rules={[{ required: true }]}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="lecturerId" label={t('serviceQuality.tab.lecturer')} rules={[{ required: true }]}>
        <UserPicker className="full-width" data-testid="training-lecturer" />
      </Form.Item>
      <Form.Item name="contactIds" label={t('serviceQuality.forms.traineeContacts')}>
        <Select
          mode="multiple"
          data-testid="training-contacts"
          optionFilterProp="label"
          options={contacts.map((c) => ({ value: c.id, label: c.title ? `${c.name}（${c.title}）` : c.name }))}
        />
      </Form.Item>
      <Form.Item name="userIds" label={t('serviceQuality.forms.traineeStaff')}>
        <Select
          mode="multiple"
          optionFilterProp="label"
          loading={staff.isPending}
          options={(staff.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
        />
      </Form.Item>
      <Form.Item name="names" label={t('serviceQuality.forms.traineeNames')} extra={t('serviceQuality.forms.attendeesHint')}>
        <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} />
      </Form.Item>
      {overQuota && (
        <>
          <Form.Item name="quoteId" label={t('serviceQuality.forms.quote')}>
            <Select
              allowClear
              data-testid="training-quote"
              notFoundContent={t('serviceQuality.forms.noSignedQuote')}
              options={signedQuotes.map((q) => ({ value: q.id, label: q.number ?? q.id }))}
            />
          </Form.Item>
          {can('training.override_quota') && (
            <Form.Item name="overrideReason" label={t('serviceQuality.forms.overrideReason')}>
              <Input.TextArea rows={2} maxLength={500} data-testid="training-override" />
            </Form.Item>
          )}
        </>
      )}
    </FormModal>
  );
}

// ---------- the sign-in sheet ----------
const readDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

/** Each trainee and the lecturer sign on the glass, or the paper sheet's scan is uploaded. */
export function SheetModal({ customerId, training, onClose }: { customerId: string; training: Training; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const sign = useSignSheet(customerId);
  const { callbacks } = useSubmitFeedback(form);
  const [mode, setMode] = useState<'drawn' | 'scan'>('drawn');
  const [lecturer, setLecturer] = useState<string | null>(null);
  const [signatures, setSignatures] = useState<Record<string, string | null>>({});
  const [scan, setScan] = useState<{ name: string; dataUrl: string } | null>(null);
  const missing = mode === 'drawn' ? !lecturer || training.attendees.some((a) => !signatures[a.id]) : !scan;
  return (
    <FormModal
      title={`${t('serviceQuality.forms.signSheet')} · ${training.title}`}
      form={form}
      open
      onClose={onClose}
      isPending={sign.isPending}
      submitTestId="sheet-submit"
      okText={t('serviceQuality.forms.submitSheet')}
      width={560}
      intro={missing && <Alert type="info" showIcon className="modal-intro" message={t('serviceQuality.forms.sheetHint')} />}
      onFinish={() =>
        sign.mutate(
          mode === 'scan'
            ? { trainingId: training.id, scan: scan?.dataUrl }
            : {
                trainingId: training.id,
                ...(lecturer ? { lecturerSignature: lecturer } : {}),
                signatures: training.attendees.flatMap((a) => {
                  const s = signatures[a.id];
                  return s ? [{ attendeeId: a.id, signature: s }] : [];
                }),
              },
          callbacks(t('serviceQuality.forms.sheetSaved'), onClose),
        )
      }
    >
      <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} optionType="button" className="modal-intro">
        <Radio.Button value="drawn">{t('serviceQuality.forms.drawn')}</Radio.Button>
        <Radio.Button value="scan">{t('serviceQuality.forms.scan')}</Radio.Button>
      </Radio.Group>
      {mode === 'drawn' ? (
        <Space orientation="vertical" className="full-width" data-testid="sheet-pads">
          <div>
            <Typography.Text strong>
              {t('serviceQuality.tab.lecturer')}：{training.lecturerName}
            </Typography.Text>
            <SignaturePad onChange={setLecturer} label={`${t('serviceQuality.tab.lecturer')} ${training.lecturerName}`} />
          </div>
          {training.attendees.map((a) => (
            <div key={a.id}>
              <Typography.Text>
                {t('serviceQuality.forms.trainee')}：{a.name}
              </Typography.Text>
              <SignaturePad
                onChange={(s) => setSignatures((prev) => ({ ...prev, [a.id]: s }))}
                label={`${t('serviceQuality.forms.trainee')} ${a.name}`}
              />
            </div>
          ))}
        </Space>
      ) : (
        <Upload
          accept="application/pdf,image/png,image/jpeg"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(file) => {
            readDataUrl(file).then((dataUrl) => setScan({ name: file.name, dataUrl }));
            return false;
          }}
        >
          <Button icon={<UploadOutlined aria-hidden />}>{scan ? scan.name : t('serviceQuality.forms.chooseScan')}</Button>
        </Upload>
      )}
    </FormModal>
  );
}

// ---------- administrator certifications ----------
type CertificationValues = { contactId?: string; personName: string; certificate: string; certifiedOn: Dayjs; trainingSessionId?: string };

export function CertificationModal({
  customerId,
  contacts,
  trainings,
  open,
  onClose,
}: ModalProps & { contacts: Contact[]; trainings: Training[] }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CertificationValues>();
  const create = useCreateCertification(customerId);
  const { callbacks } = useSubmitFeedback(form);
  return (
    <FormModal<CertificationValues>
      title={t('serviceQuality.forms.newCertification')}
      form={form}
      open={open}
      onClose={onClose}
      isPending={create.isPending}
      submitTestId="certification-submit"
      initialValues={{ certifiedOn: dayjs() }}
      onFinish={(v) =>
        create.mutate(
          {
            personName: v.personName,
            certificate: v.certificate,
            certifiedOn: day(v.certifiedOn) ?? '',
            ...(v.contactId ? { contactId: v.contactId } : {}),
            ...(v.trainingSessionId ? { trainingSessionId: v.trainingSessionId } : {}),
          },
          callbacks(t('serviceQuality.forms.saved'), onClose),
        )
      }
    >
      <Form.Item name="contactId" label={t('serviceQuality.forms.contact')}>
        <Select
          allowClear
          options={contacts.map((c) => ({ value: c.id, label: c.name }))}
          onChange={(id) => {
            const c = contacts.find((x) => x.id === id);
            if (c) form.setFieldValue('personName', c.name);
          }}
        />
      </Form.Item>
      <Form.Item name="personName" label={t('serviceQuality.forms.personName')} rules={[{ required: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="certificate" label={t('serviceQuality.forms.certificate')} rules={[{ required: true }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="certifiedOn" label={t('serviceQuality.forms.certifiedOn')} rules={[{ required: true }]}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="trainingSessionId" label={t('serviceQuality.forms.fromTraining')}>
        <Select allowClear options={trainings.map((s) => ({ value: s.id, label: `${s.sessionDate} ${s.title}` }))} />
      </Form.Item>
    </FormModal>
  );
}

// ---------- schedules: return visits per kind, the periodic survey ----------
type ScheduleValues = { everyMonths: number; nextDueDate: Dayjs };

export function ScheduleModal({
  customerId,
  target,
  initial,
  onClose,
}: {
  customerId: string;
  /** A return-visit kind, or the customer's periodic survey. */
  target: 'phone' | 'inspection' | 'survey';
  initial: { everyMonths: number; nextDueDate: string } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ScheduleValues>();
  const visits = useSetReturnVisitSchedule(customerId);
  const survey = useSetSurveySchedule(customerId);
  const { callbacks } = useSubmitFeedback(form);
  const title = target === 'survey' ? t('serviceQuality.forms.surveySchedule') : t(`serviceQuality.kinds.${target}`);
  return (
    <FormModal<ScheduleValues>
      title={`${t('serviceQuality.forms.editSchedule')} · ${title}`}
      form={form}
      open
      onClose={onClose}
      isPending={visits.isPending || survey.isPending}
      submitTestId="schedule-submit"
      initialValues={{
        everyMonths: initial?.everyMonths ?? (target === 'survey' ? 6 : 3),
        nextDueDate: initial ? dayjs(initial.nextDueDate) : dayjs(),
      }}
      onFinish={(v) => {
        const input = { everyMonths: v.everyMonths, nextDueDate: day(v.nextDueDate) ?? '' };
        const done = callbacks(t('serviceQuality.forms.saved'), onClose);
        if (target === 'survey') survey.mutate(input, done);
        else visits.mutate({ kind: target, ...input }, done);
      }}
    >
      <Form.Item name="everyMonths" label={t('serviceQuality.forms.everyMonths')} rules={[{ required: true }]}>
        <InputNumber min={1} max={24} precision={0} addonAfter={t('serviceQuality.forms.months')} data-testid="schedule-every" />
      </Form.Item>
      <Form.Item name="nextDueDate" label={t('serviceQuality.forms.nextDueDate')} rules={[{ required: true }]}>
        <DatePicker />
      </Form.Item>
    </FormModal>
  );
}
