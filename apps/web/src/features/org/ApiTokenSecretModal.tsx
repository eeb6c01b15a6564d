import { Alert, Button, Modal, Typography } from 'antd';
import { useT } from '../../app/i18n/i18n';

/** Shows a newly created token's secret, the only time it can be seen. */
export function ApiTokenSecretModal({ token, onClose }: { token: string | null; onClose: () => void }) {
  const t = useT();
  return (
    <Modal
      title={t('token.createdTitle')}
      open={token !== null}
      mask={{ closable: false }}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('common.close')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('token.createdHint')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph
        code
        data-testid="api-token-secret"
        copyable={{ text: token ?? '', tooltips: [t('common.copy'), t('common.copied')] }}
        style={{ wordBreak: 'break-all', fontSize: 14 }}
      >
        {token}
      </Typography.Paragraph>
    </Modal>
  );
}
