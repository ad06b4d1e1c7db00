import { CalendarOutlined, CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../components/date-time.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useCreateCalendarFeed, useMyCalendarFeed, useRevokeCalendarFeed } from './api.ts';

/** The engineer's schedule as an iCalendar subscription: a secret URL, shown once; rotate or revoke it. */
export function CalendarFeedCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const feed = useMyCalendarFeed();
  const create = useCreateCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const [url, setUrl] = useState<string | null>(null);
  const live = feed.data?.feed ?? null;
  const onError = (error: unknown) => message.error(errorMessage(error, t));

  return (
    <Card title={t('calendarFeed.title')} className="settings-card" data-testid="calendar-feed-card">
      <Space orientation="vertical" className="full-width">
        <Typography.Paragraph type="secondary">{t('calendarFeed.help')}</Typography.Paragraph>
        {live ? (
          <Typography.Text>
            {t('calendarFeed.active')} <DateTime value={live.createdAt} />
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('calendarFeed.none')}</Typography.Text>
        )}
        {url && (
          <>
            <Alert type="warning" showIcon title={t('calendarFeed.shownOnce')} />
            <Typography.Paragraph
              copyable={{
                text: url,
                icon: [<CopyOutlined aria-hidden key="copy" />, <CopyOutlined aria-hidden key="copied" />],
                tooltips: [t('common.copy'), t('common.copied')],
              }}
              className="token-value"
              data-testid="calendar-feed-url"
            >
              <code>{url}</code>
            </Typography.Paragraph>
          </>
        )}
        <Space wrap>
          <Button
            icon={<CalendarOutlined aria-hidden />}
            loading={create.isPending}
            onClick={() => create.mutate(undefined, { onSuccess: (created) => setUrl(created.url), onError })}
            data-testid="calendar-feed-create"
          >
            {live ? t('calendarFeed.rotate') : t('calendarFeed.create')}
          </Button>
          {live && (
            <Popconfirm
              title={t('calendarFeed.revokeConfirm')}
              onConfirm={() => revoke.mutate(undefined, { onSuccess: () => setUrl(null), onError })}
            >
              <Button danger loading={revoke.isPending}>
                {t('calendarFeed.revoke')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Space>
    </Card>
  );
}
