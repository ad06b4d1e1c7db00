import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Drawer, Input, InputNumber, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DistanceRule, ON_SITE_STARTS, type OnSiteStart } from '../../../domain/sla/on-site.ts';
import { DISTANCE_CLASSES, type EscalationLadder, type PolicyTargets, SLA_METRICS } from '../../../domain/sla.ts';
import { CONTENT_CATEGORIES, CUSTOMER_KINDS, SERVICE_CLASSES, SEVERITIES, type Severity } from '../../../domain/vocabulary.ts';
import { CreatePolicyBody } from '../../../server/features/sla/sla.schema.ts';
import type { SlaPolicy } from '../../api/types.ts';
import { DateTime } from '../../components/date-time.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { CustomerPicker } from '../../components/pickers.tsx';
import { useCan } from '../../components/session.tsx';
import { SeverityTag, useVocab } from '../../components/vocab.tsx';
import { calendarName, policyName } from '../../lib/builtin-names.ts';
import { errorMessage } from '../../lib/errors.ts';
import { issueMessage } from '../../lib/schema-form.ts';
import { formatBusinessDuration } from '../../lib/sla.ts';
import { withTestId } from '../../lib/test-id.ts';
import { useCalendars } from '../calendars/api.ts';
import { useCustomer } from '../customers/api.ts';
import { type CreatePolicyInput, useCreatePolicy, usePolicies, useUpdatePolicy } from './api.ts';

type PolicyDraft = {
  name: string;
  priority: number;
  customerId: string | null;
  contentCategory: (typeof CONTENT_CATEGORIES)[number] | null;
  tier: string | null;
  customerKind: (typeof CUSTOMER_KINDS)[number] | null;
  serviceClass: (typeof SERVICE_CLASSES)[number] | null;
  isActive: boolean;
  targets: PolicyTargets;
  pausedMetrics: (typeof SLA_METRICS)[number][];
  warnPercent: number;
  escalationLadder: EscalationLadder;
  onSiteStart: OnSiteStart;
  onSiteRules: DistanceRule[];
};

function draftOf(policy: SlaPolicy): PolicyDraft {
  return {
    name: policy.name,
    priority: policy.priority,
    customerId: policy.customerId,
    contentCategory: policy.contentCategory,
    tier: policy.tier,
    customerKind: policy.customerKind,
    serviceClass: policy.serviceClass,
    isActive: policy.isActive,
    targets: structuredClone(policy.targets),
    pausedMetrics: [...policy.pausedMetrics],
    warnPercent: policy.warnPercent,
    escalationLadder: { ...policy.escalationLadder },
    onSiteStart: policy.onSiteStart,
    onSiteRules: structuredClone(policy.onSiteRules),
  };
}

/** Provinces or cities with their own on-site class or hours (002: 北京及周边城市特殊处理), consulted first. */
function DistanceRulesEditor({
  rules,
  readOnly,
  onChange,
}: {
  rules: DistanceRule[];
  readOnly: boolean;
  onChange: (rules: DistanceRule[]) => void;
}) {
  const { t } = useTranslation();
  const { label } = useVocab();
  const set = (i: number, rule: DistanceRule) => onChange(rules.map((r, n) => (n === i ? rule : r)));
  return (
    <Space orientation="vertical" className="full-width" data-testid="policy-distance-rules">
      {rules.map((rule, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own; edits keep their position
        <Space key={i} wrap size={4}>
          <Input
            value={rule.province}
            placeholder={t('policies.province')}
            aria-label={t('policies.province')}
            onChange={(e) => set(i, { ...rule, province: e.target.value })}
            disabled={readOnly}
            className="policy-rule-place"
          />
          <Input
            value={rule.city ?? ''}
            placeholder={t('policies.cityOptional')}
            aria-label={t('policies.cityOptional')}
            onChange={(e) => set(i, { ...rule, city: e.target.value || null })}
            disabled={readOnly}
            className="policy-rule-place"
          />
          <Select
            value={'hours' in rule ? 'hours' : rule.distance}
            aria-label={t('policies.ruleKind')}
            options={[
              ...DISTANCE_CLASSES.map((d) => ({ value: d, label: label('distanceClass', d) })),
              { value: 'hours', label: t('policies.explicitHours') },
            ]}
            onChange={(v: (typeof DISTANCE_CLASSES)[number] | 'hours') =>
              set(
                i,
                v === 'hours'
                  ? { province: rule.province, city: rule.city, hours: 4 }
                  : { province: rule.province, city: rule.city, distance: v },
              )
            }
            disabled={readOnly}
            className="policy-rule-kind"
          />
          {'hours' in rule && (
            <InputNumber
              min={0.5}
              max={720}
              value={rule.hours}
              suffix={t('policies.hoursSuffix')}
              aria-label={t('policies.explicitHours')}
              onChange={(n) => set(i, { ...rule, hours: typeof n === 'number' ? n : 4 })}
              disabled={readOnly}
            />
          )}
          {!readOnly && (
            <Button
              icon={<DeleteOutlined aria-hidden />}
              aria-label={t('policies.removeRule')}
              onClick={() => onChange(rules.filter((_, n) => n !== i))}
            />
          )}
        </Space>
      ))}
      {!readOnly && (
        <Button
          size="small"
          icon={<PlusOutlined aria-hidden />}
          onClick={() => onChange([...rules, { province: '', distance: 'same_city' }])}
        >
          {t('policies.addRule')}
        </Button>
      )}
    </Space>
  );
}

const LADDER_RUNGS = ['senior_engineer', 'product_manager', 'rnd'] as const satisfies readonly (keyof EscalationLadder)[];

/** The escalation ladder's schedule: business hours to each rung after the previous step (the first breach for the first). */
function LadderEditor({
  ladder,
  readOnly,
  onChange,
}: {
  ladder: EscalationLadder;
  readOnly: boolean;
  onChange: (ladder: EscalationLadder) => void;
}) {
  const { t } = useTranslation();
  const { label } = useVocab();
  return (
    <div className="policy-ladder" data-testid="policy-ladder">
      {LADDER_RUNGS.map((rung, index) => (
        <div key={rung} className="policy-distance">
          <span className="policy-distance-label">{label('escalationLevelFull', rung)}</span>
          <InputNumber
            min={0}
            max={720}
            step={0.5}
            value={ladder[rung]}
            onChange={(n) => onChange({ ...ladder, [rung]: typeof n === 'number' ? n : 0 })}
            suffix={t('policies.ladderHoursUnit')}
            disabled={readOnly}
            className="policy-minutes"
            aria-label={label('escalationLevelFull', rung)}
            data-testid={`policy-ladder-${rung}`}
          />
          <span className="policy-human">{index === 0 ? t('policies.ladderAfterBreach') : t('policies.ladderAfterPrevious')}</span>
        </div>
      ))}
    </div>
  );
}

function CustomerName({ id }: { id: string }) {
  const customer = useCustomer(id);
  return <span>{customer.data?.name ?? '…'}</span>;
}

/** "客户：…；服务内容：…" or "所有请求". */
function AppliesTo({ policy }: { policy: SlaPolicy }) {
  const { t } = useTranslation();
  const { label } = useVocab();
  const parts = [];
  if (policy.customerId)
    parts.push(
      <Tag key="customer">
        {t('policies.selectorLabel', { field: t('policies.customer') })}
        <CustomerName id={policy.customerId} />
      </Tag>,
    );
  if (policy.contentCategory)
    parts.push(
      <Tag key="category">
        {t('policies.selectorLabel', { field: t('policies.contentCategory') })}
        {label('contentCategory', policy.contentCategory)}
      </Tag>,
    );
  if (policy.tier)
    parts.push(
      <Tag key="tier">
        {t('policies.selectorLabel', { field: t('policies.tier') })}
        {policy.tier}
      </Tag>,
    );
  if (policy.customerKind)
    parts.push(
      <Tag key="kind">
        {t('policies.selectorLabel', { field: t('policies.customerKind') })}
        {label('customerKind', policy.customerKind)}
      </Tag>,
    );
  if (policy.serviceClass)
    parts.push(
      <Tag key="class">
        {t('policies.selectorLabel', { field: t('policies.serviceClass') })}
        {label('serviceClass', policy.serviceClass)}
      </Tag>,
    );
  return parts.length > 0 ? (
    <span className="policy-applies">{parts}</span>
  ) : (
    <Typography.Text type="secondary">{t('policies.allMatch')}</Typography.Text>
  );
}

function TargetsTable({
  severity,
  targets,
  readOnly,
  onChange,
}: {
  severity: Severity;
  targets: PolicyTargets;
  readOnly: boolean;
  onChange: (targets: PolicyTargets) => void;
}) {
  const { t } = useTranslation();
  const { label } = useVocab();
  const calendars = useCalendars();
  const calendarOptions = (calendars.data ?? []).map((c) => ({ value: c.id, label: calendarName(t, c) }));
  const rules = targets[severity];
  const set = (next: PolicyTargets[Severity]) => onChange({ ...targets, [severity]: next });
  const minutesInput = (value: number, onValue: (n: number) => void, testId: string) => (
    <InputNumber
      min={1}
      value={value}
      onChange={(n) => onValue(typeof n === 'number' ? Math.round(n) : value)}
      suffix={t('policies.minutesUnit')}
      disabled={readOnly}
      className="policy-minutes"
      data-testid={testId}
    />
  );
  return (
    <div className="policy-targets" data-testid={`policy-targets-${severity}`}>
      {SLA_METRICS.map((metric) => (
        <div key={metric} className="policy-target-row">
          <span className="policy-target-name">{label('slaMetric', metric)}</span>
          <div className="policy-target-minutes">
            {metric === 'on_site' ? (
              <div className="policy-distances">
                {DISTANCE_CLASSES.map((distance) => (
                  <div key={distance} className="policy-distance">
                    <span className="policy-distance-label">{label('distanceClass', distance)}</span>
                    {minutesInput(
                      rules.on_site.minutes[distance],
                      (n) => set({ ...rules, on_site: { ...rules.on_site, minutes: { ...rules.on_site.minutes, [distance]: n } } }),
                      `policy-${severity}-on_site-${distance}`,
                    )}
                    <span className="policy-human">{formatBusinessDuration(rules.on_site.minutes[distance] * 60_000, t)}</span>
                  </div>
                ))}
              </div>
            ) : (
              <div className="policy-distance">
                {minutesInput(
                  rules[metric].minutes,
                  (n) => set({ ...rules, [metric]: { ...rules[metric], minutes: n } }),
                  `policy-${severity}-${metric}`,
                )}
                <span className="policy-human">{formatBusinessDuration(rules[metric].minutes * 60_000, t)}</span>
              </div>
            )}
          </div>
          <Select
            value={rules[metric].calendarId}
            options={calendarOptions}
            onChange={(calendarId) => set({ ...rules, [metric]: { ...rules[metric], calendarId } })}
            disabled={readOnly}
            className="policy-calendar"
            aria-label={t('policies.calendar')}
          />
        </div>
      ))}
    </div>
  );
}

function PolicyDrawer({ policy, open, onClose }: { policy: SlaPolicy | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { label, options } = useVocab();
  const { message } = App.useApp();
  const can = useCan();
  const readOnly = !can('sla.manage');
  const policies = usePolicies();
  const template = policy ?? policies.data?.find((p) => p.isBuiltin) ?? null;
  const [draft, setDraft] = useState<PolicyDraft | null>(null);
  const [shownFor, setShownFor] = useState<string | null>(null);
  const key = open ? (policy?.id ?? 'new') : null;
  if (key !== shownFor) {
    setShownFor(key);
    if (key && template) {
      const base = draftOf(template);
      setDraft(
        policy
          ? base
          : {
              ...base,
              name: '',
              priority: 10,
              customerId: null,
              contentCategory: null,
              tier: null,
              customerKind: null,
              serviceClass: null,
              isActive: true,
            },
      );
    }
  }
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useCreatePolicy();
  const update = useUpdatePolicy();

  const save = () => {
    if (!draft) return;
    const parsed = CreatePolicyBody.safeParse(draft);
    if (!parsed.success) {
      const next: Record<string, string> = {};
      for (const issue of parsed.error.issues) next[String(issue.path[0])] ??= issueMessage(issue, t);
      setErrors(next);
      return;
    }
    setErrors({});
    const done = (saved: SlaPolicy) => {
      message.success(policy ? t('policies.saved') : t('policies.created', { name: saved.name }));
      onClose();
    };
    const failed = (error: unknown) => message.error(errorMessage(error, t));
    const body: CreatePolicyInput = parsed.data;
    if (policy) update.mutate({ id: policy.id, ...body }, { onSuccess: done, onError: failed });
    else create.mutate(body, { onSuccess: done, onError: failed });
  };

  const setField = <K extends keyof PolicyDraft>(field: K, value: PolicyDraft[K]) => draft && setDraft({ ...draft, [field]: value });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={860}
      title={policy ? t('policies.edit') : t('policies.create')}
      destroyOnHidden
      extra={
        !readOnly && (
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" onClick={save} loading={create.isPending || update.isPending} {...withTestId({}, 'policy-save')}>
              {t('common.save')}
            </Button>
          </Space>
        )
      }
    >
      {draft && (
        <div className="policy-form" data-testid="policy-form">
          {readOnly && <Alert type="info" showIcon title={t('policies.readOnly')} className="policy-alert" />}
          <div className="policy-grid">
            <label className="field-label" htmlFor="policy-name">
              {t('policies.name')}
            </label>
            <div>
              <Input
                id="policy-name"
                value={draft.name}
                onChange={(event) => setField('name', event.target.value)}
                status={errors.name ? 'error' : undefined}
                disabled={readOnly}
                maxLength={100}
                data-testid="policy-name"
              />
              {errors.name && <div className="cal-error">{errors.name}</div>}
            </div>
            <span className="field-label">{t('policies.priority')}</span>
            <Space>
              <InputNumber
                min={-1000}
                max={1000}
                value={draft.priority}
                onChange={(n) => setField('priority', typeof n === 'number' ? n : 0)}
                disabled={readOnly}
              />
              <Typography.Text type="secondary" className="small-text">
                {t('policies.priorityHelp')}
              </Typography.Text>
            </Space>
            <span className="field-label">{t('policies.selectors')}</span>
            <div className="policy-selectors">
              <CustomerPicker
                value={draft.customerId ?? undefined}
                onChange={(id) => setField('customerId', id ?? null)}
                disabled={readOnly || Boolean(policy?.isBuiltin)}
                placeholder={t('policies.selectorAny', { field: t('policies.customer') })}
              />
              <Select
                allowClear
                value={draft.contentCategory ?? undefined}
                options={options('contentCategory', CONTENT_CATEGORIES)}
                onChange={(value) => setField('contentCategory', value ?? null)}
                disabled={readOnly || Boolean(policy?.isBuiltin)}
                placeholder={t('policies.selectorAny', { field: t('policies.contentCategory') })}
              />
              <Input
                value={draft.tier ?? ''}
                onChange={(event) => setField('tier', event.target.value.trim() ? event.target.value : null)}
                disabled={readOnly || Boolean(policy?.isBuiltin)}
                placeholder={t('policies.tierPlaceholder')}
              />
              <Select
                allowClear
                value={draft.customerKind ?? undefined}
                options={options('customerKind', CUSTOMER_KINDS)}
                onChange={(value) => setField('customerKind', value ?? null)}
                disabled={readOnly || Boolean(policy?.isBuiltin)}
                placeholder={t('policies.selectorAny', { field: t('policies.customerKind') })}
              />
              <Select
                allowClear
                value={draft.serviceClass ?? undefined}
                options={options('serviceClass', SERVICE_CLASSES)}
                onChange={(value) => setField('serviceClass', value ?? null)}
                disabled={readOnly || Boolean(policy?.isBuiltin)}
                placeholder={t('policies.selectorAny', { field: t('policies.serviceClass') })}
              />
            </div>
            <span className="field-label">{t('policies.isActive')}</span>
            <Space>
              <Switch
                checked={draft.isActive}
                onChange={(on) => setField('isActive', on)}
                disabled={readOnly || Boolean(policy?.isBuiltin)}
              />
              {policy?.isBuiltin && (
                <Typography.Text type="secondary" className="small-text">
                  {t('policies.builtinNote')}
                </Typography.Text>
              )}
            </Space>
            <span className="field-label">{t('policies.warnPercent')}</span>
            <Space>
              <InputNumber
                min={1}
                max={99}
                value={draft.warnPercent}
                onChange={(n) => setField('warnPercent', typeof n === 'number' ? Math.round(n) : 80)}
                suffix="%"
                disabled={readOnly}
                data-testid="policy-warn"
              />
              <Typography.Text type="secondary" className="small-text">
                {t('policies.warnPercentHelp')}
              </Typography.Text>
            </Space>
            <span className="field-label">{t('policies.ladder')}</span>
            <div>
              <LadderEditor
                ladder={draft.escalationLadder}
                readOnly={readOnly}
                onChange={(ladder) => setField('escalationLadder', ladder)}
              />
              {errors.escalationLadder && <div className="cal-error">{errors.escalationLadder}</div>}
              <div className="muted small-text">{t('policies.ladderHelp')}</div>
            </div>
            <span className="field-label">{t('policies.onSiteStart')}</span>
            <div>
              <Select
                value={draft.onSiteStart}
                options={ON_SITE_STARTS.map((v) => ({ value: v, label: t(`policies.onSiteStarts.${v}`) }))}
                onChange={(v) => setField('onSiteStart', v)}
                disabled={readOnly}
                data-testid="policy-on-site-start"
                className="policy-on-site-start"
              />
              <div className="muted small-text">{t('policies.onSiteStartHelp')}</div>
            </div>
            <span className="field-label">{t('policies.distanceRules')}</span>
            <div>
              <DistanceRulesEditor rules={draft.onSiteRules} readOnly={readOnly} onChange={(rules) => setField('onSiteRules', rules)} />
              {errors.onSiteRules && <div className="cal-error">{errors.onSiteRules}</div>}
              <div className="muted small-text">{t('policies.distanceRulesHelp')}</div>
            </div>
            <span className="field-label">{t('policies.pausedMetrics')}</span>
            <div>
              <Checkbox.Group
                value={draft.pausedMetrics}
                options={SLA_METRICS.map((metric) => ({ value: metric, label: label('slaMetric', metric) }))}
                onChange={(value) => setField('pausedMetrics', value)}
                disabled={readOnly}
              />
              <div className="muted small-text">{t('policies.pausedMetricsHelp')}</div>
            </div>
          </div>
          <div className="cal-section-title policy-targets-title">
            {t('policies.targets')}
            <Typography.Text type="secondary" className="small-text">
              {t('policies.targetsHelp')}
            </Typography.Text>
          </div>
          {errors.targets && <div className="cal-error">{errors.targets}</div>}
          <Tabs
            items={SEVERITIES.map((severity) => ({
              key: severity,
              label: <SeverityTag severity={severity} />,
              children: (
                <TargetsTable
                  severity={severity}
                  targets={draft.targets}
                  readOnly={readOnly}
                  onChange={(targets) => setField('targets', targets)}
                />
              ),
            }))}
          />
        </div>
      )}
    </Drawer>
  );
}

/** Settings → SLA policies: managers and admins edit; other staff read. */
export function PoliciesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const readOnly = !can('sla.manage');
  const policies = usePolicies();
  const [editing, setEditing] = useState<{ policy: SlaPolicy | null } | null>(null);

  return (
    <div className="page" data-testid="policies-page">
      <PageHeader
        title={t('policies.title')}
        subtitle={t('policies.subtitle')}
        testId="policies-title"
        extra={
          !readOnly && (
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => setEditing({ policy: null })}
              data-testid="policy-create"
            >
              {t('policies.create')}
            </Button>
          )
        }
      />
      {readOnly && <Alert type="info" showIcon title={t('policies.readOnly')} />}
      <Alert
        type="info"
        showIcon
        title={t('policies.defaultsTitle')}
        description={
          <ul className="policy-defaults" data-testid="policy-defaults">
            <li>{t('policies.defaults.hotline')}</li>
            <li>{t('policies.defaults.workingDay')}</li>
            <li>{t('policies.defaults.tiers')}</li>
            <li>{t('policies.defaults.resolution')}</li>
            <li>{t('policies.defaults.alternative')}</li>
            <li>{t('policies.defaults.onSite')}</li>
            <li>{t('policies.defaults.serviceClasses')}</li>
            <li>{t('policies.defaults.queueOrder')}</li>
          </ul>
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<SlaPolicy>
          rowKey="id"
          data-testid="policies-table"
          loading={policies.isPending}
          dataSource={policies.data}
          pagination={false}
          tableLayout="fixed"
          scroll={{ x: 1100 }}
          onRow={(policy) => ({ 'data-testid': `policy-row-${policy.isBuiltin ? 'builtin' : policy.id}` }) as object}
          columns={[
            {
              key: 'name',
              title: t('policies.name'),
              width: 250,
              render: (_v, policy) => (
                <Space size={6}>
                  <span className="policy-name">{policyName(t, policy)}</span>
                  {policy.isBuiltin && <Tag>{t('policies.builtin')}</Tag>}
                </Space>
              ),
            },
            { key: 'applies', title: t('policies.selectors'), width: 190, render: (_v, policy) => <AppliesTo policy={policy} /> },
            {
              key: 'response',
              title: t('vocab.slaMetric.first_response'),
              width: 150,
              render: (_v, policy) => (
                <span className="tabular small-text">
                  {SEVERITIES.map((s) => formatBusinessDuration(policy.targets[s].first_response.minutes * 60_000, t)).join(' / ')}
                </span>
              ),
            },
            { key: 'priority', title: t('policies.priority'), dataIndex: 'priority', width: 80 },
            { key: 'warn', title: t('policies.warnPercent'), width: 100, render: (_v, policy) => `${policy.warnPercent}%` },
            {
              key: 'active',
              title: t('policies.isActive'),
              width: 80,
              render: (_v, policy) =>
                policy.isActive ? <Tag color="success">{t('policies.active')}</Tag> : <Tag>{t('policies.inactive')}</Tag>,
            },
            { key: 'updatedAt', title: t('policies.updatedAt'), width: 150, render: (_v, policy) => <DateTime value={policy.updatedAt} /> },
            {
              key: 'actions',
              title: t('common.actions'),
              width: 96,
              render: (_v, policy) => (
                <Button
                  type="link"
                  size="small"
                  icon={<EditOutlined aria-hidden />}
                  onClick={() => setEditing({ policy })}
                  data-testid="policy-edit"
                >
                  {readOnly ? t('policies.view') : t('common.edit')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <PolicyDrawer policy={editing?.policy ?? null} open={editing !== null} onClose={() => setEditing(null)} />
    </div>
  );
}
