import { useEffect, useRef, useState } from 'react';
import type { Editor } from '@tiptap/core';
import { commentLayer } from './annotations';
import { locatePassages, type QuotedPassage } from './comment-anchors';
import { textIndexOf } from './text-positions';

/** Edits are followed by the layer's own mapping at once; quotes are searched for again once typing pauses. */
const RELOCATE_AFTER_MS = 400;

/**
 * Marks the quotes of comment threads in the editor's text, found again after edits (comment-anchors.ts), and tells
 * `onLocate` which of them are in the text. The active thread's mark is emphasised and scrolled into view.
 */
export function usePassageHighlights(
  editor: Editor | null,
  passages: readonly QuotedPassage[],
  activeId: number | null,
  onLocate: (inText: ReadonlyMap<number, boolean>) => void,
) {
  const [edits, setEdits] = useState(0);
  const onLocateRef = useRef(onLocate);
  onLocateRef.current = onLocate;
  // Lists are rebuilt on every render: what the marks depend on is their content.
  const passagesRef = useRef(passages);
  passagesRef.current = passages;
  const signature = passages.map((p) => `${p.id}:${p.anchor.start}:${p.quote}`).join('\n');

  useEffect(() => {
    if (!editor) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdate = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setEdits((count) => count + 1), RELOCATE_AFTER_MS);
    };
    editor.on('update', onUpdate);
    return () => {
      clearTimeout(timer);
      editor.off('update', onUpdate);
    };
  }, [editor]);

  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const located = locatePassages(textIndexOf(editor.state.doc), passagesRef.current);
    const marks = [...located].flatMap(([id, range]) =>
      range ? [{ id: String(id), ...range, className: `comment-mark${id === activeId ? ' comment-mark-active' : ''}` }] : [],
    );
    editor.view.dispatch(commentLayer.set(editor.state, marks));
    onLocateRef.current(new Map([...located].map(([id, range]) => [id, range !== null])));
  }, [editor, signature, activeId, edits]);

  useEffect(() => {
    if (!editor?.isInitialized || activeId === null) return;
    editor.view.dom.querySelector(`[${commentLayer.attribute}="${activeId}"]`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [editor, activeId]);
}

/** The comment thread or finding whose mark was clicked, by the layer's attribute; null for plain text. */
export function annotationAt(target: EventTarget, attribute: string): { id: string; element: HTMLElement } | null {
  const element = target instanceof Element ? target.closest<HTMLElement>(`[${attribute}]`) : null;
  const id = element?.getAttribute(attribute);
  return element && id ? { id, element } : null;
}
