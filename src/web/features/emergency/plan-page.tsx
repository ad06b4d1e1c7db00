import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  Empty,
  Input,
  List,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { TRIGGER_TEXTS, TRIGGERS, VENDOR_DESIGNATIONS, type VendorDesignation } from '../../../domain/emergency/template.ts';
import { DateTime } from '../../components/date-time.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { UserPicker } from '../../components/pickers.tsx';
import { useCan } from '../../components/session.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { type Plan, useCreatePlan, usePlan, usePlanVersions, useSavePlan } from './api.ts';
import { useBilingual } from './incident-labels.tsx';
import './emergency.css';

type Content = Plan['content'];
type VendorMember = Content['vendorTeam'][number];
type HospitalMember = Content['hospitalTeam'][number];
type Department = Content['departments'][number];
type Bilingual = { zh: string; en: string };

/** "中文 | English" per line ⇄ the plan's bilingual items. */
const toLines = (items: Bilingual[]) => items.map((x) => (x.en ? `${x.zh} | ${x.en}` : x.zh)).join('\n');
const fromLines = (text: string): Bilingual[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [zh, ...en] = line.split('|');
      return { zh: zh.trim(), en: en.join('|').trim() };
    });

/** A customer's emergency plan: teams, departments and stages, playbooks and measures; each save is a new version with its reason. */
export function PlanPage() {
  const { id = '' } = useParams<{ id: string }>();
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const plan = usePlan(id);
  const create = useCreatePlan(id);
  if (plan.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (plan.isError) return <Result status="warning" title={t('errors.loadFailed')} subTitle={errorMessage(plan.error, t)} />;
  if (!plan.data) {
    return (
      <div className="page">
        <Breadcrumb
          className="page-breadcrumb"
          items={[{ title: <Link to={`/customers/${id}`}>{t('customers.title')}</Link> }, { title: t('emergency.plan') }]}
        />
        <Card>
          <Empty description={t('emergency.planMissing')}>
            {can('emergency_plan.manage') && (
              <Button
                type="primary"
                loading={create.isPending}
                data-testid="create-plan"
                onClick={() => create.mutate(undefined, { onError: (e) => void message.error(errorMessage(e, t)) })}
              >
                {t('emergency.createPlan')}
              </Button>
            )}
          </Empty>
        </Card>
      </div>
    );
  }
  return <PlanEditor key={plan.data.version} plan={plan.data} />;
}

function PlanEditor({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const can = useCan();
  /** A text field of a row, e.g. a phone number. */
  const textField = <Row extends object, K extends keyof Row & string>(key: K, title: string, width: number): RowField<Row> => ({
    key,
    title,
    input: (row, update) => (
      <Input
        disabled={!mayEdit}
        style={{ width }}
        value={String(row[key] ?? '')}
        onChange={(e) => update({ [key]: e.target.value } as Partial<Row>)}
      />
    ),
  });
  /** Leader / deputy / member (001 2.2), for either team. */
  const designationField = <Row extends object>(
    title: string,
    read: (row: Row) => VendorDesignation,
    write: (value: VendorDesignation) => Partial<Row>,
  ): RowField<Row> => ({
    key: 'designation',
    title,
    input: (row, update) => (
      <Select
        disabled={!mayEdit}
        style={{ width: 110 }}
        value={read(row)}
        options={VENDOR_DESIGNATIONS.map((d) => ({ value: d, label: t(`emergency.designations.${d}`) }))}
        onChange={(v) => update(write(v))}
      />
    ),
  });
  const { message } = App.useApp();
  const bilingual = useBilingual();
  const save = useSavePlan(plan.customerId);
  const mayEdit = can('emergency_plan.manage');
  const [content, setContent] = useState<Content>(plan.content);
  const [playbooks, setPlaybooks] = useState<Record<string, string>>(() =>
    Object.fromEntries(TRIGGERS.map((n) => [n, toLines(plan.content.playbooks[n])])),
  );
  const [measures, setMeasures] = useState({
    critical: toLines(plan.content.measures.critical),
    urgent: toLines(plan.content.measures.urgent),
  });
  const [reason, setReason] = useState('');
  const set = <K extends keyof Content>(key: K, value: Content[K]) => setContent({ ...content, [key]: value });

  const onSave = () => {
    if (!reason.trim()) {
      void message.warning(t('emergency.reasonRequired'));
      return;
    }
    const next: Content = {
      ...content,
      playbooks: Object.fromEntries(TRIGGERS.map((n) => [n, fromLines(playbooks[n])])) as Content['playbooks'],
      measures: { critical: fromLines(measures.critical), urgent: fromLines(measures.urgent) },
    };
    save.mutate(
      { content: next, reason: reason.trim() },
      {
        onSuccess: () => void message.success(t('emergency.version', { version: plan.version + 1 })),
        onError: (e) => void message.error(errorMessage(e, t)),
      },
    );
  };

  return (
    <div className="page plan-editor" data-testid="plan-page">
      <Breadcrumb
        className="page-breadcrumb"
        items={[{ title: <Link to={`/customers/${plan.customerId}`}>{plan.customerName}</Link> }, { title: t('emergency.plan') }]}
      />
      <PageHeader
        title={t('emergency.planOf', { name: plan.customerName })}
        subtitle={t('emergency.version', { version: plan.version })}
        testId="plan-title"
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <RowsCard<VendorMember>
            title={t('emergency.vendorTeam')}
            testId="plan-vendor-team"
            rows={content.vendorTeam}
            mayEdit={mayEdit}
            onChange={(rows) => set('vendorTeam', rows)}
            fields={[
              {
                key: 'user',
                title: t('emergency.name'),
                input: (m, update) => (
                  <UserPicker
                    disabled={!mayEdit}
                    style={{ width: 160 }}
                    value={m.userId}
                    onChange={(v) => update({ userId: v ?? m.userId })}
                  />
                ),
              },
              designationField(
                t('emergency.role'),
                (m) => m.designation,
                (designation) => ({ designation }),
              ),
              textField('phone', t('emergency.phone'), 140),
            ]}
            add={
              <VendorAdd
                onAdd={(userId) =>
                  !content.vendorTeam.some((m) => m.userId === userId) &&
                  set('vendorTeam', [...content.vendorTeam, { userId, designation: 'member', phone: '' }])
                }
              />
            }
          />
          <RowsCard<HospitalMember>
            title={t('emergency.hospitalTeam')}
            testId="plan-hospital-team"
            rows={content.hospitalTeam}
            mayEdit={mayEdit}
            onChange={(rows) => set('hospitalTeam', rows)}
            fields={[
              textField('name', t('emergency.name'), 130),
              textField('title', t('emergency.titleField'), 130),
              textField('phone', t('emergency.phone'), 130),
              designationField(
                t('emergency.role'),
                (m) => m.role,
                (role) => ({ role }),
              ),
            ]}
            add={
              <AddButton
                label={t('emergency.addMember')}
                onClick={() => set('hospitalTeam', [...content.hospitalTeam, { name: '', role: 'member', title: '', phone: '' }])}
              />
            }
          />
          <RowsCard<Department>
            title={t('emergency.departments')}
            testId="plan-departments"
            rows={content.departments}
            mayEdit={mayEdit}
            onChange={(rows) => set('departments', rows)}
            fields={[
              {
                key: 'name',
                title: t('emergency.department'),
                // A renamed default department becomes the hospital's own: it loses its stable key (and shows as typed).
                input: (d, update) => (
                  <Input
                    disabled={!mayEdit}
                    style={{ width: 130 }}
                    value={d.name}
                    onChange={(e) => update({ name: e.target.value, key: undefined })}
                  />
                ),
              },
              textField('nameEn', t('emergency.nameEn'), 170),
              {
                key: 'stage',
                title: t('emergency.stage'),
                input: (d, update) => (
                  <Select
                    disabled={!mayEdit}
                    style={{ width: 110 }}
                    value={d.stage}
                    options={(['15m', '3h'] as const).map((stage) => ({ value: stage, label: t(`emergency.stageNames.${stage}`) }))}
                    onChange={(stage) => update({ stage })}
                  />
                ),
              },
            ]}
            add={
              <AddButton
                label={t('emergency.addDepartment')}
                onClick={() => set('departments', [...content.departments, { name: '', nameEn: '', stage: '3h' }])}
              />
            }
          />
          <Card size="small" title={t('emergency.duties')}>
            <List size="small" dataSource={content.duties} renderItem={(d, i) => <List.Item>{`${i + 1}. ${bilingual(d)}`}</List.Item>} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('emergency.playbook')}>
            {TRIGGERS.map((n) => (
              <div key={n} style={{ marginBottom: 12 }}>
                <Typography.Text strong>{`(${n}) ${bilingual(TRIGGER_TEXTS[n])}`}</Typography.Text>
                <Input.TextArea
                  disabled={!mayEdit}
                  autoSize={{ minRows: 2, maxRows: 8 }}
                  value={playbooks[n]}
                  onChange={(e) => setPlaybooks({ ...playbooks, [n]: e.target.value })}
                />
              </div>
            ))}
          </Card>
          <Card size="small" title={t('emergency.measures')} style={{ marginTop: 16 }}>
            {(['critical', 'urgent'] as const).map((level) => (
              <div key={level} style={{ marginBottom: 12 }}>
                <Typography.Text strong>{t(`emergency.measureLevels.${level}`)}</Typography.Text>
                <Input.TextArea
                  disabled={!mayEdit}
                  autoSize={{ minRows: 3, maxRows: 10 }}
                  value={measures[level]}
                  onChange={(e) => setMeasures({ ...measures, [level]: e.target.value })}
                />
              </div>
            ))}
          </Card>
          {mayEdit && (
            <Card size="small" style={{ marginTop: 16 }}>
              <Space.Compact style={{ width: '100%' }}>
                <Input
                  placeholder={t('emergency.reason')}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  maxLength={500}
                  data-testid="plan-reason"
                />
                <Button type="primary" loading={save.isPending} onClick={onSave} data-testid="plan-save">
                  {t('emergency.savePlan')}
                </Button>
              </Space.Compact>
            </Card>
          )}
          <Versions customerId={plan.customerId} />
        </Col>
      </Row>
    </div>
  );
}

type RowField<Row> = {
  key: string;
  title: string;
  /** The cell's editor; `update` merges a change into this row. */
  input: (row: Row, update: (patch: Partial<Row>) => void) => ReactNode;
};

/**
 * One editable table of the plan (the vendor team, the hospital team, the departments): a column per field, a
 * remove button per row and an add control under it when the user may edit.
 */
function RowsCard<Row extends object>({
  title,
  testId,
  rows,
  fields,
  mayEdit,
  onChange,
  add,
}: {
  title: string;
  testId: string;
  rows: Row[];
  fields: RowField<Row>[];
  mayEdit: boolean;
  onChange: (rows: Row[]) => void;
  add: ReactNode;
}) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Row> = [
    ...fields.map((field) => ({
      key: field.key,
      title: field.title,
      render: (_v: unknown, row: Row, i: number) =>
        field.input(row, (patch) => onChange(rows.map((x, j) => (j === i ? { ...x, ...patch } : x)))),
    })),
    {
      key: 'remove',
      render: (_v: unknown, _row: Row, i: number) =>
        mayEdit && (
          <Button
            type="text"
            icon={<DeleteOutlined aria-hidden />}
            aria-label={t('common.close')}
            onClick={() => onChange(rows.filter((_x, j) => j !== i))}
          />
        ),
    },
  ];
  return (
    <Card size="small" title={title} className="plan-rows-card">
      <Table<Row>
        rowKey={(_row, i) => String(i)}
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        data-testid={testId}
        columns={columns}
      />
      {mayEdit && add}
    </Card>
  );
}

function AddButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Button icon={<PlusOutlined aria-hidden />} style={{ marginTop: 8 }} onClick={onClick}>
      {label}
    </Button>
  );
}

function VendorAdd({ onAdd }: { onAdd: (userId: string) => void }) {
  const { t } = useTranslation();
  return (
    <Space style={{ marginTop: 8 }}>
      <PlusOutlined aria-hidden />
      <UserPicker style={{ width: 200 }} placeholder={t('emergency.addMember')} value={null} onChange={(v) => v && onAdd(v)} />
    </Space>
  );
}

function Versions({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const versions = usePlanVersions(customerId);
  return (
    <Card size="small" title={t('emergency.versions')} style={{ marginTop: 16 }}>
      <List
        size="small"
        loading={versions.isPending}
        dataSource={versions.data?.items ?? []}
        data-testid="plan-versions"
        renderItem={(v) => (
          <List.Item>
            <Space wrap>
              <strong>{t('emergency.version', { version: v.version })}</strong>
              <DateTime value={v.changedAt} short />
              <span>{v.changedBy.name}</span>
              <Typography.Text type="secondary">{v.reason}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
