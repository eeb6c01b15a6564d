import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { EditorContent, useEditor } from '@tiptap/react';
import { Button, Input, Space } from 'antd';
import { useT } from '../../app/i18n/i18n';
import { AnchoredPopover, boxWithin, type Box } from './AnchoredPopover';
import { commentLayer } from './annotations';
import type { QuotedPassage } from './comment-anchors';
import { articleExtensions } from './editor-extensions';
import { spanOfRange, textIndexOf } from './text-positions';
import { annotationAt, usePassageHighlights } from './use-passage-highlights';
import './article-body.css';
import './rich-text-editor.css';

/** A passage a reader selected: its text and its offsets in the body's visible text. */
export type SelectedPassage = { quote: string; start: number; end: number };

type Props = {
  html: string;
  passages: readonly QuotedPassage[];
  activePassage: number | null;
  onPassageClick: (id: number) => void;
  onLocate: (inText: ReadonlyMap<number, boolean>) => void;
  /** Given when the reader may comment: selecting text then offers a comment on it. */
  onComment?: (passage: SelectedPassage, body: string) => Promise<unknown>;
};

/**
 * The body read-only, laid out by the same editor schema as when it was written, so a selection's offsets are those
 * the server counts in; comment threads' quotes are marked, and a selection can be commented on.
 */
export function ArticleBodyViewer({ html, passages, activePassage, onPassageClick, onLocate, onComment }: Props) {
  const t = useT();
  const container = useRef<HTMLDivElement>(null);
  const [selected, setSelected] = useState<{ passage: SelectedPassage; at: Box } | null>(null);
  const [body, setBody] = useState('');
  const [saving, setSaving] = useState(false);
  const editor = useEditor({ extensions: [...articleExtensions, commentLayer.extension], content: html, editable: false, editorProps: { attributes: { class: 'article-body rich-text-content' } } });

  // A decision or a new version brings a new body; the update it emits finds the quotes in it again.
  const shown = useRef(html);
  useEffect(() => {
    if (html === shown.current) return;
    shown.current = html;
    editor.commands.setContent(html, { emitUpdate: true });
  }, [editor, html]);

  usePassageHighlights(editor, passages, activePassage, onLocate);

  /** After the mouse or the keyboard changed the selection inside the body: the passage it covers, if any. */
  const readSelection = () => {
    const selection = window.getSelection();
    if (!onComment || !selection || selection.isCollapsed || selection.rangeCount === 0 || !container.current) return;
    const range = selection.getRangeAt(0);
    if (!editor.view.dom.contains(range.commonAncestorContainer)) return;
    const from = editor.view.posAtDOM(range.startContainer, range.startOffset);
    const to = editor.view.posAtDOM(range.endContainer, range.endOffset);
    const passage = spanOfRange(textIndexOf(editor.state.doc), Math.min(from, to), Math.max(from, to));
    if (passage) setSelected({ passage, at: boxWithin(range, container.current) });
  };

  const onClick = (event: MouseEvent) => {
    const comment = annotationAt(event.target, commentLayer.attribute);
    if (comment && window.getSelection()?.isCollapsed !== false) onPassageClick(Number(comment.id));
  };

  const save = async () => {
    if (!selected || !onComment) return;
    setSaving(true);
    try {
      await onComment(selected.passage, body.trim());
      setSelected(null);
      setBody('');
    } catch {
      // The API error is shown by the global handler; the comment stays in the popover to try again.
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="rich-text-viewer" ref={container} data-testid="article-body" onMouseUp={readSelection} onKeyUp={readSelection}>
      <EditorContent editor={editor} onClick={onClick} />
      <AnchoredPopover
        at={selected?.at ?? null}
        onClose={() => setSelected(null)}
        content={
          selected && (
            <Space orientation="vertical" style={{ width: 300 }} data-testid="comment-popover">
              <Input.TextArea autoFocus aria-label={t('comment.placeholder')} placeholder={t('comment.placeholder')} autoSize={{ minRows: 2, maxRows: 6 }} value={body} onChange={(event) => setBody(event.target.value)} />
              <Button type="primary" size="small" loading={saving} disabled={!body.trim()} onClick={() => void save()}>
                {t('comment.add')}
              </Button>
            </Space>
          )
        }
      />
    </div>
  );
}
