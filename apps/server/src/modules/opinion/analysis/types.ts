/** The fields every mention gets, as defined in docs/opinion-risk.md. */
export const polarities = ['negative', 'neutral', 'positive'] as const;
export type Polarity = (typeof polarities)[number];

export const categories = [
  'service_attitude',
  'waiting_crowding',
  'fees_billing',
  'medical_dispute',
  'malpractice_injury',
  'death',
  'violence',
  'corruption',
  'privacy',
  'infection_safety',
  'rumor',
  'environment_facilities',
  'praise_staff',
  'medical_achievement',
  'public_service_event',
  'policy_news',
  'unrelated',
] as const;
export type Category = (typeof categories)[number];

/** 0 none, 1 蓝 blue, 2 黄 yellow, 3 橙 orange, 4 红 red. */
export type RiskLevel = 0 | 1 | 2 | 3 | 4;

export type HospitalProfile = {
  name: string;
  aliases: string[];
  campuses: string[];
  departments: string[];
  staff: string[];
  exclude: string[];
};

/** One mention as ingested (feeds, push, import, the CLI). */
export type MentionInput = {
  id: string | number;
  source: string;
  title: string;
  text: string;
  url?: string | null;
  author?: string | null;
  /** ISO 8601. */
  published_at?: string | null;
  reposts?: number | null;
  comments?: number | null;
  likes?: number | null;
};

export type MentionAnalysis = {
  id: string | number;
  about_hospital: boolean;
  polarity: Polarity;
  risk: RiskLevel;
  category: Category;
  /** The id of the first mention of its near-duplicate cluster, or its own id. */
  cluster: string | number;
  /** The matched rules and terms that explain the result. */
  reasons: string[];
};
