import { App, Button, Popconfirm, Space } from 'antd';
import { describeError } from '../../app/api-errors';
import { useT } from '../../app/i18n/i18n';
import { useCanApproveStatements, useCanDraftStatements } from './messaging-roles';
import { useStatementTransition, type Statement } from './statements.api';

/**
 * Edit, 审批 and 撤回 as the caller's roles and the statement's status allow. The server has the last
 * word (it refuses approving one's own statement); its refusal is shown as it words it.
 */
export function StatementActions({ statement, onEdit }: { statement: Statement; onEdit: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const canDraft = useCanDraftStatements();
  const canApprove = useCanApproveStatements();
  const transition = useStatementTransition();
  const pending = (move: 'approve' | 'withdraw') =>
    transition.isPending && transition.variables?.id === statement.id && transition.variables.move === move;

  const run = (move: 'approve' | 'withdraw') =>
    transition.mutate(
      { id: statement.id, move },
      {
        onSuccess: () => void message.success(t(move === 'approve' ? 'statement.approved' : 'statement.withdrawn')),
        onError: (error) => void message.error(describeError(error, t)),
      },
    );

  return (
    <Space size={0}>
      {canDraft && statement.status !== 'withdrawn' && (
        <Button type="link" size="small" onClick={onEdit}>
          {t('common.edit')}
        </Button>
      )}
      {canApprove && statement.status === 'draft' && (
        <Popconfirm title={t('statement.approveConfirm')} onConfirm={() => run('approve')}>
          <Button type="link" size="small" loading={pending('approve')}>
            {t('statement.approve')}
          </Button>
        </Popconfirm>
      )}
      {canDraft && statement.status !== 'withdrawn' && (
        <Popconfirm title={t('statement.withdrawConfirm')} onConfirm={() => run('withdraw')}>
          <Button type="link" size="small" danger loading={pending('withdraw')}>
            {t('statement.withdraw')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
