import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Avatar, Badge, Button, Card, Input, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role, STAFF_DESIGNATIONS, type StaffDesignation, TEAMS, type Team } from '../../../domain/vocabulary.ts';
import type { User } from '../../api/types.ts';
import { DateTime } from '../../components/date-time.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useSession } from '../../components/session.tsx';
import { useVocab } from '../../components/vocab.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useUpdateUser, useUsers } from './api.ts';
import { UserFormModal } from './user-form-modal.tsx';

export function UsersPage() {
  const { t } = useTranslation();
  const { label, options } = useVocab();
  const { message, modal } = App.useApp();
  const me = useSession();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | undefined>();
  const [isCreating, setCreating] = useState(false);
  const debouncedQ = useDebounced(q.trim(), 250);
  const users = useUsers({ q: debouncedQ || undefined, role });
  const update = useUpdateUser();

  const save = (user: User, changes: { isActive?: boolean; role?: Role; team?: Team | null; designation?: StaffDesignation | null }) =>
    update.mutate(
      { id: user.id, ...changes },
      {
        onSuccess: (saved) => message.success(t('users.updated', { name: saved.name })),
        onError: (error) => message.error(errorMessage(error, t)),
      },
    );

  // Clearing a team is one click on a small icon: ask before a user drops out of team routing.
  const changeTeam = (user: User, next: Team | undefined) => {
    if (next) return save(user, { team: next });
    modal.confirm({
      title: t('users.clearTeamConfirm', { name: user.name, team: user.team ? label('team', user.team) : '' }),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: () => save(user, { team: null }),
    });
  };

  return (
    <div className="page">
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)} data-testid="user-create">
            {t('users.create')}
          </Button>
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <div className="filter-bar">
          <Input.Search
            allowClear
            enterButton={<Button aria-label={t('common.search')} icon={<SearchOutlined aria-hidden />} />}
            placeholder={t('users.search')}
            value={q}
            onChange={(event) => setQ(event.target.value)}
            className="filter-text"
          />
          <Select
            allowClear
            placeholder={t('users.allRoles')}
            value={role}
            onChange={setRole}
            options={options('role', ROLES)}
            className="filter-select"
          />
        </div>
        <Table<User>
          rowKey="id"
          data-testid="user-table"
          dataSource={users.data?.items ?? []}
          loading={users.isPending}
          pagination={{ pageSize: 50, hideOnSinglePage: true, size: 'small' }}
          rowClassName={(user) => (user.isActive ? '' : 'row-inactive')}
          columns={[
            {
              key: 'name',
              title: t('users.name'),
              render: (_v, user) => (
                <Space>
                  <Avatar size={28} className="user-avatar">
                    {user.name.slice(0, 1).toUpperCase()}
                  </Avatar>
                  <span>
                    <div>{user.name}</div>
                    <Typography.Text type="secondary" className="small-text">
                      {user.email}
                    </Typography.Text>
                  </span>
                </Space>
              ),
            },
            {
              key: 'role',
              title: t('users.role'),
              width: 150,
              render: (_v, user) =>
                user.role === 'customer' || user.id === me.id ? (
                  label('role', user.role)
                ) : (
                  <Select<Role>
                    size="small"
                    variant="borderless"
                    value={user.role}
                    options={options('role', ROLES).filter((option) => option.value !== 'customer')}
                    onChange={(next) => save(user, { role: next })}
                    popupMatchSelectWidth={false}
                  />
                ),
            },
            {
              key: 'team',
              title: t('users.team'),
              width: 170,
              render: (_v, user) =>
                user.role === 'customer' ? (
                  <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
                ) : (
                  <Select<Team>
                    size="small"
                    variant="borderless"
                    allowClear
                    placeholder={t('common.none')}
                    value={user.team ?? undefined}
                    options={options('team', TEAMS)}
                    onChange={(next) => changeTeam(user, next)}
                    popupMatchSelectWidth={false}
                  />
                ),
            },
            {
              // 001 2.2: a new emergency plan's vendor team is filled from these.
              key: 'designation',
              title: t('users.designation'),
              width: 170,
              render: (_v, user) =>
                user.role === 'customer' ? (
                  <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
                ) : (
                  <Select<StaffDesignation>
                    size="small"
                    variant="borderless"
                    allowClear
                    placeholder={t('common.none')}
                    value={user.designation ?? undefined}
                    options={STAFF_DESIGNATIONS.map((d) => ({ value: d, label: t(`users.designations.${d}`) }))}
                    onChange={(next) => save(user, { designation: next ?? null })}
                    popupMatchSelectWidth={false}
                    data-testid="user-designation-cell"
                  />
                ),
            },
            {
              key: 'status',
              title: t('users.status'),
              width: 100,
              render: (_v, user) => (
                <Badge status={user.isActive ? 'success' : 'default'} text={user.isActive ? t('users.active') : t('users.inactive')} />
              ),
            },
            { key: 'createdAt', title: t('users.createdAt'), width: 160, render: (_v, user) => <DateTime value={user.createdAt} /> },
            {
              key: 'actions',
              title: t('common.actions'),
              width: 100,
              render: (_v, user) =>
                user.id === me.id ? null : user.isActive ? (
                  <Popconfirm
                    title={t('users.deactivateConfirm')}
                    okText={t('common.confirm')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => save(user, { isActive: false })}
                  >
                    <Button size="small" type="link" danger data-testid={`user-deactivate-${user.email}`}>
                      {t('users.deactivate')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button
                    size="small"
                    type="link"
                    onClick={() => save(user, { isActive: true })}
                    data-testid={`user-activate-${user.email}`}
                  >
                    {t('users.activate')}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <UserFormModal open={isCreating} onClose={() => setCreating(false)} />
    </div>
  );
}
