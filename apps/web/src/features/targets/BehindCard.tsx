import { Card, List, Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../app/i18n/i18n';
import { useBehindSchedule } from './targets.api';

/** The dashboard's reminder: this year's lines behind the time-proportional target, the caller's department's unless hospital-wide. */
export function BehindCard() {
  const t = useT();
  const { data, isPending } = useBehindSchedule();
  return (
    <Card type="inner" title={t('target.behindCard.title')} style={{ marginTop: 16 }} data-testid="targets-behind">
      <List
        size="small"
        loading={isPending}
        dataSource={data?.items}
        locale={{ emptyText: t('target.behindCard.empty') }}
        renderItem={(line) => (
          <List.Item extra={<Link to={`/targets/plans/${line.planId}`}>{line.planName}</Link>}>
            <Typography.Text type="danger">
              {t('target.behindCard.line', { department: line.departmentName, target: line.text, done: line.done, expected: line.expected })}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}
