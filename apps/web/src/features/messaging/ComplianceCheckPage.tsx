import { useMemo, useState } from 'react';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, Row, Space, Switch, Tag, Typography } from 'antd';
import { useT } from '../../app/i18n/i18n';
import { useComplianceCheck, type CheckRequest, type Finding } from './compliance.api';
import { SEVERITIES, SEVERITY_COLORS, severityLabel } from './findings';
import { FindingList, type Replacement } from './FindingList';
import { HighlightedText } from './HighlightedText';

type Draft = { title: string; body: string; html: boolean };

/** A check's answer with the draft it was given, so later edits can be told apart from it; `serial` counts checks. */
type CheckedDraft = { draft: Draft; findings: Finding[]; bodyText: string; serial: number };

function sameDraft(a: Draft, b: Draft): boolean {
  return a.title === b.title && a.body === b.body && a.html === b.html;
}

function requestOf(draft: Draft): CheckRequest {
  const title = draft.title.trim() ? draft.title : undefined;
  return draft.html ? { title, html: draft.body } : { title, text: draft.body };
}

/** The draft with the finding's span replaced by its suggestion (plain-text mode only). */
function applySuggestion(draft: Draft, finding: Finding): Draft {
  const replace = (text: string) => `${text.slice(0, finding.start)}${finding.suggestion ?? ''}${text.slice(finding.end)}`;
  return finding.field === 'title' ? { ...draft, title: replace(draft.title) } : { ...draft, body: replace(draft.body) };
}

function indicesOf(findings: readonly Finding[], field: Finding['field']): number[] {
  return findings.flatMap((finding, index) => (finding.field === field ? [index] : []));
}

function CheckResult({
  checked,
  stale,
  replacement,
}: {
  checked: CheckedDraft;
  stale: boolean;
  replacement: Replacement;
}) {
  const t = useT();
  const [activeIndex, setActiveIndex] = useState<number | null>(null);
  const { draft, findings, bodyText } = checked;
  const titleIndices = useMemo(() => indicesOf(findings, 'title'), [findings]);
  const bodyIndices = useMemo(() => indicesOf(findings, 'body'), [findings]);

  return (
    <Card
      title={t('check.result')}
      extra={
        <Space size={4} data-testid="finding-summary">
          {findings.length === 0 ? (
            <Tag color="success">{t('check.clean')}</Tag>
          ) : (
            SEVERITIES.map((severity) => {
              const count = findings.filter((finding) => finding.severity === severity).length;
              return count > 0 ? (
                <Tag key={severity} color={SEVERITY_COLORS[severity]}>
                  {t(severityLabel(severity))} {count}
                </Tag>
              ) : null;
            })
          )}
        </Space>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {stale && <Alert type="warning" showIcon title={t('check.stale')} />}
        {draft.html && <Alert type="info" showIcon title={t('check.htmlNote')} />}
        <Row gutter={24}>
          <Col xs={24} xl={15}>
            <Space orientation="vertical" size="small" style={{ width: '100%' }}>
              {draft.title.trim() && (
                <HighlightedText
                  text={draft.title}
                  findings={findings}
                  indices={titleIndices}
                  activeIndex={activeIndex}
                  className="finding-text-title"
                  testId="checked-title"
                />
              )}
              <HighlightedText text={bodyText} findings={findings} indices={bodyIndices} activeIndex={activeIndex} testId="checked-body" />
            </Space>
          </Col>
          <Col xs={24} xl={9}>
            <FindingList findings={findings} replacement={replacement} onActivate={setActiveIndex} />
          </Col>
        </Row>
      </Space>
    </Card>
  );
}

/** 合规检查: any user checks a title and body against the lexicons, terms and privacy detectors. */
export function ComplianceCheckPage() {
  const t = useT();
  const [draft, setDraft] = useState<Draft>({ title: '', body: '', html: false });
  const [checked, setChecked] = useState<CheckedDraft | null>(null);
  const [replacingIndex, setReplacingIndex] = useState<number | null>(null);
  const check = useComplianceCheck();

  const runCheck = (next: Draft, onSettled?: () => void) =>
    check.mutate(requestOf(next), {
      onSuccess: ({ findings, checkedText }) =>
        setChecked((previous) => ({ draft: next, findings, bodyText: checkedText.body, serial: (previous?.serial ?? 0) + 1 })),
      onSettled,
    });

  const stale = checked !== null && !sameDraft(checked.draft, draft);
  const unavailableReason = checked?.draft.html ? t('check.replacePlainOnly') : stale ? t('check.stale') : null;

  const replacement: Replacement = {
    pendingIndex: replacingIndex,
    unavailableReason,
    onReplace: (index) => {
      if (!checked) return;
      const next = applySuggestion(checked.draft, checked.findings[index]);
      setDraft(next);
      setReplacingIndex(index);
      runCheck(next, () => setReplacingIndex(null));
    },
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={t('check.title')}
        extra={
          <Space>
            <Switch checked={draft.html} onChange={(html) => setDraft({ ...draft, html })} aria-label={t('check.pasteHtml')} />
            <Typography.Text>{t('check.pasteHtml')}</Typography.Text>
          </Space>
        }
      >
        <Form layout="vertical" onFinish={() => runCheck(draft)}>
          <Form.Item label={t('check.articleTitle')} htmlFor="check-title">
            <Input id="check-title" value={draft.title} maxLength={500} onChange={(event) => setDraft({ ...draft, title: event.target.value })} />
          </Form.Item>
          <Form.Item label={t('check.body')} htmlFor="check-body" extra={draft.html ? t('check.htmlHint') : undefined}>
            <Input.TextArea
              id="check-body"
              value={draft.body}
              autoSize={{ minRows: 8, maxRows: 24 }}
              placeholder={t(draft.html ? 'check.htmlPlaceholder' : 'check.bodyPlaceholder')}
              onChange={(event) => setDraft({ ...draft, body: event.target.value })}
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            icon={<SafetyCertificateOutlined />}
            loading={check.isPending && replacingIndex === null}
            disabled={!draft.title.trim() && !draft.body.trim()}
          >
            {t('check.run')}
          </Button>
        </Form>
      </Card>
      {/* Keyed by check, so a highlighted finding of the last answer does not carry over to the next. */}
      {checked && <CheckResult key={checked.serial} checked={checked} stale={stale} replacement={replacement} />}
    </Space>
  );
}
