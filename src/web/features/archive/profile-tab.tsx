import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Descriptions, Form, Input, Row, Select, Skeleton, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UNACCEPTED_CASES } from '../../../domain/contracts/vocabulary.ts';
import type { CustomerDetail } from '../../api/types.ts';
import { DateTime } from '../../components/date-time.tsx';
import { FormModal, useSubmitFeedback } from '../../components/form-modal.tsx';
import { useCan } from '../../components/session.tsx';
import { useVocab } from '../../components/vocab.tsx';
import { fromLocalDate, toLocalDate } from '../contracts/form-bits.tsx';
import { type Project, useProfile, useProject, useUpdateProject } from './api.ts';

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
                    ]
                  : []),
                { key: 'open', label: t('customers.openTickets'), children: customer.openTicketCount },
                { key: 'createdAt', label: t('users.createdAt'), children: <DateTime value={customer.createdAt} /> },
              ]}
            />
          )}
        </Card>
      </Col>
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
  unacceptedCase?: 1 | 2 | 3 | 4 | null;
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

  useEffect(() => {
    if (open)
      form.setFieldsValue({
        contractSignedDate: fromLocalDate(project.contractSignedDate),
        teamStationedDate: fromLocalDate(project.teamStationedDate),
        initialAcceptanceDate: fromLocalDate(project.initialAcceptanceDate),
        unacceptedCase: (project.unacceptedCase as 1 | 2 | 3 | 4 | null) ?? null,
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
            unacceptedCase: values.unacceptedCase ?? null,
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
      <Form.Item name="initialAcceptanceDate" label={t('archive.project.initialAcceptance')}>
        <DatePicker className="full-width" />
      </Form.Item>
      <Form.Item name="unacceptedCase" label={t('archive.project.unacceptedCase')} extra={t('archive.project.unacceptedCaseHelp')}>
        <Select
          allowClear
          options={UNACCEPTED_CASES.map((n) => ({ value: n, label: t(`archive.project.cases.c${n}`) }))}
          placeholder={t('archive.project.caseNone')}
        />
      </Form.Item>
      <Form.Item name="notes" label={t('archive.project.notes')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
      </Form.Item>
    </FormModal>
  );
}
