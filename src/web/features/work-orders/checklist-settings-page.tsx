import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Space, Spin, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { applyServerFieldErrors } from '../../lib/schema-form.ts';
import { useChecklistTemplate, useSaveChecklistTemplate } from './api.ts';

type FormValues = { items: { key: string; label: string }[] };

/** A key for a new item from its label: stable, unique within the list. */
function keyFor(label: string, taken: Set<string>) {
  const base =
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, '')
      .slice(0, 40) || 'item';
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  taken.add(key);
  return key;
}

/** Administrators: the default on-site checklist (000) that new work orders copy. */
export function ChecklistSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const template = useChecklistTemplate();
  const save = useSaveChecklistTemplate();
  const [form] = Form.useForm<FormValues>();

  useEffect(() => {
    if (template.data) form.setFieldsValue({ items: template.data.items });
  }, [template.data, form]);

  const submit = (values: FormValues) => {
    const taken = new Set(values.items.map((i) => i.key).filter(Boolean));
    const items = values.items.map((i) => ({ key: i.key || keyFor(i.label, taken), label: i.label.trim() }));
    save.mutate(
      { items },
      {
        onSuccess: () => message.success(t('common.saved')),
        onError: (error) => {
          applyServerFieldErrors(form, error);
          message.error(errorMessage(error, t));
        },
      },
    );
  };

  return (
    <div className="page page-narrow">
      <PageHeader title={t('fieldSettings.title')} subtitle={t('fieldSettings.subtitle')} testId="checklist-settings-title" />
      <Card className="settings-card">
        {!template.data ? (
          <Spin />
        ) : (
          <Form form={form} onFinish={submit} layout="vertical" initialValues={{ items: template.data.items }}>
            <Form.List name="items">
              {(fields, { add, remove }) => (
                <Space orientation="vertical" className="full-width">
                  {fields.map((field, index) => (
                    <Space.Compact key={field.key} className="full-width">
                      <Form.Item name={[field.name, 'key']} hidden>
                        <Input />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'label']}
                        noStyle
                        rules={[{ required: true, whitespace: true, message: t('fieldSettings.labelRequired') }]}
                      >
                        <Input
                          maxLength={200}
                          aria-label={t('fieldSettings.item', { n: index + 1 })}
                          data-testid={`checklist-item-${index}`}
                        />
                      </Form.Item>
                      <Button
                        icon={<DeleteOutlined aria-hidden />}
                        aria-label={t('fieldSettings.remove')}
                        onClick={() => remove(field.name)}
                      />
                    </Space.Compact>
                  ))}
                  <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ key: '', label: '' })} disabled={fields.length >= 50}>
                    {t('fieldSettings.add')}
                  </Button>
                </Space>
              )}
            </Form.List>
            <Typography.Paragraph type="secondary" className="checklist-settings-note">
              {t('fieldSettings.note')}
            </Typography.Paragraph>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="checklist-save">
              {t('common.save')}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
