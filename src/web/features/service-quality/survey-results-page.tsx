import { Card, Col, DatePicker, Row, Space, Statistic, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { type SurveySummary, useSurveySummary } from './api.ts';

type Group = SurveySummary['byCustomer'][number];

/** Satisfaction results for staff: by customer, engineer and month over a date range. */
export function SurveyResultsPage() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[string, string]>([dayjs().startOf('year').format('YYYY-MM-DD'), dayjs().format('YYYY-MM-DD')]);
  const summary = useSurveySummary(range[0], range[1]);
  const columns = (title: string) => [
    { key: 'label', title, dataIndex: 'label' },
    { key: 'count', title: t('serviceQuality.results.count'), dataIndex: 'count', width: 90 },
    { key: 'average', title: t('serviceQuality.results.average'), dataIndex: 'average', width: 90 },
  ];
  const table = (title: string, rows: Group[] | undefined) => (
    <Card size="small" title={title}>
      <Table<Group>
        rowKey="key"
        size="small"
        pagination={false}
        loading={summary.isPending}
        dataSource={rows ?? []}
        columns={columns(title)}
        scroll={{ x: true }}
      />
    </Card>
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <PageHeader
        title={t('serviceQuality.results.title')}
        testId="survey-results-title"
        extra={
          <DatePicker.RangePicker
            allowClear={false}
            value={[dayjs(range[0]), dayjs(range[1])]}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])}
          />
        }
      />
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Statistic title={t('serviceQuality.results.count')} value={summary.data?.count ?? 0} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('serviceQuality.results.average')} value={summary.data?.average ?? '—'} />
        </Col>
        <Col xs={24} md={12}>
          <Space wrap>
            {(summary.data?.distribution ?? []).map((n, i) => (
              <Statistic key={String(i + 1)} title={'★'.repeat(i + 1)} value={n} />
            ))}
          </Space>
        </Col>
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={8}>
          {table(t('serviceQuality.results.byCustomer'), summary.data?.byCustomer)}
        </Col>
        <Col xs={24} lg={8}>
          {table(t('serviceQuality.results.byEngineer'), summary.data?.byEngineer)}
        </Col>
        <Col xs={24} lg={8}>
          {table(t('serviceQuality.results.byMonth'), summary.data?.byMonth)}
        </Col>
      </Row>
    </Space>
  );
}
