import { useState, type ReactNode } from 'react';
import {
  AimOutlined,
  AlertOutlined,
  AppstoreOutlined,
  BarChartOutlined,
  CalendarOutlined,
  DashboardOutlined,
  DownOutlined,
  EditOutlined,
  GlobalOutlined,
  KeyOutlined,
  LogoutOutlined,
  QuestionCircleOutlined,
  SettingOutlined,
  SolutionOutlined,
  SoundOutlined,
  TeamOutlined,
  UserOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import { App, Avatar, Button, Dropdown, Layout, Menu, Modal, Space, Tag, Tooltip, Typography, theme, type MenuProps } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useHospital } from '../../features/org/hospital.api';
import { ChangePasswordForm } from '../auth/ChangePasswordForm';
import { useCurrentUser, useSignOut } from '../auth/session';
import { useT, type Translate } from '../i18n/i18n';
import { LocaleSwitch } from '../LocaleSwitch';
import { NoticeBell } from '../notices/NoticeBell';
import { API_DOCS_URL, BUILT_MODULES, isBuiltModule, MODULES, modulePath, SYSTEM_PAGES, type ModuleKey, type ModulePage } from '../modules';
import './console-layout.css';

const moduleIcons: Record<ModuleKey, ReactNode> = {
  content: <EditOutlined />,
  channels: <AppstoreOutlined />,
  messaging: <SoundOutlined />,
  opinion: <AlertOutlined />,
  team: <TeamOutlined />,
  targets: <AimOutlined />,
  media: <VideoCameraOutlined />,
  campaigns: <CalendarOutlined />,
  experts: <SolutionOutlined />,
  reports: <BarChartOutlined />,
  portal: <GlobalOutlined />,
};

const SYSTEM_MENU_KEY = 'system';
const API_DOCS_MENU_KEY = 'api-docs';

/** The menu groups (a built module's, system management) with the pages each opens. */
const MENU_GROUPS: readonly { key: string; pages: readonly ModulePage[] }[] = [
  ...Object.entries(BUILT_MODULES).map(([key, pages]) => ({ key: modulePath(key as ModuleKey), pages })),
  { key: SYSTEM_MENU_KEY, pages: SYSTEM_PAGES },
];

/** The menu entry of the page shown: the longest page path the location starts with (a lexicon's page selects 词库). */
function selectedMenuKey(pathname: string): string {
  const paths = MENU_GROUPS.flatMap((group) => group.pages.map((page) => page.path));
  const match = paths.filter((path) => pathname === path || pathname.startsWith(`${path}/`)).sort((a, b) => b.length - a.length)[0];
  return match ?? pathname;
}

function openMenuKeys(selectedKey: string): string[] {
  return MENU_GROUPS.filter((group) => group.pages.some((page) => page.path === selectedKey)).map((group) => group.key);
}

function moduleMenuItem(key: ModuleKey, t: Translate): NonNullable<MenuProps['items']>[number] {
  if (isBuiltModule(key)) {
    return {
      key: modulePath(key),
      icon: moduleIcons[key],
      label: t(`menu.${key}`),
      children: BUILT_MODULES[key].map((page) => ({ key: page.path, label: t(page.label) })),
    };
  }
  return {
    key: modulePath(key),
    icon: moduleIcons[key],
    className: 'console-menu-coming',
    label: (
      <span className="console-menu-coming-label">
        <span>{t(`menu.${key}`)}</span>
        <Tag className="console-menu-coming-tag">{t('common.comingSoon')}</Tag>
      </span>
    ),
  };
}

function buildMenuItems(t: Translate): MenuProps['items'] {
  return [
    { key: '/', icon: <DashboardOutlined />, label: t('menu.dashboard') },
    ...MODULES.map((key) => moduleMenuItem(key, t)),
    {
      key: SYSTEM_MENU_KEY,
      icon: <SettingOutlined />,
      label: t('menu.system'),
      children: [
        ...SYSTEM_PAGES.map((page) => ({ key: page.path, label: t(page.label) })),
        {
          key: API_DOCS_MENU_KEY,
          label: (
            <a href={API_DOCS_URL} target="_blank" rel="noreferrer">
              {t('menu.apiDocs')}
            </a>
          ),
        },
      ],
    },
  ];
}

export function ConsoleLayout() {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const { data: hospital } = useHospital();
  const signOut = useSignOut();
  const [collapsed, setCollapsed] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);
  const { token } = theme.useToken();

  const selectedKey = selectedMenuKey(pathname);
  const hospitalName = hospital ? (hospital.shortNames[0] ?? hospital.fullName) : '';

  const userMenu: MenuProps = {
    items: [
      { key: 'password', icon: <KeyOutlined />, label: t('auth.changePassword') },
      { type: 'divider' },
      { key: 'signOut', icon: <LogoutOutlined />, label: t('auth.signOut') },
    ],
    onClick: ({ key }) => {
      if (key === 'password') setChangingPassword(true);
      if (key === 'signOut') {
        signOut.mutate(undefined, {
          onSettled: () => {
            void message.success(t('auth.signedOut'));
            navigate('/login', { replace: true });
          },
        });
      }
    },
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={256} collapsible collapsed={collapsed} onCollapse={setCollapsed} theme="light" className="console-sider">
        <div className="console-brand">{collapsed ? t('app.name').slice(0, 1) : t('app.name')}</div>
        <Menu
          mode="inline"
          selectedKeys={[selectedKey]}
          defaultOpenKeys={openMenuKeys(selectedKey)}
          items={buildMenuItems(t)}
          onClick={({ key }) => {
            if (key !== API_DOCS_MENU_KEY) navigate(key);
          }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="console-header" style={{ background: token.colorBgContainer }}>
          <Space size="middle">
            {hospital?.logoUrl && <img src={hospital.logoUrl} alt="" className="console-header-logo" />}
            <Typography.Text strong style={{ fontSize: 16 }} data-testid="hospital-name">
              {hospitalName}
            </Typography.Text>
          </Space>
          <Space size="small">
            <NoticeBell />
            <LocaleSwitch />
            <Tooltip title={t('header.apiDocs')}>
              <Button type="text" icon={<QuestionCircleOutlined />} href={API_DOCS_URL} target="_blank" aria-label={t('header.apiDocs')} />
            </Tooltip>
            <Dropdown menu={userMenu} trigger={['click']}>
              <Button type="text" aria-label={t('header.userMenu')}>
                <Avatar size="small" icon={<UserOutlined />} />
                <span data-testid="current-user-name">{user.displayName}</span>
                <DownOutlined />
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content className="console-content">
          <Outlet />
        </Layout.Content>
      </Layout>
      <Modal
        title={t('auth.changePassword')}
        open={changingPassword}
        footer={null}
        destroyOnHidden
        onCancel={() => setChangingPassword(false)}
      >
        <ChangePasswordForm onDone={() => setChangingPassword(false)} />
      </Modal>
    </Layout>
  );
}
