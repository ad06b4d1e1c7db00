import { FilePdfOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, Modal, Radio, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ASSESSMENT_RATINGS, ASSESSMENT_SECTIONS, type AssessmentSection } from '../../../domain/maintenance/assessment.ts';
import { useCan } from '../../components/session.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { errorMessage } from '../../lib/errors.ts';
import { applyServerFieldErrors } from '../../lib/schema-form.ts';
import { type Assessment, type AssessmentInput, assessmentReportUrl, type Round, useAssessments, useCreateAssessment } from './api.ts';

const RATING_COLORS = { good: 'green', acceptable: 'blue', needs_attention: 'orange' } as const;

type FormValues = {
  period: number;
  assessedOn: string;
  roundId?: string;
  summary: string;
  sections: Record<
    AssessmentSection,
    { rating: AssessmentInput['sections'][number]['rating']; findings: string; recommendations?: string }
  >;
};

const today = () => new Date().toLocaleDateString('sv-SE');

/** 系统运行评估 (000 G) on the customer's 维护计划 tab: one per year, its PDF filed in the archive. */
export function AssessmentCard({ customerId, year, rounds }: { customerId: string; year: number; rounds: Round[] }) {
  const { t } = useTranslation();
  const can = useCan();
  const assessments = useAssessments(customerId);
  const [creating, setCreating] = useState(false);
  const hasYear = (assessments.data ?? []).some((a) => a.period === year);
  return (
    <Card
      size="small"
      title={t('maintenance.assessment.title')}
      data-testid="assessment-card"
      extra={
        can('maintenance.assess') &&
        !hasYear && (
          <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)} data-testid="assessment-new">
            {t('maintenance.assessment.new', { year })}
          </Button>
        )
      }
    >
      <Table<Assessment>
        rowKey="id"
        size="small"
        loading={assessments.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={assessments.data ?? []}
        locale={{ emptyText: t('maintenance.assessment.none') }}
        columns={[
          { key: 'period', title: t('maintenance.assessment.period'), dataIndex: 'period' },
          { key: 'assessedOn', title: t('maintenance.assessment.assessedOn'), dataIndex: 'assessedOn' },
          {
            key: 'ratings',
            title: t('maintenance.assessment.ratings'),
            render: (_v, a) =>
              a.sections
                .filter((s) => s.rating === 'needs_attention')
                .map((s) => (
                  <Tag key={s.key} color={RATING_COLORS[s.rating]}>
                    {t(`maintenance.assessment.sections.${s.key}`)}
                  </Tag>
                )),
          },
          { key: 'by', title: t('maintenance.assessment.by'), render: (_v, a) => a.createdBy.name },
          {
            key: 'pdf',
            title: '',
            render: (_v, a) => (
              <Button
                size="small"
                icon={<FilePdfOutlined aria-hidden />}
                href={assessmentReportUrl(a.id, currentLanguage())}
                target="_blank"
                data-testid="assessment-pdf"
              >
                PDF
              </Button>
            ),
          },
        ]}
      />
      {creating && <AssessmentModal customerId={customerId} year={year} rounds={rounds} onClose={() => setCreating(false)} />}
    </Card>
  );
}

function AssessmentModal({
  customerId,
  year,
  rounds,
  onClose,
}: {
  customerId: string;
  year: number;
  rounds: Round[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const create = useCreateAssessment(customerId);
  const [form] = Form.useForm<FormValues>();
  const submit = (v: FormValues) =>
    create.mutate(
      {
        period: v.period,
        assessedOn: v.assessedOn,
        ...(v.roundId ? { roundId: v.roundId } : {}),
        summary: v.summary,
        sections: ASSESSMENT_SECTIONS.map((key) => ({
          key,
          rating: v.sections[key].rating,
          findings: v.sections[key].findings,
          recommendations: v.sections[key].recommendations?.trim() || null,
        })),
      },
      {
        onSuccess: () => {
          message.success(t('maintenance.assessment.saved'));
          onClose();
        },
        onError: (error) => {
          applyServerFieldErrors(form, error);
          message.error(errorMessage(error, t));
        },
      },
    );
  const lastRound = rounds.filter((r) => r.status !== 'skipped').at(-1);
  return (
    <Modal
      open
      width={720}
      title={t('maintenance.assessment.new', { year })}
      onCancel={onClose}
      okText={t('common.save')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          period: year,
          assessedOn: today(),
          roundId: lastRound?.id,
          sections: Object.fromEntries(ASSESSMENT_SECTIONS.map((k) => [k, { rating: 'good' }])),
        }}
        data-testid="assessment-form"
      >
        <Form.Item name="period" label={t('maintenance.assessment.period')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2199} />
        </Form.Item>
        <Form.Item name="assessedOn" label={t('maintenance.assessment.assessedOn')} rules={[{ required: true }]}>
          <Input type="date" max={today()} />
        </Form.Item>
        <Form.Item name="roundId" label={t('maintenance.assessment.round')}>
          <Select
            allowClear
            options={rounds.map((r) => ({ value: r.id, label: `${r.windowStart} – ${r.windowEnd}` }))}
            data-testid="assessment-round"
          />
        </Form.Item>
        {ASSESSMENT_SECTIONS.map((key, i) => (
          <Card
            key={key}
            size="small"
            type="inner"
            title={`${i + 1}. ${t(`maintenance.assessment.sections.${key}`)}`}
            style={{ marginBottom: 12 }}
          >
            <Form.Item name={['sections', key, 'rating']} label={t('maintenance.assessment.rating')} rules={[{ required: true }]}>
              <Radio.Group options={ASSESSMENT_RATINGS.map((r) => ({ value: r, label: t(`maintenance.assessment.ratingLabels.${r}`) }))} />
            </Form.Item>
            <Form.Item
              name={['sections', key, 'findings']}
              label={t('maintenance.assessment.findings')}
              rules={[{ required: true, whitespace: true, message: t('maintenance.assessment.findingsRequired') }]}
            >
              <Input.TextArea rows={2} maxLength={4000} data-testid={`assessment-findings-${key}`} />
            </Form.Item>
            <Form.Item name={['sections', key, 'recommendations']} label={t('maintenance.assessment.recommendations')}>
              <Input.TextArea rows={2} maxLength={4000} />
            </Form.Item>
          </Card>
        ))}
        <Form.Item
          name="summary"
          label={t('maintenance.assessment.summary')}
          rules={[{ required: true, whitespace: true, message: t('maintenance.assessment.findingsRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={4000} data-testid="assessment-summary" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
