import { ClockCircleOutlined } from '@ant-design/icons';
import { Card, Result } from 'antd';
import { useT } from '../i18n/i18n';
import type { ComingModuleKey } from '../modules';

export function ComingSoonPage({ moduleKey }: { moduleKey: ComingModuleKey }) {
  const t = useT();
  return (
    <Card>
      <Result
        icon={<ClockCircleOutlined />}
        title={t('module.comingTitle', { module: t(`menu.${moduleKey}`) })}
        subTitle={t(`module.${moduleKey}`)}
      />
    </Card>
  );
}
