import { history, undoDepth } from '@tiptap/pm/history';
import { EditorState } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { annotationLayer, replaceAnnotated } from './annotations';
import { bold, doc, p } from './editor-test-support';
import { rangeOfSpan, textIndexOf } from './text-positions';

const layer = annotationLayer('test', 'data-test');

/** A document with 根治 in bold and a finding over it, placed through the visible-text offsets the server gives. */
function annotated() {
  const state = EditorState.create({ doc: doc(p('我院胸痛中心'), p('可以', bold('根治'), '急性心梗。')), plugins: [layer.plugin, history()] });
  const index = textIndexOf(state.doc);
  const start = index.text.indexOf('根治');
  const range = rangeOfSpan(index, start, start + 2)!;
  return state.apply(layer.set(state, [{ id: 'finding-0', ...range, className: 'finding-mark finding-mark-block' }]));
}

const textAt = (state: EditorState, range: { from: number; to: number } | null) => (range ? state.doc.textBetween(range.from, range.to) : null);

describe('annotation layers', () => {
  it('mark the range they were given, without an undo step', () => {
    const state = annotated();
    expect(textAt(state, layer.rangeOf(state, 'finding-0'))).toBe('根治');
    expect(layer.rangeOf(state, 'finding-1')).toBeNull();
    expect(undoDepth(state)).toBe(0);
  });

  it('move along with edits elsewhere, even right at their edges', () => {
    let state = annotated();
    const { from, to } = layer.rangeOf(state, 'finding-0')!;
    state = state.apply(state.tr.insertText('近日，', 1));
    state = state.apply(state.tr.insertText('的', from + 3));
    state = state.apply(state.tr.insertText('！', to + 4));
    expect(textAt(state, layer.rangeOf(state, 'finding-0'))).toBe('根治');
    expect(state.doc.textContent).toBe('近日，我院胸痛中心可以的根治！急性心梗。');
  });

  it('drop an annotation once an edit goes through its text', () => {
    let state = annotated();
    const { from } = layer.rangeOf(state, 'finding-0')!;
    state = state.apply(state.tr.insertText('不', from + 1));
    expect(layer.rangeOf(state, 'finding-0')).toBeNull();
  });

  it('are replaced wholly by a new set', () => {
    let state = annotated();
    state = state.apply(layer.set(state, [{ id: 'finding-1', from: 1, to: 3, className: 'finding-mark' }]));
    expect(layer.rangeOf(state, 'finding-0')).toBeNull();
    expect(textAt(state, layer.rangeOf(state, 'finding-1'))).toBe('我院');
  });
});

describe('replaceAnnotated', () => {
  it('replaces exactly the annotated range, keeping its marks, and removes the annotation', () => {
    let state = annotated();
    state = state.apply(replaceAnnotated(layer, state, 'finding-0', '有效控制')!);
    expect(state.doc.textBetween(0, state.doc.content.size, '\n')).toBe('我院胸痛中心\n可以有效控制急性心梗。');
    expect(state.doc.child(1).child(1)).toMatchObject({ text: '有效控制' });
    expect(state.doc.child(1).child(1).marks.map((m) => m.type.name)).toEqual(['bold']);
    expect(layer.rangeOf(state, 'finding-0')).toBeNull();
    expect(undoDepth(state)).toBe(1);
  });

  it('does nothing once the annotated text is gone', () => {
    let state = annotated();
    const { from, to } = layer.rangeOf(state, 'finding-0')!;
    state = state.apply(state.tr.delete(from, to));
    expect(replaceAnnotated(layer, state, 'finding-0', '有效控制')).toBeNull();
  });
});
