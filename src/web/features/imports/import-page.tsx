import { ArrowLeftOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Radio, Result, Table, Tag, Typography, Upload } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { IMPORT_KINDS, type ImportColumn, type ImportKind, MAX_IMPORT_ROWS } from '../../../domain/imports/import-rows.ts';
import { isApiError } from '../../api/client.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useVocab } from '../../components/vocab.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { type ImportPreview, type ImportRowError, useImportCommit, useImportPreview } from './api.ts';
import { rowReason } from './row-reasons.ts';
import { chineseHeader, columnsOf, downloadTemplate, otherHeaders } from './template.ts';
import './imports.css';

const isKind = (value: string | null): value is ImportKind => IMPORT_KINDS.includes(value as ImportKind);

/** Title and sentence for a failed upload: the server's 413/415 in plain words. */
function uploadFailure(error: unknown, t: TFunction): { title: string; description: string } {
  if (isApiError(error, 'payload_too_large'))
    return { title: t('imports.failure.tooLargeTitle'), description: t('imports.failure.tooLarge') };
  if (isApiError(error, 'unsupported_media_type'))
    return { title: t('imports.failure.wrongFileTitle'), description: t('imports.failure.wrongFile') };
  if (isApiError(error, 'forbidden')) return { title: t('imports.failure.title'), description: t('errors.forbidden') };
  return { title: t('imports.failure.title'), description: errorMessage(error, t) };
}

export function ImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const requested = params.get('kind');
  const kind: ImportKind = isKind(requested) ? requested : 'customers';
  const [file, setFile] = useState<File | null>(null);
  // The column reference is open until a file is chosen, so the preview is in view; the user may reopen it.
  const [columnsOpen, setColumnsOpen] = useState<boolean | null>(null);
  const showColumns = columnsOpen ?? !file;
  const preview = useImportPreview();
  const commit = useImportCommit();

  const read = (nextKind: ImportKind, nextFile: File) => {
    commit.reset();
    preview.mutate({ kind: nextKind, file: nextFile });
  };

  const chooseKind = (next: ImportKind) => {
    setParams(next === 'customers' ? {} : { kind: next }, { replace: true });
    if (file) read(next, file);
  };

  const startOver = () => {
    setFile(null);
    setColumnsOpen(null);
    preview.reset();
    commit.reset();
  };

  const runCommit = (data: ImportPreview) => {
    if (!file) return;
    commit.mutate(
      { kind, file, token: data.token },
      {
        onError: (error) => {
          // The archive changed since the preview (a name taken meanwhile) or the file did: read it again.
          if (isApiError(error, 'import_invalid') || isApiError(error, 'conflict')) {
            message.error(t('imports.failure.changed'));
            read(kind, file);
          }
        },
      },
    );
  };

  return (
    <div className="page page-narrow import-page">
      <Link to="/customers" className="page-breadcrumb" data-testid="import-back">
        <ArrowLeftOutlined aria-hidden /> {t('imports.back')}
      </Link>
      <PageHeader title={t('imports.title')} subtitle={t('imports.subtitle')} testId="import-title" />

      {commit.data ? (
        <Card>
          <Result
            status="success"
            title={t('imports.done.title')}
            subTitle={
              <span data-testid="import-done">
                {t('imports.done.body', {
                  created: commit.data.created,
                  rows: commit.data.rows,
                  kind: t(`imports.kinds.${commit.data.kind}`),
                })}
              </span>
            }
            extra={[
              <Button key="customers" type="primary" onClick={() => navigate('/customers')} data-testid="import-done-customers">
                {t('imports.done.toCustomers')}
              </Button>,
              <Button key="again" onClick={startOver} data-testid="import-again">
                {t('imports.done.again')}
              </Button>,
            ]}
          />
        </Card>
      ) : (
        <>
          <Card title={<StepTitle n={1} text={t('imports.step.kind')} />} className="import-card">
            <div className="import-kind-bar">
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                value={kind}
                onChange={(event) => chooseKind(event.target.value as ImportKind)}
                data-testid="import-kind"
              >
                {IMPORT_KINDS.map((value) => (
                  <Radio.Button key={value} value={value} data-testid={`import-kind-${value}`}>
                    {t(`imports.kinds.${value}`)}
                  </Radio.Button>
                ))}
              </Radio.Group>
              <span className="import-kind-actions">
                <Button type="link" onClick={() => setColumnsOpen(!showColumns)} data-testid="import-columns-toggle">
                  {showColumns ? t('imports.columns.hide') : t('imports.columns.show')}
                </Button>
                <Button
                  icon={<DownloadOutlined aria-hidden />}
                  onClick={() => downloadTemplate(kind, t('imports.templateFile', { kind: t(`imports.kinds.${kind}`) }))}
                  data-testid="import-template"
                >
                  {t('imports.template')}
                </Button>
              </span>
            </div>
            <Typography.Paragraph type="secondary" className="import-kind-help">
              {t(`imports.kindHelp.${kind}`)}
            </Typography.Paragraph>
            {showColumns && <ColumnsTable kind={kind} />}
          </Card>

          <Card title={<StepTitle n={2} text={t('imports.step.file')} />} className="import-card">
            <div data-testid="import-upload">
              <Upload.Dragger
                accept=".csv,.xlsx"
                multiple={false}
                showUploadList={false}
                beforeUpload={(picked) => {
                  setFile(picked);
                  read(kind, picked);
                  return false;
                }}
                disabled={preview.isPending || commit.isPending}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined aria-hidden />
                </p>
                <p className="ant-upload-text">{file ? t('imports.dragger.replace', { name: file.name }) : t('imports.dragger.text')}</p>
                <p className="ant-upload-hint">{t('imports.dragger.hint', { max: MAX_IMPORT_ROWS })}</p>
              </Upload.Dragger>
            </div>
          </Card>

          {file && (
            <Card
              title={<StepTitle n={3} text={t('imports.step.preview')} />}
              className="import-card"
              loading={preview.isPending}
              data-testid="import-preview"
            >
              {preview.isError ? (
                <Alert type="error" showIcon data-testid="import-failure" {...messageOf(uploadFailure(preview.error, t))} />
              ) : preview.data ? (
                <PreviewBody
                  data={preview.data}
                  fileName={file.name}
                  committing={commit.isPending}
                  commitError={
                    commit.isError && !isApiError(commit.error, 'import_invalid') && !isApiError(commit.error, 'conflict')
                      ? commit.error
                      : null
                  }
                  onCommit={() => runCommit(preview.data)}
                />
              ) : null}
            </Card>
          )}
        </>
      )}
    </div>
  );
}

const messageOf = ({ title, description }: { title: string; description: string }) => ({ title, description });

function StepTitle({ n, text }: { n: number; text: string }) {
  return (
    <span className="import-step">
      <span className="import-step-number">{n}</span>
      {text}
    </span>
  );
}

/** The columns of a kind: the template's Chinese header, the other headers accepted, and what to write. */
function ColumnsTable({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation();
  return (
    <Table<ImportColumn>
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={columnsOf(kind)}
      data-testid="import-columns"
      columns={[
        {
          key: 'header',
          title: t('imports.columns.header'),
          width: 190,
          render: (_v, column) => (
            <span className="import-header-cell">
              <Typography.Text strong>{chineseHeader(column)}</Typography.Text>
              {column.required && <Tag color="red">{t('imports.columns.required')}</Tag>}
            </span>
          ),
        },
        {
          key: 'aliases',
          title: t('imports.columns.aliases'),
          render: (_v, column) => (
            <span className="import-aliases">
              {otherHeaders(column).map((alias) => (
                <Tag key={alias} bordered={false}>
                  {alias}
                </Tag>
              ))}
            </span>
          ),
        },
        {
          key: 'hint',
          title: t('imports.columns.hint'),
          width: 340,
          render: (_v, column) => (
            <Typography.Text type="secondary">
              {t(`imports.hints.${kind}.${column.field}` as 'imports.hints.customers.name', { defaultValue: '' })}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}

function PreviewBody({
  data,
  fileName,
  committing,
  commitError,
  onCommit,
}: {
  data: ImportPreview;
  fileName: string;
  committing: boolean;
  commitError: unknown;
  onCommit: () => void;
}) {
  const { t } = useTranslation();
  const badRows = new Set(data.errors.filter((e) => e.row > 1).map((e) => e.row)).size;
  const blocked = data.errors.length > 0 || data.valid === 0;
  return (
    <div className="import-preview">
      <div className="import-file-line">
        <Typography.Text strong>{fileName}</Typography.Text>
        <Tag>{data.format.toUpperCase()}</Tag>
        <Typography.Text type="secondary">{t(`imports.kinds.${data.kind}`)}</Typography.Text>
      </div>
      <div className="import-counts">
        <Count label={t('imports.counts.rows')} value={data.rows} testId="import-count-rows" />
        <Count label={t('imports.counts.valid')} value={data.valid} tone="good" testId="import-count-valid" />
        <Count label={t('imports.counts.bad')} value={badRows} tone={badRows > 0 ? 'bad' : undefined} testId="import-count-bad" />
      </div>
      {data.ignoredColumns.length > 0 && (
        <Alert
          type="info"
          showIcon
          data-testid="import-ignored"
          title={t('imports.ignored', { columns: data.ignoredColumns.join(t('common.listSeparator')) })}
        />
      )}
      {data.errors.length > 0 ? (
        <>
          <Alert
            type="error"
            showIcon
            data-testid="import-errors-summary"
            title={t('imports.errorsSummary', { count: data.errors.length })}
            description={t('imports.errorsHelp')}
          />
          <ErrorsTable errors={data.errors} />
        </>
      ) : (
        data.valid > 0 && (
          <Alert type="success" showIcon data-testid="import-all-good" title={t('imports.allGood', { count: data.valid })} />
        )
      )}
      {data.sample.length > 0 && <SampleTable data={data} />}
      {commitError ? <Alert type="error" showIcon title={t('imports.failure.commit')} description={errorMessage(commitError, t)} /> : null}
      <div className="import-actions">
        {blocked && (
          <Typography.Text type="secondary" data-testid="import-commit-blocked">
            {data.errors.length > 0 ? t('imports.blocked', { count: data.errors.length }) : t('imports.nothing')}
          </Typography.Text>
        )}
        <Button type="primary" disabled={blocked} loading={committing} onClick={onCommit} data-testid="import-commit">
          {t('imports.commit', { count: data.valid })}
        </Button>
      </div>
    </div>
  );
}

function Count({ label, value, tone, testId }: { label: string; value: number; tone?: 'good' | 'bad'; testId: string }) {
  return (
    <div className={`import-count${tone ? ` import-count-${tone}` : ''}`}>
      <div className="import-count-value tabular" data-testid={testId}>
        {value}
      </div>
      <div className="import-count-label">{label}</div>
    </div>
  );
}

function ErrorsTable({ errors }: { errors: ImportRowError[] }) {
  const { t } = useTranslation();
  return (
    <Table<ImportRowError & { key: number }>
      size="small"
      data-testid="import-errors"
      dataSource={errors.map((error, index) => ({ ...error, key: index }))}
      pagination={errors.length > 10 ? { pageSize: 10, showSizeChanger: false, size: 'small' } : false}
      columns={[
        {
          key: 'row',
          title: t('imports.errorColumns.row'),
          width: 110,
          render: (_v, error) => <span className="tabular">{t('imports.rowNumber', { row: error.row })}</span>,
        },
        {
          key: 'column',
          title: t('imports.errorColumns.column'),
          width: 180,
          render: (_v, error) => error.column ?? t('common.none'),
        },
        { key: 'reason', title: t('imports.errorColumns.reason'), render: (_v, error) => rowReason(error, t) },
      ]}
    />
  );
}

function SampleTable({ data }: { data: ImportPreview }) {
  const { t } = useTranslation();
  const { label } = useVocab();
  const format = (field: string, value: string | number | boolean | null | undefined): string => {
    if (value === null || value === undefined || value === '') return t('common.none');
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (field === 'kind' && data.kind === 'customers') return label('customerKind', String(value));
    if (field === 'distanceClass') return label('distanceClass', String(value));
    if (field === 'role') return label('contactRole', String(value));
    if (field === 'acceptanceState')
      return t(`archive.modules.states.${value}` as 'archive.modules.states.accepted', { defaultValue: String(value) });
    return String(value);
  };
  return (
    <div className="import-sample">
      <Typography.Text strong className="import-section-title">
        {t('imports.sampleTitle', { count: data.sample.length })}
      </Typography.Text>
      <Table
        size="small"
        rowKey="row"
        data-testid="import-sample"
        dataSource={data.sample}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            key: 'row',
            title: t('imports.errorColumns.row'),
            width: 90,
            render: (_v, sample) => <span className="tabular">{t('imports.rowNumber', { row: sample.row })}</span>,
          },
          ...columnsOf(data.kind).map((column) => ({
            key: column.field,
            title: t(`imports.fields.${column.field}` as 'imports.fields.name'),
            render: (_v: unknown, sample: ImportPreview['sample'][number]) => format(column.field, sample.values[column.field]),
          })),
        ]}
      />
    </div>
  );
}
