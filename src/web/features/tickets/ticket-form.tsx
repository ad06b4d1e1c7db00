import { PhoneOutlined, PlusOutlined, StarFilled } from '@ant-design/icons';
import { App, AutoComplete, Button, Card, Col, Form, Input, Radio, Row, Select, Space, Tag, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { FIRST_RESPONSE_MINUTES, suggestSeverity } from '../../../domain/severity.ts';
import { SERVICE_CLASS_PROMISES } from '../../../domain/sla/default-policies.ts';
import {
  CAUSE_CATEGORIES,
  type CauseCategory,
  CHANNELS,
  type Channel,
  COMMON_MODULES,
  CONTENT_CATEGORIES,
  type ContentCategory,
  HANDLING_APPROACHES,
  type HandlingApproach,
  KINDS,
  type Kind,
  SERVICE_CLASSES,
  SEVERITIES,
  type ServiceClass,
  type Severity,
  STAGES,
  type Stage,
  TEAMS,
  type Team,
} from '../../../domain/vocabulary.ts';
import { CreateTicketBody } from '../../../server/features/tickets/tickets.schema.ts';
import type { CustomerDetail } from '../../api/types.ts';
import { CustomerPicker, UserPicker } from '../../components/pickers.tsx';
import { useSession } from '../../components/session.tsx';
import { SeverityTag, useVocab } from '../../components/vocab.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { errorMessage } from '../../lib/errors.ts';
import { applyServerFieldErrors, cleanValues, issueMessage, schemaRules } from '../../lib/schema-form.ts';
import { EntitlementBadge } from '../contracts/entitlement-badge.tsx';
import { EntitlementPeople } from '../contracts/entitlement-people.tsx';
import { useCustomer } from '../customers/api.ts';
import { CustomerFormModal } from '../customers/customer-form-modal.tsx';
import { useStaffUsers } from '../users/api.ts';
import { type CreateTicketInput, useCreateTicket } from './api.ts';

type Values = {
  customerId?: string;
  contactId?: string;
  channel: Channel;
  kind: Kind;
  stage: Stage;
  isWholeSystemDown: boolean;
  isPartStopped: boolean;
  severity: Severity;
  contentCategory?: ContentCategory;
  causeCategory?: CauseCategory;
  serviceClass?: ServiceClass;
  handlingApproach?: HandlingApproach;
  module?: string;
  title: string;
  description: string;
  /** Who handles it (派单 at intake); null or absent = the queue. */
  assigneeId?: string | null;
  team?: Team;
};

type Props = {
  /** `intake`: an agent on the phone, for any customer; `portal`: a hospital user, for its own organisation. */
  mode: 'intake' | 'portal';
  initialCustomerId?: string;
  /** Where to go with the created request's id. */
  hrefFor: (id: string) => string;
};

function Section({ title, children, index }: { title: string; children: ReactNode; index: number }) {
  return (
    <Card
      size="small"
      className="form-section"
      title={
        <span className="section-title">
          <span className="section-index">{index}</span>
          {title}
        </span>
      }
    >
      {children}
    </Card>
  );
}

/** New service request: phone intake for agents, or the portal's request form for hospital users. */
export function TicketForm({ mode, initialCustomerId, hrefFor }: Props) {
  const { t } = useTranslation();
  const { label, options } = useVocab();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useSession();
  const [form] = Form.useForm<Values>();
  const create = useCreateTicket();
  const staff = useStaffUsers();
  const { rules } = schemaRules(CreateTicketBody.shape, t);
  const [isCustomerModalOpen, setCustomerModalOpen] = useState(false);
  const [customerLabel, setCustomerLabel] = useState<string | undefined>();

  const isIntake = mode === 'intake';
  const customerId = Form.useWatch('customerId', form) ?? (isIntake ? undefined : (me.customerId ?? undefined));
  const contactId = Form.useWatch('contactId', form);
  const severity = Form.useWatch('severity', form) ?? 'normal';
  const serviceClass: ServiceClass | undefined = Form.useWatch('serviceClass', form);
  const customer = useCustomer(isIntake ? customerId : undefined);
  const contacts = customer.data?.contacts ?? [];
  const selectedContact = contacts.find((contact) => contact.id === contactId);

  // Picking a customer preselects its primary contact.
  useEffect(() => {
    if (!isIntake || !customer.data) return;
    const current = form.getFieldValue('contactId');
    if (current && customer.data.contacts.some((c) => c.id === current)) return;
    const primary =
      customer.data.contacts.find((c) => c.isPrimary) ?? (customer.data.contacts.length === 1 ? customer.data.contacts[0] : undefined);
    form.setFieldValue('contactId', primary?.id);
  }, [customer.data, form, isIntake]);

  useEffect(() => {
    if (initialCustomerId && customer.data && customer.data.id === initialCustomerId) setCustomerLabel(customer.data.name);
  }, [initialCustomerId, customer.data]);

  const onAnswer = () => {
    const { isWholeSystemDown, isPartStopped } = form.getFieldsValue(['isWholeSystemDown', 'isPartStopped']);
    form.setFieldValue(
      'severity',
      suggestSeverity({ isWholeSystemDown: Boolean(isWholeSystemDown), isPartStopped: Boolean(isPartStopped) }),
    );
  };

  const submit = (values: Values) => {
    const body = cleanValues({
      customerId: isIntake ? values.customerId : (me.customerId ?? undefined),
      contactId: isIntake ? values.contactId : undefined,
      title: values.title,
      description: values.description,
      severity: values.severity,
      channel: isIntake ? values.channel : 'web',
      kind: values.kind,
      stage: isIntake ? values.stage : undefined,
      contentCategory: isIntake ? values.contentCategory : undefined,
      causeCategory: isIntake ? values.causeCategory : undefined,
      serviceClass: isIntake ? values.serviceClass : undefined,
      handlingApproach: isIntake ? values.handlingApproach : undefined,
      module: values.module,
      assigneeId: isIntake ? (values.assigneeId ?? undefined) : undefined,
      team: isIntake ? (values.team ?? teamOf(values.assigneeId)) : undefined,
    });
    // The server's own schema decides; its issues land on the fields they concern.
    const parsed = CreateTicketBody.safeParse(body);
    if (!parsed.success) {
      form.setFields(
        parsed.error.issues.map((issue) => ({ name: String(issue.path[0]) as keyof Values, errors: [issueMessage(issue, t)] })),
      );
      return;
    }
    create.mutate(body as CreateTicketInput, {
      onSuccess: (ticket) => {
        message.success(isIntake ? t('intake.created', { number: ticket.number }) : t('portal.created', { number: ticket.number }));
        navigate(hrefFor(ticket.id));
      },
      onError: (error) => {
        if (!applyServerFieldErrors(form, error)) message.error(errorMessage(error, t));
      },
    });
  };

  // The team follows the engineer unless the agent chose one.
  const teamOf = (userId: string | null | undefined): Team | undefined =>
    (userId ? staff.data?.find((user) => user.id === userId)?.team : undefined) ?? undefined;
  const pickAssignee = (userId: string | null) => {
    form.setFieldValue('assigneeId', userId);
    const team = teamOf(userId);
    if (team) form.setFieldValue('team', team);
  };

  const initialValues: Partial<Values> = {
    customerId: initialCustomerId,
    channel: 'phone',
    kind: 'request',
    stage: 'after_sale',
    isWholeSystemDown: false,
    isPartStopped: false,
    severity: 'normal',
    assigneeId: null,
  };

  const yesNo = [
    { value: true, label: t('common.yes') },
    { value: false, label: t('common.no') },
  ];

  const severitySection = (
    <Section index={isIntake ? 3 : 2} title={t('intake.sectionSeverity')}>
      <div className="severity-questions">
        <Form.Item name="isWholeSystemDown" label={t('intake.questionWhole')} extra={t('intake.questionWholeHelp')} className="question">
          <Radio.Group optionType="button" buttonStyle="solid" options={yesNo} onChange={onAnswer} data-testid="intake-question-whole" />
        </Form.Item>
        <Form.Item name="isPartStopped" label={t('intake.questionPart')} extra={t('intake.questionPartHelp')} className="question">
          <Radio.Group optionType="button" buttonStyle="solid" options={yesNo} onChange={onAnswer} data-testid="intake-question-part" />
        </Form.Item>
      </div>
      <Form.Item name="severity" label={t('ticket.severity')} rules={rules('severity')} className="severity-field">
        <Radio.Group className={`severity-options ${isIntake ? 'severity-options-stacked' : ''}`} data-testid="intake-severity">
          {SEVERITIES.map((value) => (
            <Radio
              key={value}
              value={value}
              className={`severity-option severity-option-${value}`}
              data-testid={`intake-severity-${value}`}
            >
              <div className="severity-option-body">
                <SeverityTag severity={value} />
                <span className="severity-option-target">{t('firstResponse.target', { minutes: FIRST_RESPONSE_MINUTES[value] })}</span>
                <span className="severity-option-hint">{label('severityHint', value)}</span>
              </div>
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
      <Typography.Text type="secondary" data-testid="intake-response-target">
        {t('intake.suggested', { severity: label('severity', severity) })} ·{' '}
        {t('firstResponse.target', { minutes: FIRST_RESPONSE_MINUTES[severity] })}
      </Typography.Text>
    </Section>
  );

  const callerSection = (
    <Section index={1} title={t('intake.sectionCaller')}>
      <div className="form-row">
        <Form.Item name="customerId" label={t('ticket.customer')} rules={rules('customerId')} className="form-col form-col-wide">
          <CustomerPicker
            autoFocus
            initialLabel={customerLabel}
            onChange={(id, picked) => {
              form.setFieldsValue({ customerId: id, contactId: undefined });
              setCustomerLabel(picked?.name);
            }}
            data-testid="intake-customer"
          />
        </Form.Item>
        <Form.Item label=" " className="form-col-auto">
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => setCustomerModalOpen(true)} data-testid="intake-new-customer">
            {t('intake.newCustomer')}
          </Button>
        </Form.Item>
      </div>
      {isIntake && customerId && (
        <div className="entitlement-line">
          <Typography.Text type="secondary">{t('entitlement.title')}</Typography.Text>
          <EntitlementBadge customerId={customerId} testId="intake-entitlement" />
          <EntitlementPeople customerId={customerId} testId="intake-entitlement-people" />
        </div>
      )}
      <div className="form-row">
        <Form.Item name="contactId" label={t('ticket.contact')} rules={rules('contactId')} className="form-col">
          <Select
            allowClear
            disabled={!customerId}
            loading={customer.isFetching}
            placeholder={
              customerId && contacts.length === 0 && !customer.isFetching ? t('intake.noContacts') : t('intake.contactPlaceholder')
            }
            options={contacts.map((contact) => ({
              value: contact.id,
              label: (
                <span>
                  {contact.name}
                  <Typography.Text type="secondary"> · {label('contactRole', contact.role)}</Typography.Text>
                  {contact.isPrimary && <StarFilled aria-label={t('customers.contact.isPrimary')} className="primary-star" />}
                </span>
              ),
            }))}
            data-testid="intake-contact"
          />
        </Form.Item>
        <Form.Item label={t('ticket.contactPhone')} className="form-col">
          <div className="contact-phone-box" data-testid="intake-contact-phone">
            {selectedContact?.phone ? (
              <a href={`tel:${selectedContact.phone}`}>
                <PhoneOutlined aria-hidden /> {selectedContact.phone}
              </a>
            ) : (
              <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
            )}
            {selectedContact?.isPrimary && <Tag color="gold">{t('intake.primary')}</Tag>}
          </div>
        </Form.Item>
      </div>
      <div className="form-row">
        <Form.Item name="channel" label={t('ticket.channel')} rules={rules('channel')} className="form-col-auto">
          <Radio.Group optionType="button" options={options('channel', CHANNELS)} data-testid="intake-channel" />
        </Form.Item>
        <Form.Item name="kind" label={t('ticket.kind')} rules={rules('kind')} className="form-col-auto">
          <Radio.Group optionType="button" options={options('kind', KINDS)} data-testid="intake-kind" />
        </Form.Item>
        <Form.Item name="stage" label={t('ticket.stage')} rules={rules('stage')} className="form-col-auto">
          <Radio.Group optionType="button" options={options('stage', STAGES)} data-testid="intake-stage" />
        </Form.Item>
      </div>
    </Section>
  );

  const problemSection = (
    <Section index={isIntake ? 2 : 1} title={t('intake.sectionProblem')}>
      <Form.Item name="title" label={t('ticket.title')} rules={rules('title')}>
        <Input placeholder={t('intake.titlePlaceholder')} maxLength={200} showCount autoFocus={!isIntake} data-testid="intake-title" />
      </Form.Item>
      <Form.Item name="description" label={t('ticket.description')} rules={rules('description')}>
        <Input.TextArea
          autoSize={{ minRows: 4, maxRows: 14 }}
          placeholder={t('intake.descriptionPlaceholder')}
          data-testid="intake-description"
        />
      </Form.Item>
      <div className="form-row">
        <Form.Item name="module" label={t('ticket.module')} rules={rules('module')} className="form-col">
          <AutoComplete
            options={COMMON_MODULES.map((module) => ({ value: module }))}
            placeholder={t('intake.modulePlaceholder')}
            showSearch={{
              filterOption: (input, option) =>
                String(option?.value ?? '')
                  .toLowerCase()
                  .includes(input.toLowerCase()),
            }}
            data-testid="intake-module"
          />
        </Form.Item>
        {!isIntake && (
          <Form.Item name="kind" label={t('ticket.kind')} rules={rules('kind')} className="form-col">
            <Radio.Group optionType="button" options={options('kind', KINDS)} data-testid="intake-kind" />
          </Form.Item>
        )}
        {isIntake && (
          <>
            <Form.Item name="contentCategory" label={t('ticket.contentCategory')} rules={rules('contentCategory')} className="form-col">
              <Select
                allowClear
                options={options('contentCategory', CONTENT_CATEGORIES)}
                data-testid="intake-content-category"
                popupMatchSelectWidth={false}
              />
            </Form.Item>
            <Form.Item name="causeCategory" label={t('ticket.causeCategory')} rules={rules('causeCategory')} className="form-col">
              <Select
                allowClear
                options={options('causeCategory', CAUSE_CATEGORIES)}
                data-testid="intake-cause-category"
                popupMatchSelectWidth={false}
              />
            </Form.Item>
            <Form.Item
              name="serviceClass"
              label={t('ticket.serviceClass')}
              rules={rules('serviceClass')}
              className="form-col"
              extra={serviceClass ? SERVICE_CLASS_PROMISES[serviceClass][currentLanguage()] : undefined}
            >
              <Select
                allowClear
                options={options('serviceClass', SERVICE_CLASSES)}
                data-testid="intake-service-class"
                popupMatchSelectWidth={false}
              />
            </Form.Item>
            <Form.Item name="handlingApproach" label={t('ticket.handlingApproach')} rules={rules('handlingApproach')} className="form-col">
              <Select
                allowClear
                options={options('handlingApproach', HANDLING_APPROACHES)}
                data-testid="intake-handling-approach"
                popupMatchSelectWidth={false}
              />
            </Form.Item>
          </>
        )}
      </div>
    </Section>
  );

  const dispatchSection = (
    <Section index={4} title={t('intake.sectionDispatch')}>
      <Form.Item label={t('ticket.assignee')} className="compact-item">
        <Space.Compact className="full-width">
          <Form.Item name="assigneeId" noStyle>
            <UserPicker
              allowUnassigned
              placeholder={t('ticket.unassigned')}
              onChange={(value) => pickAssignee(value ?? null)}
              data-testid="intake-assignee"
              className="full-width"
              aria-label={t('ticket.assignee')}
            />
          </Form.Item>
          <Button onClick={() => pickAssignee(me.id)} data-testid="intake-assign-me">
            {t('intake.assignToMe')}
          </Button>
        </Space.Compact>
      </Form.Item>
      <Form.Item name="team" label={t('ticket.team')} rules={rules('team')} className="compact-item">
        <Select allowClear options={options('team', TEAMS)} placeholder={t('ticket.noTeam')} data-testid="intake-team" />
      </Form.Item>
    </Section>
  );

  const submitBar = (
    <div className="form-submit-bar">
      <Space>
        <Typography.Text type="secondary">{t('common.keyboardSubmit')}</Typography.Text>
        <Button type="primary" size="large" htmlType="submit" loading={create.isPending} data-testid="intake-submit">
          {isIntake ? t('intake.submit') : t('portal.submit')}
        </Button>
      </Space>
    </div>
  );

  return (
    <div className="ticket-form">
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            form.submit();
          }
        }}
        requiredMark
        scrollToFirstError
        data-testid="ticket-form"
      >
        {isIntake ? (
          <Row gutter={16} align="top">
            <Col xs={24} xl={15}>
              {callerSection}
              {problemSection}
            </Col>
            <Col xs={24} xl={9} className="intake-side">
              {severitySection}
              {dispatchSection}
              {submitBar}
            </Col>
          </Row>
        ) : (
          <>
            {problemSection}
            {severitySection}
            {submitBar}
          </>
        )}
      </Form>
      {isIntake && (
        <CustomerFormModal
          open={isCustomerModalOpen}
          onClose={() => setCustomerModalOpen(false)}
          onSaved={(saved: CustomerDetail) => {
            setCustomerLabel(saved.name);
            form.setFieldsValue({ customerId: saved.id, contactId: undefined });
          }}
        />
      )}
    </div>
  );
}
