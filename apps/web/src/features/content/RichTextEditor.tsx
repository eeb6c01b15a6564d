import { Fragment, useCallback, useEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import type { Editor } from '@tiptap/core';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import {
  AlignCenterOutlined,
  AlignLeftOutlined,
  AlignRightOutlined,
  BgColorsOutlined,
  BoldOutlined,
  DeleteColumnOutlined,
  DeleteOutlined,
  DeleteRowOutlined,
  FontColorsOutlined,
  InsertRowAboveOutlined,
  InsertRowBelowOutlined,
  InsertRowLeftOutlined,
  InsertRowRightOutlined,
  ItalicOutlined,
  LinkOutlined,
  MenuOutlined,
  OrderedListOutlined,
  PaperClipOutlined,
  PictureOutlined,
  RedoOutlined,
  SafetyCertificateOutlined,
  TableOutlined,
  UnderlineOutlined,
  UndoOutlined,
  UnorderedListOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import { App, Button, ColorPicker, Divider, Dropdown, Input, Modal, Select, Space, Tooltip, Typography, type MenuProps } from 'antd';
import { useT } from '../../app/i18n/i18n';
import { useComplianceCheck, type Finding } from '../messaging/compliance.api';
import { categoryLabel } from '../messaging/findings';
import { SeverityTag } from '../messaging/SeverityTag';
import { AnchoredPopover, boxWithin, type Box } from './AnchoredPopover';
import { commentLayer, findingLayer, replaceAnnotated } from './annotations';
import type { AssetKind, PickedAsset } from './assets.api';
import type { QuotedPassage } from './comment-anchors';
import { articleExtensions } from './editor-extensions';
import { rangeOfSpan, textIndexOf } from './text-positions';
import { annotationAt, usePassageHighlights } from './use-passage-highlights';
import '../messaging/compliance-check.css';
import './article-body.css';
import './rich-text-editor.css';

/** What the editor asks the page to pick from the asset library, and how it puts the picked asset in the body. */
export type AssetInserter = { kind: AssetKind; insert: (asset: PickedAsset) => void };

export type RichTextEditorProps = {
  /** The body as HTML; Form.Item passes value and onChange. An empty body is ''. */
  value?: string;
  onChange?: (html: string) => void;
  editable: boolean;
  ariaLabel: string;
  /**
   * Lets the page pick an image, a video or an attachment from the asset library and hand it to `insert`; without it,
   * an image's address is asked for, and videos and attachments are not offered.
   */
  onPickAsset?: (inserter: AssetInserter) => void;
  /** Comment threads whose quotes are marked in the text; `onLocate` hears which of them it still contains. */
  passages?: readonly QuotedPassage[];
  activePassage?: number | null;
  onPassageClick?: (id: number) => void;
  onLocate?: (inText: ReadonlyMap<number, boolean>) => void;
};

/** The checker runs once typing pauses this long. */
const CHECK_AFTER_MS = 800;
const noPassages: readonly QuotedPassage[] = [];
const ignore = () => undefined;
const webAddress = /^https?:\/\/\S+$/i;

type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;
/** The toolbar offers three levels; a body written elsewhere may have the others, which it then shows. */
const OFFERED_LEVELS: readonly HeadingLevel[] = [1, 2, 3];
const HEADING_LEVELS: readonly HeadingLevel[] = [1, 2, 3, 4, 5, 6];

const ALIGNMENTS = [
  { value: 'left', label: 'editor.alignLeft', icon: <AlignLeftOutlined /> },
  { value: 'center', label: 'editor.alignCenter', icon: <AlignCenterOutlined /> },
  { value: 'right', label: 'editor.alignRight', icon: <AlignRightOutlined /> },
  { value: 'justify', label: 'editor.alignJustify', icon: <MenuOutlined /> },
] as const;

// Colours that read well on a phone's white page, as WeChat layouts use them.
const TEXT_COLOURS = ['#262626', '#595959', '#8c8c8c', '#c00000', '#e60012', '#d46b08', '#389e0d', '#08979c', '#0958d9', '#0a5eb0', '#531dab', '#c41d7f'];
const HIGHLIGHT_COLOURS = ['#fff2cc', '#fffb8f', '#ffe7ba', '#ffccc7', '#d9f7be', '#b5f5ec', '#e6f4ff', '#efdbff'];

/** Commands of the table menu, run where the cursor is in a table. */
const TABLE_COMMANDS = [
  { key: 'addRowBefore', label: 'editor.addRowBefore', icon: <InsertRowAboveOutlined /> },
  { key: 'addRowAfter', label: 'editor.addRowAfter', icon: <InsertRowBelowOutlined /> },
  { key: 'deleteRow', label: 'editor.deleteRow', icon: <DeleteRowOutlined /> },
  { key: 'addColumnBefore', label: 'editor.addColumnBefore', icon: <InsertRowLeftOutlined /> },
  { key: 'addColumnAfter', label: 'editor.addColumnAfter', icon: <InsertRowRightOutlined /> },
  { key: 'deleteColumn', label: 'editor.deleteColumn', icon: <DeleteColumnOutlined /> },
  { key: 'toggleHeaderRow', label: 'editor.toggleHeaderRow', icon: <TableOutlined /> },
  { key: 'deleteTable', label: 'editor.deleteTable', icon: <DeleteOutlined /> },
] as const;

/** A colour for the selected text, from the palette or any other; cleared with the picker's clear swatch. */
function ColourButton({ label, icon, value, presets, onPick, onClear }: { label: string; icon: ReactNode; value: string | undefined; presets: string[]; onPick: (colour: string) => void; onClear: () => void }) {
  const t = useT();
  return (
    <ColorPicker
      size="small"
      disabledAlpha
      allowClear
      value={value ?? null}
      presets={[{ label: t('editor.colourPresets'), colors: presets, defaultOpen: true }]}
      onChangeComplete={(colour) => onPick(colour.toHexString())}
      onClear={onClear}
    >
      <span>
        <Tooltip title={label}>
          <Button size="small" type="text" aria-label={label} icon={icon} style={value ? { color: value } : undefined} />
        </Tooltip>
      </span>
    </ColorPicker>
  );
}

function Toolbar({ editor, onLink, onImage, onAsset, onCheck, checking }: { editor: Editor; onLink: () => void; onImage: () => void; onAsset?: (kind: AssetKind) => void; onCheck: () => void; checking: boolean }) {
  const t = useT();
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      heading: HEADING_LEVELS.find((level) => e.isActive('heading', { level })) ?? (0 as const),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      underline: e.isActive('underline'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      blockquote: e.isActive('blockquote'),
      link: e.isActive('link'),
      align: ALIGNMENTS.find(({ value }) => e.isActive({ textAlign: value }))?.value,
      colour: (e.getAttributes('textStyle').color as string | null) ?? undefined,
      highlight: (e.getAttributes('textStyle').backgroundColor as string | null) ?? undefined,
      inTable: e.isActive('table'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const button = (label: string, icon: ReactNode, run: () => void, active = false, disabled = false) => (
    <Tooltip title={label}>
      <Button size="small" type={active ? 'primary' : 'text'} ghost={active} aria-label={label} aria-pressed={active} icon={icon} disabled={disabled} onClick={run} />
    </Tooltip>
  );
  const chain = () => editor.chain().focus();
  const levels = state.heading > 3 ? [...OFFERED_LEVELS, state.heading] : OFFERED_LEVELS;
  const tableMenu: MenuProps = {
    items: [
      { key: 'insertTable', label: t('editor.insertTable'), icon: <TableOutlined />, disabled: state.inTable },
      { type: 'divider' },
      ...TABLE_COMMANDS.map(({ key, label, icon }) => ({ key, label: t(label), icon, disabled: !state.inTable, danger: key === 'deleteTable' })),
    ],
    onClick: ({ key }) => {
      // A new table: three by three with a header row, the usual start of a schedule or a price list.
      if (key === 'insertTable') chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run();
      else chain()[key as (typeof TABLE_COMMANDS)[number]['key']]().run();
    },
  };
  return (
    <div className="rich-text-toolbar" role="toolbar" aria-label={t('editor.toolbar')}>
      <Select<HeadingLevel | 0>
        size="small"
        variant="borderless"
        style={{ width: 96 }}
        aria-label={t('editor.blockType')}
        value={state.heading}
        onChange={(level) => (level === 0 ? chain().setParagraph().run() : chain().setHeading({ level }).run())}
        options={[{ value: 0, label: t('editor.paragraph') }, ...levels.map((level) => ({ value: level, label: t('editor.heading', { level }) }))]}
      />
      <Divider orientation="vertical" />
      {button(t('editor.bold'), <BoldOutlined />, () => chain().toggleBold().run(), state.bold)}
      {button(t('editor.italic'), <ItalicOutlined />, () => chain().toggleItalic().run(), state.italic)}
      {button(t('editor.underline'), <UnderlineOutlined />, () => chain().toggleUnderline().run(), state.underline)}
      <ColourButton
        label={t('editor.textColour')}
        icon={<FontColorsOutlined />}
        value={state.colour}
        presets={TEXT_COLOURS}
        onPick={(colour) => chain().setColor(colour).run()}
        onClear={() => chain().unsetColor().run()}
      />
      <ColourButton
        label={t('editor.highlight')}
        icon={<BgColorsOutlined />}
        value={state.highlight}
        presets={HIGHLIGHT_COLOURS}
        onPick={(colour) => chain().setBackgroundColor(colour).run()}
        onClear={() => chain().unsetBackgroundColor().run()}
      />
      <Divider orientation="vertical" />
      {ALIGNMENTS.map(({ value, label, icon }) => (
        <Fragment key={value}>{button(t(label), icon, () => (state.align === value ? chain().unsetTextAlign().run() : chain().setTextAlign(value).run()), state.align === value)}</Fragment>
      ))}
      <Divider orientation="vertical" />
      {button(t('editor.bulletList'), <UnorderedListOutlined />, () => chain().toggleBulletList().run(), state.bulletList)}
      {button(t('editor.orderedList'), <OrderedListOutlined />, () => chain().toggleOrderedList().run(), state.orderedList)}
      <Tooltip title={t('editor.blockquote')}>
        <Button size="small" type={state.blockquote ? 'primary' : 'text'} ghost={state.blockquote} aria-pressed={state.blockquote} onClick={() => chain().toggleBlockquote().run()}>
          “ ”
        </Button>
      </Tooltip>
      <Dropdown menu={tableMenu} trigger={['click']}>
        <span>
          <Tooltip title={t('editor.table')}>
            <Button size="small" type={state.inTable ? 'primary' : 'text'} ghost={state.inTable} aria-label={t('editor.table')} icon={<TableOutlined />} />
          </Tooltip>
        </span>
      </Dropdown>
      <Divider orientation="vertical" />
      {button(t(state.link ? 'editor.unlink' : 'editor.link'), <LinkOutlined />, () => (state.link ? chain().extendMarkRange('link').unsetLink().run() : onLink()), state.link)}
      {button(t('editor.image'), <PictureOutlined />, onImage)}
      {onAsset && button(t('editor.video'), <VideoCameraOutlined />, () => onAsset('video'))}
      {onAsset && button(t('editor.attachment'), <PaperClipOutlined />, () => onAsset('attachment'))}
      <Divider orientation="vertical" />
      {button(t('editor.undo'), <UndoOutlined />, () => chain().undo().run(), false, !state.canUndo)}
      {button(t('editor.redo'), <RedoOutlined />, () => chain().redo().run(), false, !state.canRedo)}
      <Button size="small" icon={<SafetyCertificateOutlined />} loading={checking} onClick={onCheck} style={{ marginInlineStart: 'auto' }}>
        {t('editor.check')}
      </Button>
    </div>
  );
}

/** Asks for an address: a link's, or an image's with its description. No <form>: it opens inside the article's form. */
function AddressPrompt({ kind, onCancel, onSubmit }: { kind: 'link' | 'image'; onCancel: () => void; onSubmit: (url: string, alt: string) => void }) {
  const t = useT();
  const [url, setUrl] = useState('');
  const [alt, setAlt] = useState('');
  const [tried, setTried] = useState(false);
  const valid = webAddress.test(url.trim());
  const submit = () => {
    setTried(true);
    if (valid) onSubmit(url.trim(), alt.trim());
  };
  return (
    <Modal open title={t(kind === 'image' ? 'editor.image' : 'editor.link')} onOk={submit} onCancel={onCancel} okButtonProps={{ disabled: !url.trim() }}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input
          autoFocus
          aria-label={t(kind === 'image' ? 'editor.imageUrl' : 'editor.linkUrl')}
          placeholder="https://"
          value={url}
          status={tried && !valid ? 'error' : undefined}
          onChange={(event) => setUrl(event.target.value)}
          onPressEnter={submit}
        />
        {tried && !valid && <Typography.Text type="danger">{t('editor.urlInvalid')}</Typography.Text>}
        {kind === 'image' && <Input aria-label={t('editor.imageAlt')} placeholder={t('editor.imageAlt')} value={alt} onChange={(event) => setAlt(event.target.value)} onPressEnter={submit} />}
      </Space>
    </Modal>
  );
}

function FindingDetail({ finding, onReplace }: { finding: Finding; onReplace: () => void }) {
  const t = useT();
  return (
    <Space orientation="vertical" size={4} style={{ maxWidth: 340 }} data-testid="finding-popover">
      <Space size={6} wrap>
        <SeverityTag severity={finding.severity} />
        <Typography.Text strong>{finding.term}</Typography.Text>
        <Typography.Text type="secondary">{t(categoryLabel(finding.category))}</Typography.Text>
      </Space>
      <div>{finding.message}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('check.rule', { rule: finding.rule })}
      </Typography.Text>
      {finding.suggestion !== null && (
        <Button type="primary" size="small" onClick={onReplace}>
          {t('editor.replaceWith', { suggestion: finding.suggestion })}
        </Button>
      )}
    </Space>
  );
}

/**
 * 正文 editor (TipTap): headings, emphasis, colours, alignment, lists, quotes, tables, links, and images, videos and
 * attachments from the asset library — all of which the server's sanitiser keeps, and all it keeps the editor keeps.
 * While it is edited, the compliance checker reads it once typing pauses (or on 合规检查) and each finding is
 * marked in place by severity; a click on one tells why and replaces exactly that text with the suggestion.
 */
export function RichTextEditor({
  value,
  onChange,
  editable,
  ariaLabel,
  onPickAsset,
  passages = noPassages,
  activePassage = null,
  onPassageClick = ignore,
  onLocate = ignore,
}: RichTextEditorProps) {
  const t = useT();
  const { message } = App.useApp();
  const container = useRef<HTMLDivElement>(null);
  const emitted = useRef(value);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const [findings, setFindings] = useState<Finding[]>([]);
  const [openFinding, setOpenFinding] = useState<{ index: number; at: Box } | null>(null);
  const [prompt, setPrompt] = useState<'link' | 'image' | null>(null);
  const check = useComplianceCheck();
  const runCheckMutation = check.mutate;

  const editor = useEditor({
    extensions: [...articleExtensions, findingLayer.extension, commentLayer.extension],
    content: value ?? '',
    editable,
    editorProps: { attributes: { class: 'article-body rich-text-content', role: 'textbox', 'aria-multiline': 'true', 'aria-label': ariaLabel } },
    onUpdate: ({ editor: current }) => {
      setOpenFinding(null);
      const html = current.isEmpty ? '' : current.getHTML();
      emitted.current = html;
      onChangeRef.current?.(html);
    },
  });

  // The form may set the body itself (a reset); what the editor emitted itself is already in it.
  useEffect(() => {
    if (value === undefined || value === emitted.current) return;
    emitted.current = value;
    editor.commands.setContent(value, { emitUpdate: false });
  }, [editor, value]);

  useEffect(() => {
    editor.setEditable(editable);
  }, [editor, editable]);

  /** Checks the body as it is now; an answer about a body since edited is dropped (the next check is on its way). */
  const runCheck = useCallback(
    (announce: boolean) => {
      const doc = editor.state.doc;
      runCheckMutation(
        { html: editor.getHTML() },
        {
          onSuccess: (result) => {
            if (editor.isDestroyed || editor.state.doc !== doc) return;
            const index = textIndexOf(doc);
            const found = result.findings.filter((finding) => finding.field === 'body');
            const marks = found.flatMap((finding, i) => {
              const range = rangeOfSpan(index, finding.start, finding.end);
              return range ? [{ id: String(i), ...range, className: `finding-mark finding-mark-${finding.severity}` }] : [];
            });
            setFindings(found);
            editor.view.dispatch(findingLayer.set(editor.state, marks));
            if (announce) void (found.length ? message.warning(t('editor.checkFound', { count: found.length })) : message.success(t('editor.checkClean')));
          },
        },
      );
    },
    [editor, runCheckMutation, message, t],
  );

  useEffect(() => {
    if (!editable) {
      editor.view.dispatch(findingLayer.set(editor.state, []));
      return undefined;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => runCheck(false), CHECK_AFTER_MS);
    };
    editor.on('update', schedule);
    // A draft opened again shows its findings at once.
    if (!editor.isEmpty) runCheck(false);
    return () => {
      clearTimeout(timer);
      editor.off('update', schedule);
    };
  }, [editor, editable, runCheck]);

  usePassageHighlights(editor, passages, activePassage, onLocate);

  const onContentClick = (event: MouseEvent) => {
    const finding = annotationAt(event.target, findingLayer.attribute);
    if (finding && container.current) {
      setOpenFinding({ index: Number(finding.id), at: boxWithin(finding.element, container.current) });
      return;
    }
    const comment = annotationAt(event.target, commentLayer.attribute);
    if (comment) onPassageClick(Number(comment.id));
  };

  const replace = (index: number) => {
    const suggestion = findings[index]?.suggestion;
    setOpenFinding(null);
    if (suggestion == null) return;
    const tr = replaceAnnotated(findingLayer, editor.state, String(index), suggestion);
    if (tr) editor.view.dispatch(tr);
    editor.commands.focus();
  };

  /** Puts a picked asset where the cursor is, tied to the library by its id (the server checks its patient consent). */
  const insertAsset = (kind: AssetKind, asset: PickedAsset) => {
    const assetId = String(asset.id);
    const chain = editor.chain().focus();
    if (kind === 'image') chain.insertContent({ type: 'image', attrs: { src: asset.url, alt: asset.alt, assetId } });
    else if (kind === 'video') chain.setVideo({ src: asset.url, poster: asset.thumbnailUrl, assetId });
    else chain.insertAttachment({ href: asset.url, filename: asset.filename, bytes: asset.bytes, assetId });
    chain.run();
  };
  const pickAsset = (kind: AssetKind) => onPickAsset?.({ kind, insert: (asset) => insertAsset(kind, asset) });

  const applyAddress = (url: string, alt: string) => {
    if (prompt === 'image') editor.chain().focus().setImage({ src: url, alt: alt || undefined }).run();
    else if (editor.state.selection.empty) editor.chain().focus().insertContent({ type: 'text', text: url, marks: [{ type: 'link', attrs: { href: url } }] }).run();
    else editor.chain().focus().extendMarkRange('link').setLink({ href: url }).run();
    setPrompt(null);
  };

  const finding = openFinding === null ? undefined : findings[openFinding.index];
  return (
    <div className="rich-text-editor" ref={container} data-testid="rich-text-editor">
      {editable && (
        <Toolbar
          editor={editor}
          onLink={() => setPrompt('link')}
          onImage={() => (onPickAsset ? pickAsset('image') : setPrompt('image'))}
          onAsset={onPickAsset && pickAsset}
          onCheck={() => runCheck(true)}
          checking={check.isPending}
        />
      )}
      <EditorContent editor={editor} onClick={onContentClick} />
      <AnchoredPopover
        at={finding ? openFinding!.at : null}
        onClose={() => setOpenFinding(null)}
        content={finding && <FindingDetail finding={finding} onReplace={() => replace(openFinding!.index)} />}
      />
      {prompt && <AddressPrompt kind={prompt} onCancel={() => setPrompt(null)} onSubmit={applyAddress} />}
    </div>
  );
}
