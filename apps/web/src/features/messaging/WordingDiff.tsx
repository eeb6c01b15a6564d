import { useMemo } from 'react';
import { diffText } from './text-diff';
import './wording-diff.css';

/** `after` as it differs from `before`: removed text struck through in red, added text in green. */
export function WordingDiff({ before, after }: { before: string; after: string }) {
  const parts = useMemo(() => diffText(before, after), [before, after]);
  return (
    <div className="wording-diff" data-testid="wording-diff">
      {parts.map((part, index) => {
        if (part.kind === 'added') return <ins key={index}>{part.text}</ins>;
        if (part.kind === 'removed') return <del key={index}>{part.text}</del>;
        return <span key={index}>{part.text}</span>;
      })}
    </div>
  );
}
