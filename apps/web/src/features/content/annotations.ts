import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

/** A mark over a document range that is not part of the document: a compliance finding, a comment's quote. */
export type Annotation = { id: string; from: number; to: number; className: string };

type Spec = { id: string; text: string };

const textOf = (state: { doc: EditorState['doc'] }, from: number, to: number) => state.doc.textBetween(from, to, '\n', '\n');

/**
 * One layer of annotations, drawn as ProseMirror decorations whose `attribute` names each (a layer of its own, so
 * that marks of two layers over the same text keep both names). Edits move them along; an edit inside one removes it,
 * since what it was about has changed. Setting a layer is not an undoable step.
 */
export function annotationLayer(name: string, attribute: `data-${string}`) {
  const key = new PluginKey<DecorationSet>(name);
  const decorate = (state: { doc: EditorState['doc'] }, annotations: readonly Annotation[]) =>
    DecorationSet.create(
      state.doc,
      annotations.map((a) => Decoration.inline(a.from, a.to, { class: a.className, [attribute]: a.id }, { id: a.id, text: textOf(state, a.from, a.to) } satisfies Spec)),
    );
  const plugin = new Plugin<DecorationSet>({
    key,
    state: {
      init: () => DecorationSet.empty,
      apply(tr, set) {
        const replaced = tr.getMeta(key) as readonly Annotation[] | undefined;
        if (replaced) return decorate(tr, replaced);
        if (!tr.docChanged) return set;
        const mapped = set.map(tr.mapping, tr.doc);
        const touched = mapped.find().filter((d) => textOf(tr, d.from, d.to) !== (d.spec as Spec).text);
        return touched.length ? mapped.remove(touched) : mapped;
      },
    },
    props: { decorations: (state) => key.getState(state) },
  });
  return {
    plugin,
    attribute,
    extension: Extension.create({ name, addProseMirrorPlugins: () => [plugin] }),
    /** A transaction that makes `annotations` the layer's whole content. */
    set: (state: EditorState, annotations: readonly Annotation[]): Transaction => state.tr.setMeta(key, annotations).setMeta('addToHistory', false),
    /** Where an annotation stands now, after the edits since it was set; null once an edit went through it. */
    rangeOf(state: EditorState, id: string): { from: number; to: number } | null {
      const [found] = key.getState(state)?.find(undefined, undefined, (spec) => (spec as Spec).id === id) ?? [];
      return found ? { from: found.from, to: found.to } : null;
    },
  };
}

export type AnnotationLayer = ReturnType<typeof annotationLayer>;

/** Replaces exactly the text under an annotation (一键替换), keeping the marks it had; null if it is gone. */
export function replaceAnnotated(layer: AnnotationLayer, state: EditorState, id: string, replacement: string): Transaction | null {
  const range = layer.rangeOf(state, id);
  return range ? state.tr.insertText(replacement, range.from, range.to) : null;
}

/** The two layers the article editor and viewer draw. */
export const findingLayer = annotationLayer('complianceFindings', 'data-finding');
export const commentLayer = annotationLayer('articleComments', 'data-comment');
