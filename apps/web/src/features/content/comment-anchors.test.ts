import { describe, expect, it } from 'vitest';
import { locatePassages } from './comment-anchors';
import { bold, doc, p } from './editor-test-support';
import { textIndexOf } from './text-positions';

/** The version a reviewer commented on: 胸痛中心开展义诊。\n专家为市民讲解胸痛知识，义诊共服务市民300余人次。\n */
const commented = [
  { id: 1, quote: '300余人次', anchor: { start: 29, end: 35 } },
  { id: 2, quote: '胸痛知识', anchor: { start: 17, end: 21 } },
  { id: 3, quote: '义诊', anchor: { start: 22, end: 24 } },
];

const textAt = (node: ReturnType<typeof doc>, range: { from: number; to: number } | null | undefined) => (range ? node.textBetween(range.from, range.to) : range);

describe('locatePassages', () => {
  it('finds each quote where it was when the text is unchanged', () => {
    const node = doc(p('胸痛中心开展义诊。'), p('专家为市民讲解', bold('胸痛'), '知识，义诊共服务市民300余人次。'));
    const located = locatePassages(textIndexOf(node), commented);
    expect([...located.values()].map((range) => textAt(node, range))).toEqual(['300余人次', '胸痛知识', '义诊']);
    // 义诊 occurs twice: the comment was on the second.
    expect(located.get(3)!.from).toBeGreaterThan(node.child(0).nodeSize);
  });

  it('follows a quote that moved because text before it changed, and loses one whose text was rewritten', () => {
    const node = doc(p('近日，胸痛中心开展义诊。'), p('心内科专家为市民讲解胸痛知识，义诊共服务市民312人次。'));
    const located = locatePassages(textIndexOf(node), commented);
    expect(located.get(1)).toBeNull();
    expect(textAt(node, located.get(2))).toBe('胸痛知识');
    // Still the second 义诊, now six units later.
    expect(located.get(3)!.from).toBeGreaterThan(node.child(0).nodeSize);
    expect(textAt(node, located.get(3))).toBe('义诊');
  });
});
