import { Alert, Card, Segmented, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../components/date-time.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { type Job, type JobSchedule, type JobState, useJobs } from './api.ts';

const STATE_COLOURS: Record<JobState, string> = { scheduled: 'blue', running: 'processing', succeeded: 'green', failed: 'red' };

/** Administrators: the scheduled work (SLA clock tick, renewal reminders, outgoing mail) and what failed. */
export function JobsPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<'default' | 'failed'>('default');
  const jobs = useJobs(filter === 'failed' ? 'failed' : undefined);
  const items = jobs.data?.items ?? [];
  const failedCount = items.filter((j) => j.state === 'failed' || (j.kind === 'recurring' && j.lastError)).length;

  const rule = (schedule: JobSchedule | null) => {
    if (!schedule) return t('jobs.once');
    if (schedule.kind === 'interval') {
      const minutes = schedule.everyMs / 60_000;
      return minutes >= 1 && Number.isInteger(minutes)
        ? t('jobs.everyMinutes', { count: minutes })
        : t('jobs.everySeconds', { count: Math.round(schedule.everyMs / 1000) });
    }
    const onCalendar = schedule.calendarId ? ` · ${t('jobs.workingDays')}` : '';
    if (schedule.kind === 'daily') return `${t('jobs.dailyAt', { time: schedule.at })}${onCalendar}`;
    return `${t('jobs.monthlyAt', { day: schedule.day, time: schedule.at })}${onCalendar}`;
  };
  const names: Record<string, string> = {
    'sla.tick': t('jobs.names.slaTick'),
    'contracts.renewal-reminders': t('jobs.names.renewalReminders'),
    'mail.send': t('jobs.names.mail'),
    'emergency.continuity-tick': t('jobs.names.emergencyTick'),
    'emergency.reminders': t('jobs.names.emergencyReminders'),
    'remote-access.maintain': t('jobs.names.remoteAccess'),
  };
  const nameOf = (job: Job) => names[job.name] ?? job.name;

  return (
    <div className="page">
      <PageHeader title={t('jobs.title')} subtitle={t('jobs.subtitle')} />
      {!jobs.isPending && failedCount > 0 && filter === 'default' ? (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} message={t('jobs.failedAlert', { count: failedCount })} />
      ) : null}
      <Card styles={{ body: { padding: 0 } }}>
        <div className="filter-bar">
          <Segmented
            aria-label={t('jobs.filter')}
            value={filter}
            onChange={(value) => setFilter(value as 'default' | 'failed')}
            options={[
              { value: 'default', label: t('jobs.filterDefault') },
              { value: 'failed', label: t('jobs.filterFailed') },
            ]}
          />
        </div>
        <Table<Job>
          rowKey="id"
          data-testid="job-table"
          dataSource={items}
          loading={jobs.isPending}
          locale={jobs.isPending ? { emptyText: t('common.loading') } : undefined}
          pagination={{ pageSize: 50, hideOnSinglePage: true, size: 'small' }}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              key: 'name',
              title: t('jobs.name'),
              render: (_v, job) => (
                <div>
                  <div>{nameOf(job)}</div>
                  <Typography.Text type="secondary" className="tabular">
                    {job.key && job.key !== job.name ? job.key : job.name}
                  </Typography.Text>
                </div>
              ),
            },
            { key: 'rule', title: t('jobs.rule'), render: (_v, job) => rule(job.schedule) },
            {
              key: 'state',
              title: t('jobs.state'),
              render: (_v, job) => <Tag color={STATE_COLOURS[job.state]}>{t(`jobs.states.${job.state}`)}</Tag>,
            },
            { key: 'next', title: t('jobs.nextRunAt'), render: (_v, job) => <DateTime value={job.nextRunAt} /> },
            { key: 'last', title: t('jobs.lastRunAt'), render: (_v, job) => <DateTime value={job.lastRunAt} /> },
            {
              key: 'attempts',
              title: t('jobs.attempts'),
              render: (_v, job) => <span className="tabular">{`${job.attempts} / ${job.maxAttempts}`}</span>,
            },
            {
              key: 'error',
              title: t('jobs.lastError'),
              render: (_v, job) =>
                job.lastError ? (
                  <Tooltip title={job.failedAt ? <DateTime value={job.failedAt} /> : undefined}>
                    <Typography.Text type="danger" ellipsis style={{ maxWidth: 360 }}>
                      {job.lastError}
                    </Typography.Text>
                  </Tooltip>
                ) : null,
            },
          ]}
        />
      </Card>
    </div>
  );
}
