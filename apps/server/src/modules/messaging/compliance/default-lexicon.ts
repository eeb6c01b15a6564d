import type { FindingCategory, LexiconEntryInput, Severity } from './compliance-types.ts';

/**
 * The default lexicon every hospital starts with: absolute terms (《广告法》第九条第三项) and medical claims
 * (《广告法》第十六条, 《医疗广告管理办法》第七条), written for hospital publicity — news, science popularisation,
 * WeChat posts — rather than for paid advertising. Severity follows what a publicity editor would do:
 *   block — a claim that must not go out in any reading (保证治愈, 治愈率, 全国第一, 最佳 as praise);
 *   warn  — usually a claim, but the wording has common neutral readings an editor should look at (最好, 第一, 首家);
 *   info  — a fact that may be true but needs its source (首例, 填补省内空白, 唯一).
 * Context rules are data, read by the checker on the normalized text around each occurrence:
 *   unlessFollowedBy — not a finding when the text right after the term starts with one of these (第一届, 根治术);
 *   unlessPrecededBy — not a finding when the text right before it ends with one of these (安全第一, 荣获最佳).
 * A medical claim, from here or from an imported lexicon, is also no finding when its clause denies or warns
 * against it (糖尿病目前无法根治, 谨防"包治百病"): see negationCues. Absolute terms are not negated — 并非第一
 * is rare in publicity and 谨防"全国第一" still repeats the claim.
 */
export type ContextRules = { unlessFollowedBy?: string[]; unlessPrecededBy?: string[] };
export type DefaultLexiconEntry = LexiconEntryInput & ContextRules;

/** A claim whose words vary too much for a term list (比XX医院更好); matched on the normalized text. */
export type PatternRule = { pattern: RegExp; category: FindingCategory; severity: Severity; rule: string; suggestion: string | null };

export const rules = {
  superlatives: '《广告法》第九条第三项',
  evidence: '《广告法》第十一条第二款',
  efficacyGuarantee: '《广告法》第十六条第一款第一项；《医疗广告管理办法》第七条第二项',
  safetyAssertion: '《广告法》第十六条第一款第一项',
  cureRates: '《广告法》第十六条第一款第二项；《医疗广告管理办法》第七条第三项',
  comparison: '《广告法》第十六条第一款第三项',
  disparagement: '《广告法》第十六条第一款第三项；《医疗广告管理办法》第七条第五项',
  endorsement: '《广告法》第十六条第一款第四项；《医疗广告管理办法》第七条第六项',
  superstition: '《医疗广告管理办法》第七条第四项',
} as const;

/**
 * What follows 第一 when it counts rather than ranks, even after a region (全国第一届, 全国第一批): sessions,
 * batches, time, steps, parts of a text, the front line (奋战在第一线), and hospital names (第一人民医院,
 * 第一附属医院, 第一临床医学院).
 */
const sequenceFollowers = [
  '届', '批', '次', '期', '季度', '阶段', '时间', '步', '轮', '章', '节', '条', '款', '项', '部分', '册', '分册', '集', '篇', '辑',
  '卷', '版', '页', '课', '讲', '线', '现场', '站', '人民医院', '附属', '医院', '中心医院', '临床', '妇幼', '中医院', '门诊部', '医学院',
];

/**
 * What follows 第一 alone when it is no ranking: the above, authorship and responsibility (第一作者, 第一责任人),
 * a hospital's own first case or machine (第一例, 第一台: 全省第一例 is still one, see the region compounds),
 * 第一名称 (a medical institution's registered name), idioms (第一手, 第一印象, 第一反应) and ordinals of a
 * hundred and more. 第一个 stays a finding: "全省第一个开展" is the same claim as 首个.
 */
const ordinalFollowers = [
  ...sequenceFollowers,
  '例', '台', '位', '作者', '完成人', '责任人', '负责人', '联系人', '书记', '名称', '单位', '天', '日', '周', '月', '年', '排', '列', '稿',
  '手', '道', '种', '类', '组', '层', '级', '口', '声', '眼', '印象', '反应', '症状', '要务', '生产力', '部', '本',
  '百', '千', '万', '十', '亿',
];

/** Value slogans, not rankings: 安全第一, 患者第一, 生命第一. */
const sloganPreceders = ['安全', '质量', '生命', '健康', '患者', '病人', '人民'];

/**
 * Results quoted in news (荣获最佳论文奖, 获得第一名, 技能大赛第一名, 摘得金牌) report an award, they do not
 * praise: the words just before it, and the award names after 最佳 (年会最佳论文奖).
 */
const awardPreceders = ['获', '获得', '荣获', '获评', '评为', '评选为', '入选', '摘得', '斩获', '夺得', '赢得', '取得', '赛', '评比', '评选'];
const awardNameFollowers = ['论文', '病例', '案例', '作品', '组织奖', '人气奖', '风采奖', '创意奖', '表现奖', '新人奖', '贡献奖', '演讲', '科普'];

/**
 * 最好 as the adverb "had better" (最好不要熬夜, 最好在饭后服用) is everyday health advice; it is a claim when
 * it describes something (最好的医院, 效果最好). These are the starts of the advice reading.
 */
const adviceFollowers = [
  '不要', '别', '不', '能', '能够', '可以', '在', '先', '尽早', '尽量', '及时', '去', '到', '由', '选择', '避免', '少',
  '多', '每', '戒', '控制', '保持', '定期', '咨询', '遵', '听', '使用', '服用', '就医', '就诊', '进行', '做', '请', '是',
  '还是', '一', '提前', '空腹', '立即', '马上', '坚持', '适量', '适当', '让', '给', '把', '将', '和', '与', '跟', '用',
  '采用', '配合', '间隔', '隔', '卧床', '休息', '佩戴', '穿', '带', '吃', '喝', '睡', '早', '晚', '也', '都', '还', '再',
];

/** 最佳治疗时机, 最佳剂量: clinical wording for an optimum, not praise. */
const optimumFollowers = [
  '时机', '时间', '时期', '时段', '窗口', '期', '年龄', '体位', '剂量', '状态', '治疗时机', '治疗时间', '手术时机', '手术时间', '干预时机',
  '干预时间', '治疗窗', '的时机', '的时间', '的治疗时机', '的治疗时间', '的手术时机',
];

/** 最大限度, 最大的风险: a size or extent, not a ranking. */
const extentFollowers = [
  '限度', '程度', '努力', '化', '值', '剂量', '治疗剂量', '耐受剂量', '径', '直径', '可能', '的努力', '公约数', '风险', '危险', '隐患', '威胁',
  '难题', '挑战', '问题', '区别', '特点', '不同', '的风险', '的危险', '的隐患', '的威胁', '的问题', '的区别', '的不同', '的特点',
];

/**
 * 国家级 before an accredited title (国家级临床重点专科) or as one level in a list of levels (国家级、省级继教班;
 * 国家级媒体, the media levels of the coverage log) is a fact; alone (国家级专家, 国家级水平) it is a claim.
 */
const levelFollowers = [
  '、', '和', '及', '与', '省', '市', '媒体', '新闻', '报刊', '电视', '广播',
  '重点', '临床重点', '区域医疗中心', '医学中心', '继续', '项目', '课题', '科研', '基金', '奖', '规范化培训', '住培',
  '培训基地', '基地', '示范', '标准化', '非物质文化遗产', '非遗', '期刊', '核心期刊', '学会', '协会', '专家组', '考核',
  '评审', '试点', '平台', '实验室', '工程', '人才', '称号', '荣誉', '名老中医', '名中医', '质控中心', '应急', '救援队',
];

/** 顶级期刊, 顶尖学术会议: where a paper was published, not how good the hospital is. */
const venueFollowers = ['期刊', '杂志', '刊物', '学术期刊', '学术会议', '会议', '学府'];

/** A reported rate (签约率达100%) or a denied certainty (不是100%) is no promise. */
const statisticPreceders = ['率', '率达', '率为', '率达到', '率均为', '率均达', '率均达到', '不是', '并非', '不可能', '没有'];

/** 根治术, 根治性切除: names of operations. */
const procedureFollowers = ['术', '性', '手术', '切除'];

/**
 * Absolute words that also appear after a region (全国第一, 省内领先, 全市最大), where they are the stronger
 * claim. `bare` adjusts the word on its own, which has more neutral readings than the compound.
 */
type RankedClaim = { word: string; severity: Severity; suggestion: string | null; context?: ContextRules; bare?: Partial<DefaultLexiconEntry> };

const rankedClaims: RankedClaim[] = [
  {
    word: '第一',
    severity: 'block',
    suggestion: '前列',
    context: { unlessFollowedBy: sequenceFollowers },
    bare: { severity: 'warn', unlessFollowedBy: ordinalFollowers, unlessPrecededBy: [...sloganPreceders, ...awardPreceders] },
  },
  { word: '领先', severity: 'warn', suggestion: '先进' },
  {
    word: '唯一',
    severity: 'warn',
    suggestion: null,
    bare: { severity: 'info', rule: rules.evidence, unlessFollowedBy: ['的办法', '办法', '途径', '的途径', '方法', '的方法', '方式', '标识', '识别', '编号', '出路', '手段', '的手段'] },
  },
  { word: '首家', severity: 'warn', suggestion: '较早' },
  { word: '首个', severity: 'warn', suggestion: '较早', context: { unlessFollowedBy: ['工作日', '交易日', '周末', '月', '季度', '年度', '阶段'] } },
  { word: '首创', severity: 'warn', suggestion: '创新' },
  { word: '之最', severity: 'block', suggestion: null },
  { word: '最好', severity: 'block', suggestion: '较好', context: { unlessFollowedBy: adviceFollowers }, bare: { severity: 'warn' } },
  {
    word: '最佳',
    severity: 'block',
    suggestion: '良好',
    context: { unlessFollowedBy: optimumFollowers },
    bare: { unlessFollowedBy: [...optimumFollowers, ...awardNameFollowers], unlessPrecededBy: awardPreceders },
  },
  { word: '最大', severity: 'warn', suggestion: '较大', context: { unlessFollowedBy: extentFollowers } },
  { word: '最强', severity: 'block', suggestion: '较强', context: { unlessFollowedBy: ['音'] } },
  { word: '最先进', severity: 'block', suggestion: '先进' },
  { word: '最优', severity: 'block', suggestion: '较优', bare: { severity: 'warn' } },
  { word: '顶尖', severity: 'block', suggestion: '高水平', context: { unlessFollowedBy: venueFollowers } },
  { word: '最早', severity: 'warn', suggestion: '较早' },
  { word: '最高水平', severity: 'block', suggestion: '较高水平' },
];

const regions = ['全国', '国内', '全省', '省内', '全市', '市内', '全区', '区内', '全球', '世界', '国际', '亚洲', '业内', '行业', '同城'];

const absolute = (term: string, severity: Severity, suggestion: string | null, context: ContextRules = {}): DefaultLexiconEntry => ({
  term,
  category: 'ad_absolute',
  severity,
  rule: rules.superlatives,
  suggestion,
  ...context,
});

/** A first or an only that may well be true: the finding asks for its source. */
const needsSource = (term: string, severity: Severity, context: ContextRules = {}): DefaultLexiconEntry => ({
  term,
  category: 'ad_absolute',
  severity,
  rule: rules.evidence,
  suggestion: null,
  ...context,
});

const claim = (term: string, severity: Severity, rule: string, suggestion: string | null, context: ContextRules = {}): DefaultLexiconEntry => ({
  term,
  category: 'medical_claim',
  severity,
  rule,
  suggestion,
  ...context,
});

const regionCompounds: DefaultLexiconEntry[] = regions.flatMap((region) => [
  ...rankedClaims.map((c) => absolute(`${region}${c.word}`, c.severity, c.suggestion && `${region}${c.suggestion}`, c.context)),
  needsSource(`填补${region}空白`, 'info'),
  needsSource(`${region}首例`, 'warn'),
]);

const bareRanked: DefaultLexiconEntry[] = rankedClaims.map((c) => ({ ...absolute(c.word, c.severity, c.suggestion, c.context), ...c.bare }));

const superlatives: DefaultLexiconEntry[] = [
  absolute('国家级', 'warn', null, { unlessFollowedBy: levelFollowers }),
  absolute('世界级', 'warn', null, { unlessFollowedBy: ['难题', '难度', '挑战', '赛事', '比赛', '大赛'] }),
  absolute('最高级', 'block', '高级', { unlessFollowedBy: ['别'] }),
  absolute('最高端', 'block', '高端'),
  absolute('最顶级', 'block', '高水平'),
  absolute('最尖端', 'block', '先进'),
  absolute('最领先', 'block', '先进'),
  absolute('最专业', 'block', '专业'),
  absolute('最权威', 'block', '权威'),
  absolute('最安全', 'block', '安全性较好'),
  absolute('最有效', 'block', '有效'),
  absolute('最新技术', 'warn', '新技术'),
  absolute('最新科技', 'warn', '新技术'),
  absolute('最全', 'warn', '较全'),
  absolute('最齐全', 'warn', '齐全'),
  absolute('最完善', 'warn', '完善'),
  absolute('最优秀', 'warn', '优秀'),
  absolute('最知名', 'warn', '知名'),
  absolute('最著名', 'warn', '著名'),
  absolute('最受欢迎', 'warn', '广受欢迎'),
  absolute('最具', 'warn', '颇具'),
  absolute('最放心', 'warn', '放心'),
  absolute('最靠谱', 'warn', '可靠'),
  absolute('最科学', 'warn', '科学'),
  absolute('最舒适', 'warn', '舒适'),
  absolute('最正宗', 'warn', '正宗'),
  absolute('最便宜', 'warn', '实惠'),
  absolute('最低价', 'warn', '优惠价'),
  absolute('全网最低', 'warn', '优惠'),
  absolute('顶级', 'block', '高水平', { unlessFollowedBy: venueFollowers }),
  absolute('尖端', 'warn', '先进'),
  absolute('首选', 'warn', null, { unlessFollowedBy: ['治疗', '方案', '药', '用药', '疗法', '术式', '检查', '方法', '手段', '措施', '策略', '推荐'] }),
  absolute('首位', 'warn', null, { unlessPrecededBy: ['放在', '摆在', '置于', '放到', '放于', '列为'] }),
  needsSource('首例', 'info', { unlessPrecededBy: ['我院', '本院', '院内', '科室', '科内', '医院', '中心'] }),
  absolute('no.1', 'block', '前列', { unlessFollowedBy: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] }),
  absolute('no1', 'block', '前列', { unlessFollowedBy: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] }),
  absolute('top1', 'block', '前列', { unlessFollowedBy: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] }),
  absolute('top 1', 'block', '前列', { unlessFollowedBy: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] }),
  absolute('排名第一', 'block', '排名前列'),
  absolute('名列第一', 'block', '名列前茅'),
  absolute('位居第一', 'block', '位居前列'),
  absolute('第一名', 'block', '前列', { unlessPrecededBy: awardPreceders }),
  absolute('第一品牌', 'block', null),
  absolute('销量第一', 'block', null),
  absolute('遥遥领先', 'block', '先进'),
  absolute('领先水平', 'warn', '先进水平', { unlessPrecededBy: ['鉴定达到', '经鉴定'] }),
  absolute('领先地位', 'warn', null),
  absolute('领导者', 'warn', null, { unlessPrecededBy: ['团队', '科室', '医院', '护理', '青年', '基层', '优秀', '管理', '党委', '支部'] }),
  absolute('行业领导者', 'block', null),
  absolute('领导品牌', 'block', null),
  absolute('独家', 'warn', '特色', { unlessFollowedBy: ['报道', '专访', '采访', '新闻', '视频', '首发', '稿件', '访谈', '对话', '解读'] }),
  absolute('唯一一家', 'warn', null),
  absolute('唯一指定', 'block', null),
  absolute('唯一授权', 'warn', null),
  absolute('独一无二', 'warn', null),
  absolute('绝无仅有', 'warn', null),
  absolute('无与伦比', 'warn', null),
  absolute('无人能及', 'block', null),
  absolute('举世无双', 'block', null),
  absolute('首屈一指', 'warn', '名列前茅'),
  absolute('独占鳌头', 'warn', '名列前茅'),
  absolute('史无前例', 'warn', null),
  absolute('前所未有', 'warn', null),
  absolute('极品', 'warn', '优质'),
  absolute('王牌', 'warn', '特色'),
  absolute('金牌', 'warn', '优质', { unlessPrecededBy: [...awardPreceders, '枚', '块'] }),
  absolute('至尊', 'warn', '优质'),
  absolute('万能', 'warn', null, { unlessFollowedBy: ['药', '的药', '钥匙', '胶'] }),
  absolute('100%', 'warn', null, { unlessPrecededBy: [...statisticPreceders, '覆盖', '完成', '-', '~', '至', '到'] }),
  absolute('百分之百', 'warn', null, { unlessPrecededBy: statisticPreceders }),
  absolute('百分百', 'warn', null, { unlessPrecededBy: statisticPreceders }),
];

/** Guarantees and assertions of cure or effect: the core of 《广告法》第十六条 and 《医疗广告管理办法》第七条. */
const cureClaims: DefaultLexiconEntry[] = [
  claim('根治', 'block', rules.efficacyGuarantee, '有效控制', { unlessFollowedBy: procedureFollowers }),
  claim('一次根治', 'block', rules.efficacyGuarantee, '有效控制'),
  claim('彻底根治', 'block', rules.efficacyGuarantee, '有效控制'),
  claim('根除', 'warn', rules.efficacyGuarantee, '有效控制', { unlessFollowedBy: ['治疗', '方案', '疗程', '幽门', 'hp'], unlessPrecededBy: ['螺杆菌', 'hp', '杆菌'] }),
  claim('治愈', 'warn', rules.efficacyGuarantee, '好转', { unlessFollowedBy: ['出院'] }),
  claim('保证治愈', 'block', rules.efficacyGuarantee, null),
  claim('确保治愈', 'block', rules.efficacyGuarantee, null),
  claim('彻底治愈', 'block', rules.efficacyGuarantee, '有效控制'),
  claim('完全治愈', 'block', rules.efficacyGuarantee, '有效控制'),
  claim('百分百治愈', 'block', rules.efficacyGuarantee, null),
  claim('100%治愈', 'block', rules.efficacyGuarantee, null),
  claim('包治愈', 'block', rules.efficacyGuarantee, null),
  claim('保证痊愈', 'block', rules.efficacyGuarantee, null),
  claim('彻底痊愈', 'block', rules.efficacyGuarantee, null),
  claim('完全痊愈', 'block', rules.efficacyGuarantee, null),
  claim('包治', 'block', rules.efficacyGuarantee, null),
  claim('包治百病', 'block', rules.efficacyGuarantee, null),
  claim('包好', 'warn', rules.efficacyGuarantee, null, { unlessFollowedBy: ['的', '了', '饺子', '包子', '馄饨'] }),
  claim('包愈', 'block', rules.efficacyGuarantee, null),
  claim('一定能治好', 'block', rules.efficacyGuarantee, null),
  claim('保证治好', 'block', rules.efficacyGuarantee, null),
  claim('包治好', 'block', rules.efficacyGuarantee, null),
  claim('保证疗效', 'block', rules.efficacyGuarantee, '疗效因人而异'),
  claim('疗效保证', 'block', rules.efficacyGuarantee, null),
  claim('确保疗效', 'block', rules.efficacyGuarantee, null),
  claim('保证有效', 'block', rules.efficacyGuarantee, null),
  claim('保证康复', 'block', rules.efficacyGuarantee, null),
  claim('100%有效', 'block', rules.efficacyGuarantee, null),
  claim('百分百有效', 'block', rules.efficacyGuarantee, null),
  claim('绝对有效', 'block', rules.efficacyGuarantee, null),
  claim('无效退款', 'block', rules.efficacyGuarantee, null),
  claim('无效退费', 'block', rules.efficacyGuarantee, null),
  claim('无效全额退款', 'block', rules.efficacyGuarantee, null),
  claim('不愈退款', 'block', rules.efficacyGuarantee, null),
  claim('治不好退钱', 'block', rules.efficacyGuarantee, null),
  claim('永不复发', 'block', rules.efficacyGuarantee, '复发风险较低'),
  claim('终身不复发', 'block', rules.efficacyGuarantee, '复发风险较低'),
  claim('不再复发', 'block', rules.efficacyGuarantee, '复发风险较低'),
  claim('不复发', 'warn', rules.efficacyGuarantee, '复发风险较低'),
  claim('零复发', 'block', rules.efficacyGuarantee, '复发风险较低'),
  claim('零失败', 'block', rules.efficacyGuarantee, null),
  claim('断根', 'block', rules.efficacyGuarantee, '有效控制'),
  claim('除根', 'block', rules.efficacyGuarantee, '有效控制'),
  claim('去根', 'block', rules.efficacyGuarantee, '有效控制'),
  claim('药到病除', 'block', rules.efficacyGuarantee, null),
  claim('手到病除', 'warn', rules.efficacyGuarantee, null),
  claim('立竿见影', 'block', rules.efficacyGuarantee, null),
  claim('一次见效', 'block', rules.efficacyGuarantee, null),
  claim('一针见效', 'block', rules.efficacyGuarantee, null),
  claim('当天见效', 'block', rules.efficacyGuarantee, null),
  claim('当场见效', 'block', rules.efficacyGuarantee, null),
  claim('马上见效', 'block', rules.efficacyGuarantee, null),
  claim('立即见效', 'block', rules.efficacyGuarantee, null),
  claim('见效快', 'warn', rules.efficacyGuarantee, null),
  claim('疗效显著', 'warn', rules.efficacyGuarantee, null),
  claim('疗效确切', 'warn', rules.efficacyGuarantee, null),
  claim('特效药', 'warn', rules.efficacyGuarantee, null),
  claim('特效疗法', 'block', rules.efficacyGuarantee, null),
  claim('万能药', 'block', rules.efficacyGuarantee, null),
];

/** Safety assertions: 《广告法》第十六条第一款第一项 names safety next to efficacy. */
const safetyClaims: DefaultLexiconEntry[] = [
  claim('无副作用', 'block', rules.safetyAssertion, '不良反应较少'),
  claim('无任何副作用', 'block', rules.safetyAssertion, '不良反应较少'),
  claim('没有副作用', 'block', rules.safetyAssertion, '不良反应较少'),
  claim('没有任何副作用', 'block', rules.safetyAssertion, '不良反应较少'),
  claim('零副作用', 'block', rules.safetyAssertion, '不良反应较少'),
  claim('无毒副作用', 'block', rules.safetyAssertion, '不良反应较少'),
  claim('零风险', 'block', rules.safetyAssertion, '风险较低'),
  claim('无风险', 'warn', rules.safetyAssertion, '风险较低'),
  claim('绝对安全', 'block', rules.safetyAssertion, '安全性较好'),
  claim('百分百安全', 'block', rules.safetyAssertion, '安全性较好'),
  claim('100%安全', 'block', rules.safetyAssertion, '安全性较好'),
  claim('安全无毒', 'warn', rules.safetyAssertion, '安全性较好'),
];

/** Cure and efficacy rates: 说明治愈率或者有效率. A rate is a finding whatever its number. */
const rateClaims: DefaultLexiconEntry[] = [
  claim('治愈率', 'block', rules.cureRates, null),
  claim('有效率', 'block', rules.cureRates, null, { unlessFollowedBy: ['地'] }),
  claim('痊愈率', 'block', rules.cureRates, null),
  claim('显效率', 'block', rules.cureRates, null),
  claim('根治率', 'block', rules.cureRates, null),
  claim('治好率', 'block', rules.cureRates, null),
  claim('成功率', 'warn', rules.cureRates, null),
  claim('康复率', 'warn', rules.cureRates, null),
  claim('好转率', 'warn', rules.cureRates, null),
  claim('缓解率', 'warn', rules.cureRates, null),
];

/** Comparison with, and disparagement of, other institutions. Free-form comparisons are in comparisonPatterns. */
const comparisonClaims: DefaultLexiconEntry[] = [
  claim('比其他医院', 'warn', rules.comparison, null),
  claim('比别的医院', 'warn', rules.comparison, null),
  claim('比别家医院', 'warn', rules.comparison, null),
  claim('比同类医院', 'warn', rules.comparison, null),
  claim('优于其他医院', 'block', rules.comparison, null),
  claim('优于同类医院', 'block', rules.comparison, null),
  claim('强于其他医院', 'block', rules.comparison, null),
  claim('胜过其他医院', 'block', rules.comparison, null),
  claim('超过其他医院', 'block', rules.comparison, null),
  claim('远超同行', 'block', rules.comparison, null),
  claim('超越同行', 'block', rules.comparison, null),
  claim('同行无法', 'block', rules.comparison, null),
  claim('其他医院治不好', 'block', rules.disparagement, null),
  claim('别的医院治不好', 'block', rules.disparagement, null),
  claim('其他医院看不好', 'block', rules.disparagement, null),
  claim('别的医院看不好', 'block', rules.disparagement, null),
  claim('大医院治不好', 'block', rules.disparagement, null),
  claim('大医院看不好', 'block', rules.disparagement, null),
];

/** Endorsements and testimonials: 利用广告代言人, 患者、卫生技术人员的名义和形象作证明. */
const endorsementClaims: DefaultLexiconEntry[] = [
  claim('权威专家推荐', 'block', rules.endorsement, null),
  claim('专家推荐', 'warn', rules.endorsement, null),
  claim('名医推荐', 'warn', rules.endorsement, null),
  claim('院士推荐', 'warn', rules.endorsement, null),
  claim('明星推荐', 'block', rules.endorsement, null),
  claim('明星代言', 'block', rules.endorsement, null),
  claim('患者现身说法', 'block', rules.endorsement, null),
  claim('现身说法', 'warn', rules.endorsement, null),
  claim('患者证言', 'warn', rules.endorsement, null),
  claim('患者见证', 'warn', rules.endorsement, null),
];

/** Superstition and the fantastic: 淫秽、迷信、荒诞. Thank-you banners (妙手回春) are only noted. */
const fantasticClaims: DefaultLexiconEntry[] = [
  claim('神医', 'block', rules.superstition, null),
  claim('神药', 'block', rules.superstition, null),
  claim('神奇疗效', 'block', rules.superstition, null),
  claim('神效', 'block', rules.superstition, null),
  claim('奇效', 'warn', rules.superstition, null),
  claim('灵丹妙药', 'block', rules.superstition, null),
  claim('祖传秘方', 'block', rules.superstition, null),
  claim('宫廷秘方', 'block', rules.superstition, null),
  claim('独家秘方', 'block', rules.superstition, null),
  claim('秘方', 'warn', rules.superstition, null),
  claim('偏方', 'warn', rules.superstition, null),
  claim('起死回生', 'warn', rules.superstition, null),
  claim('华佗再世', 'info', rules.superstition, null),
  claim('妙手回春', 'info', rules.superstition, null),
];

export const defaultLexicon: DefaultLexiconEntry[] = [
  ...regionCompounds,
  ...bareRanked,
  ...superlatives,
  ...cureClaims,
  ...safetyClaims,
  ...rateClaims,
  ...comparisonClaims,
  ...endorsementClaims,
  ...fantasticClaims,
];

/** Clause ends in normalized text (full-width punctuation is half-width there). */
export const clauseBreaks = '。!?;,:\n…';

/**
 * Words that, earlier in the same clause, turn a medical claim into a denial of it or a warning against it:
 * 糖尿病目前无法根治, 不能保证治愈, 谨防"包治百病"的虚假宣传, 没有一种药物能根治. 没 alone is left out
 * (没想到竟然根治了 is a claim).
 */
export const negationCues = [
  '无法', '不能', '不可能', '不可以', '没有', '目前无', '暂无', '并无', '没法', '没能', '尚无', '尚未', '未能', '并非', '并不', '不是', '不一定', '未必', '难以',
  '不易', '很难', '较难', '无从', '不存在', '谨防', '警惕', '切勿', '勿信', '别信', '不要相信', '不要轻信', '轻信', '虚假',
  '号称', '所谓', '声称', '宣称', '鼓吹', '谎称', '打着', '骗局', '谣言', '辟谣', '揭秘', '识破', '防范', '小心', '当心',
  '远离', '严禁', '禁止', '杜绝', '不得', '如何', '怎么', '怎样', '能否', '是否', '可否',
];

/** One character right before the claim that denies it: 无特效药, 未根治, 不保证治愈. */
export const negatingPrefixes = ['无', '没', '不', '未', '非', '别'];

/** The same, later in the clause: 根治是不可能的, 包治百病的说法不可信, and a question (糖尿病能根治吗). */
export const negationTails = [
  '吗',
  '是虚假', '是骗局', '是谣言', '是假的', '是不可能', '是错误', '是夸大', '不可信', '不可靠', '不靠谱', '不科学', '纯属',
  '的骗局', '的谣言', '的虚假', '的陷阱', '的噱头', '都是假', '并不存在', '难以实现', '无法实现', '做不到',
];

/** How far from the claim a cue may stand, within its clause. */
export const negationWindow = 20;

const clause = '[^。!?;,:\\n…]';

export const comparisonPatterns: PatternRule[] = [
  {
    pattern: new RegExp(`比${clause}{0,12}?(?:医院|医疗机构|诊所|卫生院)${clause}{0,6}?(?:更|还要|还)(?:好|强|优|专业|先进|权威|安全|有效|快|高明|可靠)`, 'g'),
    category: 'medical_claim',
    severity: 'block',
    rule: rules.comparison,
    suggestion: null,
  },
];
