import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Col, Empty, Input, List, Result, Row, Select, Skeleton, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { TRIGGER_TEXTS, TRIGGERS, VENDOR_DESIGNATIONS } from '../../../domain/emergency/template.ts';
import { DateTime } from '../../components/date-time.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { UserPicker } from '../../components/pickers.tsx';
import { useCan } from '../../components/session.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { type Plan, useCreatePlan, usePlan, usePlanVersions, useSavePlan } from './api.ts';
import { useBilingual } from './components.tsx';
import './emergency.css';

type Content = Plan['content'];
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
          <Card size="small" title={t('emergency.vendorTeam')}>
            <Table
              rowKey={(_m, i) => String(i)}
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={content.vendorTeam}
              columns={[
                {
                  key: 'user',
                  title: t('emergency.name'),
                  render: (_v, m, i) => (
                    <UserPicker
                      disabled={!mayEdit}
                      style={{ width: 160 }}
                      value={m.userId}
                      onChange={(v) =>
                        set(
                          'vendorTeam',
                          content.vendorTeam.map((x, j) => (j === i ? { ...x, userId: v ?? x.userId } : x)),
                        )
                      }
                    />
                  ),
                },
                {
                  key: 'designation',
                  title: t('emergency.role'),
                  render: (_v, m, i) => (
                    <Select
                      disabled={!mayEdit}
                      style={{ width: 110 }}
                      value={m.designation}
                      options={VENDOR_DESIGNATIONS.map((d) => ({ value: d, label: t(`emergency.designations.${d}`) }))}
                      onChange={(v) =>
                        set(
                          'vendorTeam',
                          content.vendorTeam.map((x, j) => (j === i ? { ...x, designation: v } : x)),
                        )
                      }
                    />
                  ),
                },
                {
                  key: 'phone',
                  title: t('emergency.phone'),
                  render: (_v, m, i) => (
                    <Input
                      disabled={!mayEdit}
                      style={{ width: 140 }}
                      value={m.phone}
                      onChange={(e) =>
                        set(
                          'vendorTeam',
                          content.vendorTeam.map((x, j) => (j === i ? { ...x, phone: e.target.value } : x)),
                        )
                      }
                    />
                  ),
                },
                {
                  key: 'remove',
                  render: (_v, _m, i) =>
                    mayEdit && (
                      <Button
                        type="text"
                        icon={<DeleteOutlined aria-hidden />}
                        aria-label={t('common.close')}
                        onClick={() =>
                          set(
                            'vendorTeam',
                            content.vendorTeam.filter((_x, j) => j !== i),
                          )
                        }
                      />
                    ),
                },
              ]}
            />
            {mayEdit && (
              <VendorAdd
                onAdd={(userId) =>
                  !content.vendorTeam.some((m) => m.userId === userId) &&
                  set('vendorTeam', [...content.vendorTeam, { userId, designation: 'member', phone: '' }])
                }
              />
            )}
          </Card>
          <Card size="small" title={t('emergency.hospitalTeam')} style={{ marginTop: 16 }}>
            <Table
              rowKey={(_m, i) => String(i)}
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={content.hospitalTeam}
              columns={[
                ...(['name', 'title', 'phone'] as const).map((field) => ({
                  key: field,
                  title: t(field === 'title' ? 'emergency.titleField' : field === 'name' ? 'emergency.name' : 'emergency.phone'),
                  render: (_v: unknown, m: Content['hospitalTeam'][number], i: number) => (
                    <Input
                      disabled={!mayEdit}
                      style={{ width: 130 }}
                      value={m[field]}
                      onChange={(e) =>
                        set(
                          'hospitalTeam',
                          content.hospitalTeam.map((x, j) => (j === i ? { ...x, [field]: e.target.value } : x)),
                        )
                      }
                    />
                  ),
                })),
                {
                  key: 'role',
                  title: t('emergency.role'),
                  render: (_v, m, i) => (
                    <Select
                      disabled={!mayEdit}
                      style={{ width: 100 }}
                      value={m.role}
                      options={VENDOR_DESIGNATIONS.map((d) => ({ value: d, label: t(`emergency.designations.${d}`) }))}
                      onChange={(v) =>
                        set(
                          'hospitalTeam',
                          content.hospitalTeam.map((x, j) => (j === i ? { ...x, role: v } : x)),
                        )
                      }
                    />
                  ),
                },
                {
                  key: 'remove',
                  render: (_v, _m, i) =>
                    mayEdit && (
                      <Button
                        type="text"
                        icon={<DeleteOutlined aria-hidden />}
                        aria-label={t('common.close')}
                        onClick={() =>
                          set(
                            'hospitalTeam',
                            content.hospitalTeam.filter((_x, j) => j !== i),
                          )
                        }
                      />
                    ),
                },
              ]}
            />
            {mayEdit && (
              <Button
                icon={<PlusOutlined aria-hidden />}
                style={{ marginTop: 8 }}
                onClick={() => set('hospitalTeam', [...content.hospitalTeam, { name: '', role: 'member', title: '', phone: '' }])}
              >
                {t('emergency.addMember')}
              </Button>
            )}
          </Card>
          <Card size="small" title={t('emergency.departments')} style={{ marginTop: 16 }}>
            <Table
              rowKey={(_d, i) => String(i)}
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={content.departments}
              data-testid="plan-departments"
              columns={[
                {
                  key: 'name',
                  title: t('emergency.department'),
                  render: (_v, d, i) => (
                    <Input
                      disabled={!mayEdit}
                      style={{ width: 130 }}
                      value={d.name}
                      onChange={(e) =>
                        set(
                          'departments',
                          content.departments.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)),
                        )
                      }
                    />
                  ),
                },
                {
                  key: 'nameEn',
                  title: t('emergency.nameEn'),
                  render: (_v, d, i) => (
                    <Input
                      disabled={!mayEdit}
                      style={{ width: 170 }}
                      value={d.nameEn}
                      onChange={(e) =>
                        set(
                          'departments',
                          content.departments.map((x, j) => (j === i ? { ...x, nameEn: e.target.value } : x)),
                        )
                      }
                    />
                  ),
                },
                {
                  key: 'stage',
                  title: t('emergency.stage'),
                  render: (_v, d, i) => (
                    <Select
                      disabled={!mayEdit}
                      style={{ width: 110 }}
                      value={d.stage}
                      options={(['15m', '3h'] as const).map((s) => ({ value: s, label: t(`emergency.stageNames.${s}`) }))}
                      onChange={(v) =>
                        set(
                          'departments',
                          content.departments.map((x, j) => (j === i ? { ...x, stage: v } : x)),
                        )
                      }
                    />
                  ),
                },
                {
                  key: 'remove',
                  render: (_v, _d, i) =>
                    mayEdit && (
                      <Button
                        type="text"
                        icon={<DeleteOutlined aria-hidden />}
                        aria-label={t('common.close')}
                        onClick={() =>
                          set(
                            'departments',
                            content.departments.filter((_x, j) => j !== i),
                          )
                        }
                      />
                    ),
                },
              ]}
            />
            {mayEdit && (
              <Button
                icon={<PlusOutlined aria-hidden />}
                style={{ marginTop: 8 }}
                onClick={() => set('departments', [...content.departments, { name: '', nameEn: '', stage: '3h' }])}
              >
                {t('emergency.addDepartment')}
              </Button>
            )}
          </Card>
          <Card size="small" title={t('emergency.duties')} style={{ marginTop: 16 }}>
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
