import { LockOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Empty, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '../../api/types.ts';
import { DateTime } from '../../components/date-time.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { attachmentUrl, useUploadAttachment } from './api.ts';

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Files on the request: download links, and upload (staff may mark a file internal). */
export function AttachmentsCard({
  ticketId,
  attachments,
  audience,
}: {
  ticketId: string;
  attachments: Attachment[];
  audience: 'staff' | 'customer';
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const upload = useUploadAttachment(ticketId);
  const [isInternal, setIsInternal] = useState(false);

  return (
    <Card
      size="small"
      title={
        <span>
          <PaperClipOutlined aria-hidden /> {t('detail.attachments')}
          {attachments.length > 0 && <span className="card-count">{attachments.length}</span>}
        </span>
      }
      className="attachments-card"
      extra={
        <span className="attachments-actions">
          {audience === 'staff' && (
            <Checkbox checked={isInternal} onChange={(event) => setIsInternal(event.target.checked)} data-testid="attachment-internal">
              {t('detail.uploadInternal')}
            </Checkbox>
          )}
          <Upload
            showUploadList={false}
            multiple
            customRequest={({ file, onSuccess, onError }) => {
              if (!(file instanceof File)) return;
              upload.mutate(
                { file, internal: isInternal },
                {
                  onSuccess: (attachment) => {
                    onSuccess?.(attachment);
                    message.success(t('detail.uploaded', { name: attachment.fileName }));
                  },
                  onError: (error) => {
                    onError?.(error instanceof Error ? error : new Error(String(error)));
                    message.error(errorMessage(error, t));
                  },
                },
              );
            }}
          >
            <Button size="small" icon={<UploadOutlined aria-hidden />} loading={upload.isPending} data-testid="attachment-upload">
              {t('detail.upload')}
            </Button>
          </Upload>
        </span>
      }
    >
      {attachments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noAttachments')} className="compact-empty" />
      ) : (
        <ul className="attachment-list" data-testid="attachment-list">
          {attachments.map((attachment) => (
            <li key={attachment.id} className={attachment.isInternal ? 'attachment-internal' : undefined}>
              <PaperClipOutlined aria-hidden className="attachment-icon" />
              <div className="attachment-main">
                <a href={attachmentUrl(attachment.id)} target="_blank" rel="noreferrer" className="attachment-name">
                  {attachment.fileName}
                </a>
                <Typography.Text type="secondary" className="attachment-meta">
                  {formatSize(attachment.sizeBytes)} · {attachment.uploadedBy?.name ?? t('detail.events.system')} ·{' '}
                  <DateTime value={attachment.createdAt} />
                </Typography.Text>
              </div>
              {attachment.isInternal && (
                <Tag color="gold" icon={<LockOutlined aria-hidden />}>
                  {t('detail.internal')}
                </Tag>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
