import { describe, expect, it } from 'vitest';
import { featureHash, hammingDistance, simhash, simhashOfHashes, SimHashIndex, type SimHash } from './simhash.ts';

const words = (text: string) => text.split(' ');

/** A deterministic 64-bit value with exactly the given bits flipped from base. */
const flip = (base: SimHash, positions: number[]): SimHash => {
  let { hi, lo } = base;
  for (const p of positions) {
    if (p < 32) lo = (lo ^ (1 << p)) >>> 0;
    else hi = (hi ^ (1 << (p - 32))) >>> 0;
  }
  return { hi, lo };
};

describe('simhash', () => {
  const story = words('网友 投诉 急诊科 护士 态度 恶劣 父亲 凌晨 胸痛 等待 两个 小时 无人 处理 家属 呵斥 医院 尚未 回应');

  it('is deterministic and independent of feature order', () => {
    expect(simhash(story)).toEqual(simhash([...story].reverse()));
  });

  it('keeps near-duplicates close and unrelated texts far apart', () => {
    const rewrite = [...story.slice(0, 16), '没有', '回应'];
    const other = words('心内科 成功 实施 手术 高龄 患者 术后 恢复 良好 家属 送来 锦旗 表示 感谢 医护 团队 专业 耐心');
    expect(hammingDistance(simhash(story), simhash(rewrite))).toBeLessThanOrEqual(10);
    expect(hammingDistance(simhash(story), simhash(other))).toBeGreaterThan(16);
  });

  it('lets a weight decide which features dominate', () => {
    const a = ['罕见', '常见'];
    const favourRare = (f: string) => (f === '罕见' ? 10 : 1);
    expect(simhash(a, favourRare)).toEqual(simhash(['罕见']));
    expect(simhash(a, (f) => (f === '常见' ? 0 : 1))).toEqual(simhash(['罕见']));
  });

  it('takes features already hashed, so a caller hashes each once', () => {
    const weights = story.map((w) => w.length);
    expect(simhashOfHashes(story.map(featureHash), weights)).toEqual(simhash(story, (w) => w.length));
    expect(simhashOfHashes(new Uint32Array(story.map(featureHash)), new Float64Array(weights), 3)).toEqual(simhash(story.slice(0, 3), (w) => w.length));
  });

  it('counts differing bits across both halves', () => {
    const base = { hi: 0xdeadbeef, lo: 0x12345678 };
    expect(hammingDistance(base, base)).toBe(0);
    expect(hammingDistance(base, flip(base, [0, 31, 32, 63]))).toBe(4);
    expect(hammingDistance({ hi: 0, lo: 0 }, { hi: 0xffffffff, lo: 0xffffffff })).toBe(64);
  });
});

describe('SimHashIndex', () => {
  const base = simhash(words('滨江 第一 人民 医院 急诊 排队 五个 小时'));

  it.each([3, 7, 10, 15])('finds every stored hash within maxDistance %i, whichever bits differ, and nothing farther', (maxDistance) => {
    const index = new SimHashIndex<string>({ maxDistance, capacity: 1000 });
    index.add(base, 'story');
    let seed = 7;
    const random = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % 64;
    };
    for (let trial = 0; trial < 400; trial++) {
      const positions = new Set<number>();
      const distance = trial % (maxDistance + 4);
      while (positions.size < distance) positions.add(random());
      const found = index.nearest(flip(base, [...positions]));
      if (distance <= maxDistance) expect(found, `distance ${distance}`).toEqual({ value: 'story', distance });
      else expect(found, `distance ${distance}`).toBeUndefined();
    }
  });

  it('returns the closest entry, the earliest among equals', () => {
    const index = new SimHashIndex<string>({ maxDistance: 6, capacity: 1000 });
    index.add(flip(base, [1, 2, 3]), 'three');
    index.add(flip(base, [40]), 'one-a');
    index.add(flip(base, [50]), 'one-b');
    expect(index.nearest(base)).toEqual({ value: 'one-a', distance: 1 });
  });

  it('forgets the oldest generation once the newest is full', () => {
    const index = new SimHashIndex<number>({ maxDistance: 3, capacity: 2 });
    index.add(base, 1);
    index.add(flip(base, [60]), 2);
    index.add(flip(base, [10, 11, 12, 13, 14, 15, 16, 17]), 3);
    expect(index.size).toBe(3);
    expect(index.nearest(base)?.value).toBe(1);
    index.add(flip(base, [20, 21, 22, 23, 24, 25, 26, 27]), 4);
    index.add(flip(base, [30, 31, 32, 33, 34, 35, 36, 37]), 5);
    expect(index.size).toBe(3);
    expect(index.nearest(base)).toBeUndefined();
  });

  it('refuses a distance it cannot search exactly', () => {
    expect(() => new SimHashIndex({ maxDistance: 16, capacity: 10 })).toThrow(RangeError);
    expect(() => new SimHashIndex({ maxDistance: 3, capacity: 0 })).toThrow(RangeError);
  });
});
