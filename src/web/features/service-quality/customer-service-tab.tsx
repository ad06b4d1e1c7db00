import { EditOutlined, FileImageOutlined, FilePdfOutlined, PlusOutlined, SignatureOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, List, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../api/types.ts';
import { useCan } from '../../components/session.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import {
  type CustomerReturnVisits,
  sheetScanUrl,
  signInSheetPdfUrl,
  type TrainingList,
  useCertifications,
  useCustomerReturnVisits,
  useCustomerSurveys,
  useMeetings,
  useRetraining,
  useTrainings,
} from './api.ts';
import { CertificationModal, MeetingModal, ScheduleModal, SheetModal, TrainingModal } from './service-forms.tsx';

type Training = TrainingList['items'][number];
type ReturnVisit = CustomerReturnVisits['items'][number];

/** 服务质量 on the customer: return-visit schedule and record, user meetings, trainings and the retraining quota. */
export function CustomerServiceTab({ customerId, contacts }: { customerId: string; contacts: Contact[] }) {
  const { t } = useTranslation();
  const can = useCan();
  const canManage = can('training.manage');
  const [modal, setModal] = useState<'meeting' | 'training' | 'certification' | null>(null);
  const [signing, setSigning] = useState<Training | null>(null);
  const [editing, setEditing] = useState<'phone' | 'inspection' | 'survey' | null>(null);
  const surveys = useCustomerSurveys(customerId, can('survey.read_results'));
  const visits = useCustomerReturnVisits(customerId);
  const meetings = useMeetings(customerId);
  const trainings = useTrainings(customerId);
  const retraining = useRetraining(customerId);
  const certifications = useCertifications(customerId);
  const current = retraining.data?.current ?? null;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="customer-service-tab">
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12}>
          <Card size="small" title={t('serviceQuality.tab.schedule')} data-testid="schedule-card">
            <Descriptions size="small" column={1}>
              {(['phone', 'inspection'] as const).map((kind) => {
                const s = visits.data?.schedules.find((x) => x.kind === kind);
                return (
                  <Descriptions.Item key={kind} label={t(`serviceQuality.kinds.${kind}`)}>
                    <Space size={4} wrap>
                      {s ? (
                        <span data-testid={`schedule-${kind}`}>
                          {t('serviceQuality.tab.every', { months: s.everyMonths })} ·{' '}
                          {t('serviceQuality.tab.nextDue', { date: s.nextDueDate })}
                        </span>
                      ) : (
                        <Typography.Text type="secondary">{t('serviceQuality.tab.notScheduled')}</Typography.Text>
                      )}
                      {s?.isDefault && <Tag>{t('serviceQuality.tab.tierDefault')}</Tag>}
                      {can('return_visit.manage') && (
                        <Button
                          size="small"
                          type="link"
                          icon={<EditOutlined aria-hidden />}
                          aria-label={t('serviceQuality.forms.editSchedule')}
                          data-testid={`edit-schedule-${kind}`}
                          onClick={() => setEditing(kind)}
                        />
                      )}
                    </Space>
                  </Descriptions.Item>
                );
              })}
              {surveys.data && (
                <Descriptions.Item label={t('serviceQuality.forms.surveySchedule')}>
                  <Space size={4} wrap>
                    {surveys.data.schedule ? (
                      <span>
                        {t('serviceQuality.tab.every', { months: surveys.data.schedule.everyMonths })} ·{' '}
                        {t('serviceQuality.tab.nextDue', { date: surveys.data.schedule.nextDueDate })}
                      </span>
                    ) : null}
                    {surveys.data.schedule?.isDefault && <Tag>{t('serviceQuality.tab.tierDefault')}</Tag>}
                    {surveys.data.schedule ? null : (
                      <Typography.Text type="secondary">{t('serviceQuality.tab.notScheduled')}</Typography.Text>
                    )}
                    {surveys.data.items[0] && (
                      <Tag>
                        {t('serviceQuality.tab.lastSurvey', {
                          period: surveys.data.items[0].period ?? '',
                          score: surveys.data.items[0].score ?? '—',
                        })}
                      </Tag>
                    )}
                    {can('survey.issue_link') && (
                      <Button
                        size="small"
                        type="link"
                        icon={<EditOutlined aria-hidden />}
                        aria-label={t('serviceQuality.forms.editSchedule')}
                        data-testid="edit-schedule-survey"
                        onClick={() => setEditing('survey')}
                      />
                    )}
                  </Space>
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={t('serviceQuality.tab.retraining')} data-testid="retraining-card">
            {current ? (
              <Space size="large" wrap>
                <Statistic title={t('serviceQuality.tab.quota')} value={current.quota} />
                <Statistic title={t('serviceQuality.tab.used')} value={current.used} />
                <Statistic title={t('serviceQuality.tab.left')} value={current.left} />
                <Typography.Text type="secondary">
                  {current.from} – {current.to}
                </Typography.Text>
              </Space>
            ) : (
              <Typography.Text type="secondary">{t('serviceQuality.tab.noContract')}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('serviceQuality.tab.returnVisits')}>
        <Table<ReturnVisit>
          rowKey="id"
          size="small"
          loading={visits.isPending}
          dataSource={visits.data?.items ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: true }}
          columns={[
            { key: 'on', title: t('serviceQuality.tab.visitedOn'), dataIndex: 'visitedOn' },
            { key: 'kind', title: t('serviceQuality.calls.kind'), render: (_v, r) => t(`serviceQuality.kinds.${r.kind}`) },
            { key: 'outcome', title: t('serviceQuality.calls.outcome'), render: (_v, r) => t(`serviceQuality.outcomes.${r.outcome}`) },
            { key: 'note', title: t('serviceQuality.calls.note'), render: (_v, r) => r.note ?? '—' },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('serviceQuality.tab.trainings')}
        extra={
          canManage && (
            <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => setModal('training')} data-testid="new-training">
              {t('serviceQuality.forms.newTraining')}
            </Button>
          )
        }
      >
        <Table<Training>
          rowKey="id"
          size="small"
          loading={trainings.isPending}
          dataSource={trainings.data?.items ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: 760 }}
          columns={[
            { key: 'date', title: t('serviceQuality.tab.date'), dataIndex: 'sessionDate' },
            { key: 'kind', title: t('serviceQuality.calls.kind'), render: (_v, r) => t(`serviceQuality.trainingKinds.${r.kind}`) },
            { key: 'title', title: t('serviceQuality.tab.topic'), dataIndex: 'title' },
            { key: 'lecturer', title: t('serviceQuality.tab.lecturer'), dataIndex: 'lecturerName' },
            { key: 'n', title: t('serviceQuality.tab.trainees'), render: (_v, r) => r.attendees.length },
            {
              key: 'sheet',
              title: t('serviceQuality.tab.sheet'),
              render: (_v, r) => <Tag color={r.sheet === 'none' ? 'default' : 'success'}>{t(`serviceQuality.sheet.${r.sheet}`)}</Tag>,
            },
            {
              key: 'pdf',
              title: '',
              render: (_v, r) => (
                <Space size={4}>
                  {r.sheet === 'none' && canManage && (
                    <Button
                      size="small"
                      type="primary"
                      icon={<SignatureOutlined aria-hidden />}
                      onClick={() => setSigning(r)}
                      data-testid="sign-sheet"
                    >
                      {t('serviceQuality.forms.signSheet')}
                    </Button>
                  )}
                  <Button
                    size="small"
                    icon={<FilePdfOutlined aria-hidden />}
                    href={signInSheetPdfUrl(r.id, currentLanguage())}
                    target="_blank"
                  >
                    PDF
                  </Button>
                  {r.sheet === 'scanned' && (
                    <Button size="small" icon={<FileImageOutlined aria-hidden />} href={sheetScanUrl(r.id)} target="_blank">
                      {t('serviceQuality.sheet.scanned')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12}>
          <Card
            size="small"
            title={t('serviceQuality.tab.meetings')}
            extra={
              can('user_meeting.manage') && (
                <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => setModal('meeting')} data-testid="new-meeting">
                  {t('serviceQuality.forms.new')}
                </Button>
              )
            }
          >
            <List
              size="small"
              loading={meetings.isPending}
              dataSource={meetings.data?.items ?? []}
              locale={{ emptyText: t('serviceQuality.tab.none') }}
              renderItem={(m) => (
                <List.Item>
                  <List.Item.Meta
                    title={`${m.meetingDate} ${m.title}`}
                    description={
                      <>
                        <div>{m.attendees.join('、')}</div>
                        <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }}>{m.minutes}</Typography.Paragraph>
                        {m.actions.map((a) => (
                          <div key={a.text}>• {[a.text, a.owner, a.dueDate].filter(Boolean).join(' · ')}</div>
                        ))}
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card
            size="small"
            title={t('serviceQuality.tab.certifications')}
            extra={
              canManage && (
                <Button
                  size="small"
                  icon={<PlusOutlined aria-hidden />}
                  onClick={() => setModal('certification')}
                  data-testid="new-certification"
                >
                  {t('serviceQuality.forms.new')}
                </Button>
              )
            }
          >
            <List
              size="small"
              loading={certifications.isPending}
              dataSource={certifications.data?.items ?? []}
              locale={{ emptyText: t('serviceQuality.tab.none') }}
              renderItem={(c) => (
                <List.Item>
                  {c.certifiedOn} · {c.personName} · {c.certificate}
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      <MeetingModal customerId={customerId} open={modal === 'meeting'} onClose={() => setModal(null)} />
      <TrainingModal customerId={customerId} contacts={contacts} open={modal === 'training'} onClose={() => setModal(null)} />
      <CertificationModal
        customerId={customerId}
        contacts={contacts}
        trainings={trainings.data?.items ?? []}
        open={modal === 'certification'}
        onClose={() => setModal(null)}
      />
      {signing && <SheetModal customerId={customerId} training={signing} onClose={() => setSigning(null)} />}
      {editing && (
        <ScheduleModal
          customerId={customerId}
          target={editing}
          initial={
            editing === 'survey' ? (surveys.data?.schedule ?? null) : (visits.data?.schedules.find((x) => x.kind === editing) ?? null)
          }
          onClose={() => setEditing(null)}
        />
      )}
    </Space>
  );
}
