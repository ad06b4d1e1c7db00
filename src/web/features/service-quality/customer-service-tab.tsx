import { FilePdfOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, List, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n/index.ts';
import {
  type CustomerReturnVisits,
  signInSheetPdfUrl,
  type TrainingList,
  useCertifications,
  useCustomerReturnVisits,
  useMeetings,
  useRetraining,
  useTrainings,
} from './api.ts';

type Training = TrainingList['items'][number];
type ReturnVisit = CustomerReturnVisits['items'][number];

/** 服务质量 on the customer: return-visit schedule and record, user meetings, trainings and the retraining quota. */
export function CustomerServiceTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
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
          <Card size="small" title={t('serviceQuality.tab.schedule')}>
            {(visits.data?.schedules ?? []).length === 0 ? (
              <Typography.Text type="secondary">{t('serviceQuality.tab.noSchedule')}</Typography.Text>
            ) : (
              <Descriptions size="small" column={1}>
                {visits.data?.schedules.map((s) => (
                  <Descriptions.Item key={s.kind} label={t(`serviceQuality.kinds.${s.kind}`)}>
                    {t('serviceQuality.tab.every', { months: s.everyMonths })} · {t('serviceQuality.tab.nextDue', { date: s.nextDueDate })}
                    {s.isDefault && <Tag style={{ marginInlineStart: 8 }}>{t('serviceQuality.tab.tierDefault')}</Tag>}
                  </Descriptions.Item>
                ))}
              </Descriptions>
            )}
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
      <Card size="small" title={t('serviceQuality.tab.trainings')}>
        <Table<Training>
          rowKey="id"
          size="small"
          loading={trainings.isPending}
          dataSource={trainings.data?.items ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: true }}
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
                <Button
                  size="small"
                  icon={<FilePdfOutlined aria-hidden />}
                  href={signInSheetPdfUrl(r.id, currentLanguage())}
                  target="_blank"
                >
                  PDF
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12}>
          <Card size="small" title={t('serviceQuality.tab.meetings')}>
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
          <Card size="small" title={t('serviceQuality.tab.certifications')}>
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
    </Space>
  );
}
