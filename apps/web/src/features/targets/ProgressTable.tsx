import { Button, Progress, Table, type TableColumnsType } from 'antd';
import { useT } from '../../app/i18n/i18n';
import { StandingTag } from './StandingTag';
import { formatRate } from './target-labels';
import { useDeleteItem, type ProgressLine, type ProgressTotal } from './targets.api';
import './targets.css';
import { DeleteLink } from '../../app/RowActions';

/** The lines with each department's together, in the order the table first lists the department. */
function groupedByDepartment(lines: ProgressLine[]) {
  const order = new Map<number, number>();
  lines.forEach((line, index) => order.set(line.departmentId, order.get(line.departmentId) ?? index));
  return [...lines].sort((a, b) => order.get(a.departmentId)! - order.get(b.departmentId)! || a.position - b.position);
}

/** How many rows a department's merged 科室 cell spans: all of them on its first line, none on the others. */
function departmentSpans(lines: ProgressLine[]) {
  return lines.map((line, index) => {
    if (index > 0 && lines[index - 1].departmentId === line.departmentId) return 0;
    const end = lines.findIndex((l, i) => i > index && l.departmentId !== line.departmentId);
    return (end === -1 ? lines.length : end) - index;
  });
}

/**
 * The 目标任务分解表 with progress: laid out like the seed table (科室 merged over its lines, 合计 at the foot), the
 * lines behind the time-proportional target highlighted, and every 完成数 opening the pieces behind it.
 */
export function ProgressTable({
  planId,
  lines,
  totals,
  loading,
  canManage,
  onDrill,
}: {
  planId: number;
  lines: ProgressLine[];
  totals: ProgressTotal[];
  loading: boolean;
  canManage: boolean;
  onDrill: (line: ProgressLine) => void;
}) {
  const t = useT();
  const remove = useDeleteItem(planId);
  const rows = groupedByDepartment(lines);
  const spans = departmentSpans(rows);

  const columns: TableColumnsType<ProgressLine> = [
    { title: t('target.department'), dataIndex: 'departmentName', width: 140, onCell: (_, index) => ({ rowSpan: spans[index ?? 0] }) },
    { title: t('target.targetText'), dataIndex: 'text' },
    { title: t('target.responsible'), dataIndex: 'responsibleName', width: 100, render: (name: string | null) => name ?? '' },
    { title: t('target.supervisor'), dataIndex: 'supervisorName', width: 100, render: (name: string | null) => name ?? '' },
    {
      title: t('target.done'),
      dataIndex: 'done',
      width: 90,
      align: 'right',
      render: (done: number, line) => (
        <Button type="link" size="small" aria-label={t('target.pieces.open', { department: line.departmentName, target: line.text })} onClick={() => onDrill(line)}>
          {done}
        </Button>
      ),
    },
    { title: t('target.expected'), dataIndex: 'expected', width: 100, align: 'right' },
    {
      title: t('target.rate'),
      dataIndex: 'rate',
      width: 160,
      render: (rate: number, line) => (
        <Progress percent={Math.min(rate * 100, 100)} size="small" status={line.behind ? 'exception' : 'normal'} format={() => formatRate(rate)} />
      ),
    },
    { title: t('target.standing'), key: 'standing', width: 110, render: (_, line) => <StandingTag behind={line.behind} sourceAvailable={line.sourceAvailable} /> },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      render: (_, line) => (
        <DeleteLink confirm={t('target.removeConfirm', { department: line.departmentName, target: line.text })} onDelete={() => remove.mutate(line.id)} loading={remove.isPending && remove.variables === line.id} />
      ),
    });
  }

  return (
    <Table<ProgressLine>
      rowKey="id"
      size="middle"
      bordered
      loading={loading}
      columns={columns}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: t('target.empty') }}
      rowClassName={(line) => (line.behind ? 'target-row-behind' : '')}
      summary={() =>
        totals.length > 0 && (
          <Table.Summary>
            {totals.map((total, index) => (
              <Table.Summary.Row key={`${total.metric}:${total.period}`} data-testid="target-total">
                {index === 0 && (
                  <Table.Summary.Cell index={0} rowSpan={totals.length}>
                    <strong>{t('target.total')}</strong>
                  </Table.Summary.Cell>
                )}
                <Table.Summary.Cell index={1} colSpan={3}>
                  {total.text}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  {total.done}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  {total.expected}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6}>{formatRate(total.rate)}</Table.Summary.Cell>
                <Table.Summary.Cell index={7} colSpan={canManage ? 2 : 1}>
                  {!total.sourceAvailable && <StandingTag behind={false} sourceAvailable={false} />}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ))}
          </Table.Summary>
        )
      }
    />
  );
}
