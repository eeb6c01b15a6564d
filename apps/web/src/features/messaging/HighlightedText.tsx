import { useMemo } from 'react';
import { useT } from '../../app/i18n/i18n';
import type { Finding } from './compliance.api';
import { categoryLabel } from './findings';
import { segmentText } from './highlight-segments';
import './compliance-check.css';

/** `text` with the findings at `indices` marked in place, coloured by severity. */
export function HighlightedText({
  text,
  findings,
  indices,
  activeIndex,
  className,
  testId,
}: {
  text: string;
  findings: readonly Finding[];
  indices: readonly number[];
  activeIndex: number | null;
  className?: string;
  testId: string;
}) {
  const t = useT();
  const segments = useMemo(() => segmentText(text, findings, indices), [text, findings, indices]);
  return (
    <div className={`finding-text ${className ?? ''}`} data-testid={testId}>
      {segments.map((segment) => {
        if (!segment.severity) return <span key={segment.start}>{segment.text}</span>;
        const active = activeIndex !== null && segment.findings.includes(activeIndex);
        const explanation = segment.findings
          .map((index) => `${t(categoryLabel(findings[index].category))}：${findings[index].message}`)
          .join('\n');
        return (
          <mark
            key={segment.start}
            className={`finding-mark finding-mark-${segment.severity}${active ? ' finding-mark-active' : ''}`}
            data-severity={segment.severity}
            title={explanation}
          >
            {segment.text}
          </mark>
        );
      })}
    </div>
  );
}
