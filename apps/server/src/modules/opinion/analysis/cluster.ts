import { SimHashIndex, type SimHash } from '../../../../../../packages/text/src/simhash.ts';
import type { RiskLevel } from './types.ts';

/** A near-duplicate cluster (mention_cluster): one story, its reposts and its light rewrites. */
export type ClusterState = {
  id: string | number;
  size: number;
  /** Arrival times (ms) of its latest mentions, for the growth rate. */
  recent: number[];
  /** Σ source weight × (1 + reach) over its mentions. */
  weightedReach: number;
};

export type ClusterOptions = {
  /**
   * Hamming distance (of 64 bits, at most 15) up to which two mentions are one story: at 7 a repost with a
   * comment and a lightly rewritten post (5-8 bits from the original, and a rewrite of a rewrite joins through
   * it) stay together, while similar complaints about different events (12 bits and more) do not. Up to 7 the
   * index probes four 16-bit blocks; beyond, five or more narrower ones, with eight times the candidates.
   */
  maxDistance?: number;
  /**
   * Signatures kept per generation; two generations are searched, so a story is found among the last
   * `capacity` to 2 × `capacity` distinct mentions (days of a hospital's mentions). A search costs about
   * 1% of the entries kept, so the window is what bounds the engine's single-threaded step.
   */
  capacity?: number;
};

export type ClusterMember = { signature: SimHash | undefined; at: number; reach: number; sourceWeight: number };

const growthWindowMs = 60 * 60 * 1000;
/** Within this many bits a mention is a copy (a repost, the same text) of the member it matched. */
const copyDistance = 3;
const recentKept = 64;

/**
 * A story is spreading (黄) when its cluster has this many mentions in all or this many within an hour, and
 * going viral (橙) at the second set, or when its reach weighted by source (central media 3, news 2,
 * social posts 1) adds up.
 */
export const clusterThresholds = { yellow: { size: 10, perHour: 5 }, orange: { size: 50, perHour: 20, weightedReach: 5000 } };

/**
 * Assigns each mention, in arrival order, to the cluster of its nearest earlier near-duplicate, or to a new
 * cluster named after it. Every member's signature that is not a mere copy is indexed, so a rewrite of a
 * rewrite still joins while ten thousand reposts of one post cost one entry.
 */
export class ClusterTracker {
  readonly #index: SimHashIndex<ClusterState>;

  constructor(options: ClusterOptions = {}) {
    this.#index = new SimHashIndex({ maxDistance: options.maxDistance ?? 7, capacity: options.capacity ?? 10_000 });
  }

  assign(id: string | number, member: ClusterMember): { cluster: ClusterState; growth: number } {
    const found = member.signature && this.#index.nearest(member.signature);
    const cluster = found ? found.value : { id, size: 0, recent: [], weightedReach: 0 };
    cluster.size++;
    cluster.weightedReach += member.sourceWeight * (1 + member.reach);
    cluster.recent.push(member.at);
    if (cluster.recent.length > recentKept) cluster.recent.shift();
    // A near-copy of an indexed member adds nothing to what can be found, only to every later search.
    if (member.signature && !(found && found.distance <= copyDistance)) this.#index.add(member.signature, cluster);
    let growth = 0;
    for (const t of cluster.recent) if (t > member.at - growthWindowMs && t <= member.at) growth++;
    return { cluster, growth };
  }
}

/** The level a growing story reaches by its cluster's size, hourly growth and weighted reach. */
export function clusterRisk(cluster: ClusterState, growth: number): { risk: RiskLevel; reason: string } {
  const { yellow, orange } = clusterThresholds;
  const reason = `cluster:size=${cluster.size},growth=${growth}/h,reach=${Math.round(cluster.weightedReach)}`;
  if (cluster.size >= orange.size || growth >= orange.perHour || cluster.weightedReach >= orange.weightedReach) return { risk: 3, reason };
  if (cluster.size >= yellow.size || growth >= yellow.perHour) return { risk: 2, reason };
  return { risk: 0, reason };
}
