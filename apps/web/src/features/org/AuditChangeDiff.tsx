import { Col, Row, Typography } from 'antd';
import { useT } from '../../app/i18n/i18n';
import './audit-change-diff.css';

type Side = 'before' | 'after';

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** One side of the diff: the object's keys one per line, changed keys highlighted. */
function DiffSide({
  side,
  record,
  keys,
  other,
}: {
  side: Side;
  record: Record<string, unknown> | null;
  keys: string[];
  other: Record<string, unknown> | null;
}) {
  if (!record) return <pre className="audit-diff-pane">null</pre>;
  const lastKey = keys.filter((key) => key in record).at(-1);
  return (
    <pre className="audit-diff-pane">
      {'{\n'}
      {keys.map((key) => {
        // A blank line where only the other side has the key keeps both panes aligned.
        if (!(key in record)) return <div key={key} className="audit-diff-line" />;
        const changed = !other || !(key in other) || !sameValue(record[key], other[key]);
        return (
          <div key={key} className={`audit-diff-line${changed ? ` audit-diff-changed-${side}` : ''}`}>
            {`  ${JSON.stringify(key)}: ${JSON.stringify(record[key], null, 2).replace(/\n/g, '\n  ')}${key === lastKey ? '' : ','}`}
          </div>
        );
      })}
      {'}'}
    </pre>
  );
}

/** The audit entry's before and after side by side, aligned key by key. */
export function AuditChangeDiff({ before, after }: { before: unknown; after: unknown }) {
  const t = useT();
  const beforeRecord = asRecord(before);
  const afterRecord = asRecord(after);

  if ((before !== null && !beforeRecord) || (after !== null && !afterRecord)) {
    return (
      <Row gutter={16}>
        <Col span={12}>
          <Typography.Text strong>{t('audit.before')}</Typography.Text>
          <pre className="audit-diff-pane">{JSON.stringify(before, null, 2)}</pre>
        </Col>
        <Col span={12}>
          <Typography.Text strong>{t('audit.after')}</Typography.Text>
          <pre className="audit-diff-pane">{JSON.stringify(after, null, 2)}</pre>
        </Col>
      </Row>
    );
  }

  const keys = [...new Set([...Object.keys(beforeRecord ?? {}), ...Object.keys(afterRecord ?? {})])];
  return (
    <Row gutter={16} data-testid="audit-diff">
      <Col span={12}>
        <Typography.Text strong>{t('audit.before')}</Typography.Text>
        <DiffSide side="before" record={beforeRecord} keys={keys} other={afterRecord} />
      </Col>
      <Col span={12}>
        <Typography.Text strong>{t('audit.after')}</Typography.Text>
        <DiffSide side="after" record={afterRecord} keys={keys} other={beforeRecord} />
      </Col>
    </Row>
  );
}
