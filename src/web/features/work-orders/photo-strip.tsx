import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.ts';
import { photoUrl, useDeleteWorkOrderPhoto, useWorkOrderPhotos, type WorkOrderPhoto } from './api.ts';
import { getFile } from './photo-store.ts';
import './photo-strip.css';

/** Thumbnails of a work order's photos (and its scanned signed form); staff may delete before sign-off. */
export function PhotoThumbnails({
  workOrderId,
  canDelete,
  enabled = true,
}: {
  workOrderId: string;
  canDelete: boolean;
  enabled?: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const photos = useWorkOrderPhotos(workOrderId, enabled);
  const remove = useDeleteWorkOrderPhoto(workOrderId);
  const items = photos.data ?? [];
  if (items.length === 0) return null;
  return (
    <div className="photo-strip" data-testid="work-order-photos">
      {items.map((p: WorkOrderPhoto) => (
        <figure key={p.id} className="photo-thumb" data-testid="work-order-photo">
          <a href={photoUrl(workOrderId, p.id)} target="_blank" rel="noreferrer">
            {p.contentType.startsWith('image/') && p.contentType !== 'image/heic' && p.contentType !== 'image/heif' ? (
              <img src={photoUrl(workOrderId, p.id)} alt={t('workOrders.photoAlt', { name: p.fileName })} loading="lazy" />
            ) : (
              <span className="photo-file">{p.fileName}</span>
            )}
          </a>
          {p.kind === 'signed_form' && <Tag className="photo-kind">{t('workOrders.signedForm')}</Tag>}
          {canDelete && p.kind === 'photo' && (
            <Popconfirm
              title={t('workOrders.deletePhotoConfirm')}
              onConfirm={() => remove.mutate(p.id, { onError: (error) => message.error(errorMessage(error, t)) })}
            >
              <Button size="small" type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={t('workOrders.deletePhoto')} />
            </Popconfirm>
          )}
        </figure>
      ))}
    </div>
  );
}

/** Photos still on the phone (queued offline), shown from IndexedDB until they are uploaded. */
export function PendingThumbnails({ clientIds }: { clientIds: string[] }) {
  const { t } = useTranslation();
  const [urls, setUrls] = useState<Record<string, string>>({});
  const key = clientIds.join(',');
  useEffect(() => {
    let isCurrent = true;
    const made: string[] = [];
    void Promise.all(
      key
        .split(',')
        .filter(Boolean)
        .map(async (id) => {
          const file = await getFile(id).catch(() => undefined);
          if (!file) return [id, ''] as const;
          const url = URL.createObjectURL(file.blob);
          made.push(url);
          return [id, url] as const;
        }),
    ).then((pairs) => {
      if (isCurrent) setUrls(Object.fromEntries(pairs));
    });
    return () => {
      isCurrent = false;
      for (const url of made) URL.revokeObjectURL(url);
    };
  }, [key]);
  if (clientIds.length === 0) return null;
  return (
    <div className="photo-strip" data-testid="field-pending-photos">
      <Tag>{t('workOrders.photosWaiting', { count: clientIds.length })}</Tag>
      {clientIds.map((id) =>
        urls[id] ? (
          <figure key={id} className="photo-thumb photo-pending">
            <img src={urls[id]} alt={t('workOrders.photosWaiting', { count: 1 })} />
          </figure>
        ) : null,
      )}
    </div>
  );
}

/** The camera button: `capture="environment"` opens the back camera on a phone; a desktop picks a file. */
export function CameraButton({ onPhoto }: { onPhoto: (file: File) => Promise<void> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Space>
      <input
        ref={input}
        type="file"
        accept="image/*"
        capture="environment"
        hidden
        data-testid="field-photo-input"
        onChange={async (e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          setBusy(true);
          try {
            for (const file of files) await onPhoto(file);
          } catch {
            message.error(t('workOrders.photoFailed'));
          } finally {
            setBusy(false);
          }
        }}
      />
      <Button icon={<CameraOutlined aria-hidden />} loading={busy} onClick={() => input.current?.click()} data-testid="field-take-photo">
        {t('workOrders.takePhoto')}
      </Button>
    </Space>
  );
}
