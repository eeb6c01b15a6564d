import type { Segmenter } from '../../../../../packages/text/src/segment.ts';

let segmenter: Promise<Segmenter> | undefined;

/** jieba and its dictionary load on first use, not at start-up, so a server that never searches never pays for them. */
export function searchSegmenter(): Promise<Segmenter> {
  segmenter ??= import('../../../../../packages/text/src/segment.ts').then(({ createSegmenter }) => createSegmenter([]));
  return segmenter;
}
