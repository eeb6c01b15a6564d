import { createSegmenter } from '../../../../../packages/text/src/index.ts';

type Segmenter = ReturnType<typeof createSegmenter>;

let segmenter: Segmenter | undefined;

/** jieba loads its dictionary on first use, not at start-up, so a server that never searches never pays for it. */
export async function searchSegmenter(): Promise<Segmenter> {
  segmenter ??= createSegmenter([]);
  return segmenter;
}
