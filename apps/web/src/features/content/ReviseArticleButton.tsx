import { useState } from 'react';
import { EditOutlined } from '@ant-design/icons';
import { App, Button, Input, Modal, Typography } from 'antd';
import { useCurrentUser } from '../../app/auth/session';
import { useT } from '../../app/i18n/i18n';
import { useReviseArticle, type Article } from './articles.api';

/**
 * 修改重发: the author or the publicity department sends an approved article back to draft, with a reason, to change it
 * and take it through review again. The server refuses while a channel still carries it, naming the channels.
 */
export function ReviseArticleButton({ article }: { article: Article }) {
  const t = useT();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const revise = useReviseArticle(article.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const mayRevise = article.authorUserId === me.id || me.roles.some((role) => role === 'editor' || role === 'admin');
  if (article.status !== 'approved' || !mayRevise) return null;
  const close = () => {
    setOpen(false);
    setReason('');
  };
  return (
    <>
      <Button icon={<EditOutlined />} onClick={() => setOpen(true)}>
        {t('article.revise')}
      </Button>
      <Modal
        title={t('article.revise')}
        open={open}
        okText={t('article.reviseConfirm')}
        okButtonProps={{ disabled: !reason.trim() }}
        confirmLoading={revise.isPending}
        onCancel={close}
        onOk={() =>
          revise.mutate(reason.trim(), {
            onSuccess: () => {
              close();
              void message.success(t('article.revised'));
            },
          })
        }
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('article.reviseHint')}</Typography.Paragraph>
        <Input.TextArea aria-label={t('article.reviseReason')} placeholder={t('article.reviseReason')} maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} value={reason} onChange={(event) => setReason(event.target.value)} />
      </Modal>
    </>
  );
}
