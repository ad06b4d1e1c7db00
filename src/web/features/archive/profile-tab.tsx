import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Descriptions, Form, Input, Row, Select, Skeleton, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UNACCEPTED_CASES, URGE_LETTER_METHODS, type UrgeLetterMethod } from '../../../domain/contracts/vocabulary.ts';
import type { CustomerDetail } from '../../api/types.ts';
import { DateTime } from '../../components/date-time.tsx';
import { FormModal, useSubmitFeedback } from '../../components/form-modal.tsx';
import { useCan } from '../../components/session.tsx';
import { useVocab } from '../../components/vocab.tsx';
import { fenToYuanText, formatFen, yuanToFen } from '../../lib/money.ts';
import { fromLocalDate, toLocalDate, YuanInput, yuanRule } from '../contracts/form-bits.tsx';
import { type Project, useDocuments, useProfile, useProject, useUpdateProject } from './api.ts';
import { TierRecommendationCard } from './tier-recommendation-card.tsx';

/** 概况: the customer's profile (grade, beds, address, distance class, economic notes for staff) and the project history. */
/** The customer's profile (one edit for everything in it) and the project's history (its own edit). */
export function ProfileTab({ customer, onEdit }: { customer: CustomerDetail; onEdit: () => void }) {
  const { t } = useTranslation();
  const { label } = useVocab();
  const can = useCan();
  const profile = useProfile(customer.id);
  const project = useProject(customer.id);
  const [isEditingProject, setEditingProject] = useState(false);
  const canManage = can('archive.manage');
  const canEditCustomer = can('customer.update');
  const none = t('common.none');
  const p = profile.data;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Card
          size="small"
          title={t('customers.profile')}
          className="side-card"
          extra={
            canEditCustomer && (
              <Button size="small" icon={<EditOutlined aria-hidden />} onClick={onEdit} data-testid="archive-profile-edit">
                {t('common.edit')}
              </Button>
            )
          }
        >
          {!p ? (
            <Skeleton active />
          ) : (
            <Descriptions
              column={1}
              size="small"
              data-testid="archive-profile"
              items={[
                { key: 'kind', label: t('customers.kind'), children: label('customerKind', customer.kind) },
                { key: 'grade', label: t('customers.grade'), children: p.grade ?? none },
                {
                  key: 'beds',
                  label: t('archive.profile.beds'),
                  children: p.beds === null ? none : t('archive.profile.bedsCount', { count: p.beds }),
                },
                {
                  key: 'itStaff',
                  label: t('archive.profile.itStaff'),
                  children: p.itStaffCount === null ? none : t('archive.profile.itStaffCount', { count: p.itStaffCount }),
                },
                { key: 'region', label: t('archive.profile.region'), children: `${p.province} · ${p.city}` },
                { key: 'address', label: t('customers.address'), children: p.address ?? none },
                {
                  key: 'distance',
                  label: t('customers.distanceClass'),
                  children: (
                    <span>
                      <Tag>{label('distanceClass', p.distanceClass)}</Tag>
                      <Typography.Text type="secondary" className="small-text">
                        {label('distanceClassHint', p.distanceClass)}
                      </Typography.Text>
                    </span>
                  ),
                },
                ...(can('archive.read_internal')
                  ? [
                      {
                        key: 'economic',
                        label: (
                          <span>
                            {t('archive.profile.economicNotes')} <Tag className="small-tag">{t('archive.profile.staffOnly')}</Tag>
                          </span>
                        ),
                        children: <span className="pre-line">{p.economicNotes || none}</span>,
                      },
                      {
                        key: 'finances',
                        label: t('archive.profile.finances'),
                        children: p.finances ? t(`archive.profile.financesValues.${p.finances}`) : none,
                      },
                    ]
                  : []),
                { key: 'open', label: t('customers.openTickets'), children: customer.openTicketCount },
                { key: 'createdAt', label: t('users.createdAt'), children: <DateTime value={customer.createdAt} /> },
              ]}
            />
          )}
        </Card>
      </Col>
      {p && can('archive.read_internal') && (
        <Col xs={24} xl={12}>
          <TierRecommendationCard profile={p} />
        </Col>
      )}
      <Col xs={24} xl={12}>
        <Card
          size="small"
          title={t('archive.project.title')}
          extra={
            canManage && (
              <Button
                size="small"
                icon={<EditOutlined aria-hidden />}
                onClick={() => setEditingProject(true)}
                data-testid="archive-project-edit"
              >
                {t('common.edit')}
              </Button>
            )
          }
        >
          {!project.data ? (
            <Skeleton active />
          ) : (
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'signed', label: t('archive.project.contractSigned'), children: project.data.contractSignedDate ?? none },
                { key: 'stationed', label: t('archive.project.teamStationed'), children: project.data.teamStationedDate ?? none },
                { key: 'accepted', label: t('archive.project.initialAcceptance'), children: project.data.initialAcceptanceDate ?? none },
                { key: 'final', label: t('archive.project.finalAcceptance'), children: project.data.finalAcceptanceDate ?? none },
                ...(project.data.urgeLetterDate
                  ? [
                      {
                        key: 'letter',
                        label: t('archive.project.urgeLetter'),
                        children: (
                          <span data-testid="archive-urge-letter">
                            {project.data.urgeLetterDate}
                            {project.data.urgeLetterMethod ? ` · ${t(`archive.project.methods.${project.data.urgeLetterMethod}`)}` : ''}
                            {' · '}
                            {t('archive.project.urgeDeadline', { date: project.data.urgeDeadline ?? '' })}
                          </span>
                        ),
                      },
                    ]
                  : []),
                ...(project.data.refundFen !== null
                  ? [{ key: 'refund', label: t('archive.project.refund'), children: formatFen(project.data.refundFen) }]
                  : []),
                ...(project.data.negotiationDueDate
                  ? [{ key: 'negotiation', label: t('archive.project.negotiationDue'), children: project.data.negotiationDueDate }]
                  : []),
                {
                  key: 'case',
                  label: t('archive.project.unacceptedCase'),
                  children: project.data.unacceptedCase ? (
                    <Tag color="orange">{t(`archive.project.cases.c${project.data.unacceptedCase as 1 | 2 | 3 | 4}`)}</Tag>
                  ) : (
                    none
                  ),
                },
                {
                  key: 'handover',
                  label: t('archive.documents.handoverTitle'),
                  children: project.data.isHandoverComplete ? (
                    <Tag color="success">{t('archive.documents.complete')}</Tag>
                  ) : (
                    <Tag color="warning">
                      {t('archive.documents.incomplete', {
                        done: project.data.handover.filter((h) => h.isDone).length,
                        total: project.data.handover.length,
                      })}
                    </Tag>
                  ),
                },
                ...(project.data.notes
                  ? [{ key: 'notes', label: t('archive.project.notes'), children: <span className="pre-line">{project.data.notes}</span> }]
                  : []),
              ]}
            />
          )}
        </Card>
      </Col>
      {project.data && (
        <ProjectModal customerId={customer.id} project={project.data} open={isEditingProject} onClose={() => setEditingProject(false)} />
      )}
    </Row>
  );
}

type ProjectValues = {
  contractSignedDate?: Dayjs;
  teamStationedDate?: Dayjs;
  initialAcceptanceDate?: Dayjs;
  finalAcceptanceDate?: Dayjs;
  unacceptedCase?: 1 | 2 | 3 | 4 | null;
  urgeLetterDate?: Dayjs;
  urgeLetterMethod?: UrgeLetterMethod | null;
  urgeLetterDocumentId?: string | null;
  refund?: string;
  negotiationDueDate?: Dayjs;
  notes?: string;
};

function ProjectModal({
  customerId,
  project,
  open,
  onClose,
}: {
  customerId: string;
  project: Project;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ProjectValues>();
  const feedback = useSubmitFeedback(form);
  const update = useUpdateProject(customerId);
  const documents = useDocuments(customerId);
  const unacceptedCase = Form.useWatch('unacceptedCase', form);

  useEffect(() => {
    if (open)
      form.setFieldsValue({
        contractSignedDate: fromLocalDate(project.contractSignedDate),
        teamStationedDate: fromLocalDate(project.teamStationedDate),
        initialAcceptanceDate: fromLocalDate(project.initialAcceptanceDate),
        finalAcceptanceDate: fromLocalDate(project.finalAcceptanceDate),
        unacceptedCase: (project.unacceptedCase as 1 | 2 | 3 | 4 | null) ?? null,
        urgeLetterDate: fromLocalDate(project.urgeLetterDate),
        urgeLetterMethod: project.urgeLetterMethod,
        urgeLetterDocumentId: project.urgeLetterDocumentId,
        refund: project.refundFen === null ? '' : fenToYuanText(project.refundFen),
        negotiationDueDate: fromLocalDate(project.negotiationDueDate),
        notes: project.notes ?? '',
      });
  }, [open, project, form]);

  return (
    <FormModal<ProjectValues>
      title={t('archive.project.edit')}
      form={form}
      open={open}
      onClose={onClose}
      onFinish={(values) =>
        update.mutate(
          {
            contractSignedDate: toLocalDate(values.contractSignedDate) ?? null,
            teamStationedDate: toLocalDate(values.teamStationedDate) ?? null,
            initialAcceptanceDate: toLocalDate(values.initialAcceptanceDate) ?? null,
            finalAcceptanceDate: toLocalDate(values.finalAcceptanceDate) ?? null,
            unacceptedCase: values.unacceptedCase ?? null,
            urgeLetterDate: toLocalDate(values.urgeLetterDate) ?? null,
            urgeLetterMethod: values.urgeLetterMethod ?? null,
            urgeLetterDocumentId: values.urgeLetterDocumentId ?? null,
            refundFen: values.refund?.trim() ? yuanToFen(values.refund.trim()) : null,
            negotiationDueDate: toLocalDate(values.negotiationDueDate) ?? null,
            notes: values.notes?.trim() || null,
          },
          feedback.callbacks(t('common.saved'), onClose),
        )
      }
      isPending={update.isPending}
      resetOnOpen={false}
    >
      <div className="form-row">
        <Form.Item name="contractSignedDate" label={t('archive.project.contractSigned')} className="form-col">
          <DatePicker className="full-width" />
        </Form.Item>
        <Form.Item name="teamStationedDate" label={t('archive.project.teamStationed')} className="form-col">
          <DatePicker className="full-width" />
        </Form.Item>
      </div>
      <div className="form-row">
        <Form.Item
          name="initialAcceptanceDate"
          label={t('archive.project.initialAcceptance')}
          extra={t('archive.project.initialAcceptanceHelp')}
          className="form-col"
        >
          <DatePicker className="full-width" data-testid="archive-initial-acceptance" />
        </Form.Item>
        <Form.Item
          name="finalAcceptanceDate"
          label={t('archive.project.finalAcceptance')}
          extra={t('archive.project.finalAcceptanceHelp')}
          className="form-col"
        >
          <DatePicker className="full-width" data-testid="archive-final-acceptance" />
        </Form.Item>
      </div>
      <Form.Item name="unacceptedCase" label={t('archive.project.unacceptedCase')} extra={t('archive.project.unacceptedCaseHelp')}>
        <Select
          allowClear
          options={UNACCEPTED_CASES.map((n) => ({ value: n, label: t(`archive.project.cases.c${n}`) }))}
          placeholder={t('archive.project.caseNone')}
        />
      </Form.Item>
      {unacceptedCase === 1 && (
        <>
          <div className="form-row">
            <Form.Item
              name="urgeLetterDate"
              label={t('archive.project.urgeLetter')}
              extra={t('archive.project.urgeLetterHelp')}
              className="form-col"
            >
              <DatePicker className="full-width" data-testid="archive-urge-letter-date" />
            </Form.Item>
            <Form.Item name="urgeLetterMethod" label={t('archive.project.urgeMethod')} className="form-col">
              <Select allowClear options={URGE_LETTER_METHODS.map((m) => ({ value: m, label: t(`archive.project.methods.${m}`) }))} />
            </Form.Item>
          </div>
          <Form.Item name="urgeLetterDocumentId" label={t('archive.project.urgeScan')} extra={t('archive.project.urgeScanHelp')}>
            <Select allowClear options={(documents.data ?? []).map((d) => ({ value: d.id, label: d.title ?? d.fileName }))} />
          </Form.Item>
        </>
      )}
      {unacceptedCase === 3 && (
        <Form.Item name="refund" label={t('archive.project.refund')} rules={[yuanRule(t, false)]}>
          <YuanInput />
        </Form.Item>
      )}
      {unacceptedCase === 4 && (
        <Form.Item name="negotiationDueDate" label={t('archive.project.negotiationDue')} extra={t('archive.project.negotiationHelp')}>
          <DatePicker className="full-width" />
        </Form.Item>
      )}
      <Form.Item name="notes" label={t('archive.project.notes')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
      </Form.Item>
    </FormModal>
  );
}
