import { Card, Space, Tag, Typography } from 'antd';
import { useCurrentUser } from '../auth/session';
import { BehindCard } from '../../features/targets/BehindCard';
import { useT, type MessageKey } from '../i18n/i18n';

function greetingKey(hour: number): MessageKey {
  if (hour < 12) return 'dashboard.morning';
  if (hour < 18) return 'dashboard.afternoon';
  return 'dashboard.evening';
}

export function DashboardPage() {
  const t = useT();
  const user = useCurrentUser();
  return (
    <Card>
      <Typography.Title level={3} data-testid="dashboard-greeting">
        {t('dashboard.greeting', { greeting: t(greetingKey(new Date().getHours())), name: user.displayName })}
      </Typography.Title>
      {user.departmentName && (
        <Typography.Paragraph type="secondary">{t('dashboard.department', { department: user.departmentName })}</Typography.Paragraph>
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        <Typography.Text>{t('dashboard.roles')}</Typography.Text>
        {user.roles.map((role) => (
          <Tag key={role} color="blue">
            {t(`role.${role}`)}
          </Tag>
        ))}
      </Space>
      <Typography.Paragraph>{t('dashboard.intro')}</Typography.Paragraph>
      <BehindCard />
    </Card>
  );
}
