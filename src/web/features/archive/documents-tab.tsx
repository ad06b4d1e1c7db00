import { CheckCircleFilled, ClockCircleOutlined, LockOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Col, Input, List, Row, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_KINDS, type DocumentKind, type HandoverItem } from '../../../domain/contracts/vocabulary.ts';
import { DateTime } from '../../components/date-time.tsx';
import { ListEmpty } from '../../components/list-state.tsx';
import { useCan } from '../../components/session.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { type ArchiveDocument, documentUrl, useDocuments, useProject, useSetHandover, useUploadDocument } from './api.ts';

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** 文档: the handover checklist of DOMAIN.md §9 with its attached files, and every document of the customer. */
export function DocumentsTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const project = useProject(customerId);
  const documents = useDocuments(customerId);
  const upload = useUploadDocument(customerId);
  const setHandover = useSetHandover(customerId);
  const canManage = can('archive.manage');
  const [kind, setKind] = useState<DocumentKind>('other');
  const [title, setTitle] = useState('');
  const [isInternal, setInternal] = useState(false);
  const byId = new Map((documents.data ?? []).map((d) => [d.id, d]));
  const handover = project.data?.handover ?? [];
  const done = handover.filter((h) => h.isDone).length;

  const uploadFor = (item: HandoverItem, file: File) =>
    upload.mutate(
      { file, kind: item, title: t(`archive.documents.kinds.${item}`) },
      {
        onSuccess: (doc) =>
          setHandover.mutate(
            { item, isDone: true, documentId: doc.id },
            {
              onSuccess: () => message.success(t('archive.documents.uploaded', { name: doc.fileName })),
              onError: (error) => message.error(errorMessage(error, t)),
            },
          ),
        onError: (error) => message.error(errorMessage(error, t)),
      },
    );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={10}>
        <Card
          size="small"
          title={
            <span>
              {t('archive.documents.handoverTitle')}
              <span className="card-count">
                {done}/{handover.length || 6}
              </span>
            </span>
          }
          extra={
            project.data?.isHandoverComplete ? (
              <Tag color="success">{t('archive.documents.complete')}</Tag>
            ) : (
              <Tag color="warning">{t('archive.documents.pendingShort')}</Tag>
            )
          }
        >
          <Typography.Paragraph type="secondary" className="small-text">
            {t('archive.documents.handoverHelp')}
          </Typography.Paragraph>
          <List
            className="handover-list"
            loading={project.isPending}
            dataSource={handover}
            data-testid="handover-list"
            renderItem={(h) => {
              const doc = h.documentId ? byId.get(h.documentId) : undefined;
              return (
                <List.Item
                  data-testid={`handover-${h.item}`}
                  data-done={h.isDone}
                  actions={
                    canManage
                      ? [
                          <Upload
                            key="upload"
                            showUploadList={false}
                            customRequest={({ file }) => {
                              if (file instanceof File) uploadFor(h.item, file);
                            }}
                          >
                            <Button size="small" type="link" icon={<UploadOutlined aria-hidden />}>
                              {t('archive.documents.uploadFile')}
                            </Button>
                          </Upload>,
                          <Checkbox
                            key="done"
                            checked={h.isDone}
                            onChange={(event) =>
                              setHandover.mutate(
                                { item: h.item, isDone: event.target.checked, documentId: h.documentId },
                                { onError: (error) => message.error(errorMessage(error, t)) },
                              )
                            }
                          >
                            {t('archive.documents.done')}
                          </Checkbox>,
                        ]
                      : undefined
                  }
                >
                  <List.Item.Meta
                    avatar={
                      h.isDone ? (
                        <CheckCircleFilled aria-label={t('archive.documents.done')} className="handover-done" />
                      ) : (
                        <ClockCircleOutlined aria-label={t('archive.documents.pendingShort')} className="handover-pending" />
                      )
                    }
                    title={t(`archive.documents.kinds.${h.item}`)}
                    description={
                      doc ? (
                        <a href={documentUrl(customerId, doc.id)} target="_blank" rel="noreferrer">
                          <PaperClipOutlined aria-hidden /> {doc.fileName}
                        </a>
                      ) : (
                        <Typography.Text type="secondary">{t('archive.documents.noFile')}</Typography.Text>
                      )
                    }
                  />
                </List.Item>
              );
            }}
          />
        </Card>
      </Col>
      <Col xs={24} xl={14}>
        <Card size="small" title={t('archive.documents.title')} styles={{ body: { padding: 0 } }}>
          {canManage && (
            <div className="document-upload-bar">
              <Space wrap>
                <Select<DocumentKind>
                  value={kind}
                  onChange={setKind}
                  options={DOCUMENT_KINDS.map((value) => ({ value, label: t(`archive.documents.kinds.${value}`) }))}
                  className="document-kind-select"
                  aria-label={t('archive.documents.kind')}
                />
                <Input
                  value={title}
                  onChange={(event) => setTitle(event.target.value)}
                  placeholder={t('archive.documents.titlePlaceholder')}
                  maxLength={200}
                  className="document-title-input"
                />
                <Checkbox checked={isInternal} onChange={(event) => setInternal(event.target.checked)}>
                  {t('archive.documents.internalOnly')}
                </Checkbox>
                <Upload
                  showUploadList={false}
                  customRequest={({ file, onSuccess, onError }) => {
                    if (!(file instanceof File)) return;
                    upload.mutate(
                      { file, kind, title: title.trim() || undefined, internal: isInternal },
                      {
                        onSuccess: (doc) => {
                          onSuccess?.(doc);
                          setTitle('');
                          message.success(t('archive.documents.uploaded', { name: doc.fileName }));
                        },
                        onError: (error) => {
                          onError?.(error instanceof Error ? error : new Error(String(error)));
                          message.error(errorMessage(error, t));
                        },
                      },
                    );
                  }}
                >
                  <Button type="primary" icon={<UploadOutlined aria-hidden />} loading={upload.isPending} data-testid="document-upload">
                    {t('archive.documents.upload')}
                  </Button>
                </Upload>
              </Space>
            </div>
          )}
          <Table<ArchiveDocument>
            rowKey="id"
            size="small"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={documents.data ?? []}
            data-testid="document-table"
            locale={{ emptyText: <ListEmpty query={documents} description={t('archive.documents.empty')} /> }}
            columns={[
              {
                key: 'name',
                title: t('archive.documents.file'),
                render: (_v, d) => (
                  <Space size={6}>
                    <a href={documentUrl(customerId, d.id)} target="_blank" rel="noreferrer">
                      {d.title ?? d.fileName}
                    </a>
                    {d.isInternal && (
                      <Tag color="gold" icon={<LockOutlined aria-hidden />}>
                        {t('detail.internal')}
                      </Tag>
                    )}
                  </Space>
                ),
              },
              { key: 'kind', title: t('archive.documents.kind'), render: (_v, d) => <Tag>{t(`archive.documents.kinds.${d.kind}`)}</Tag> },
              {
                key: 'size',
                title: t('archive.documents.size'),
                align: 'right',
                render: (_v, d) => <span className="tabular">{formatSize(d.sizeBytes)}</span>,
              },
              { key: 'at', title: t('archive.documents.uploadedAt'), render: (_v, d) => <DateTime value={d.createdAt} short /> },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
