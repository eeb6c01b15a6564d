import { describe, expect, it } from 'vitest';
import { residentIdCheckDigit, visibleText } from '../../../../../../packages/text/src/index.ts';
import { ComplianceChecker } from './compliance-checker.ts';
import type { CheckerConfig, ComplianceFinding, FindingCategory } from './compliance-types.ts';

const hospital: CheckerConfig = {
  entries: [],
  allowList: [],
  forbiddenTerms: [{ term: '成都市第一医院', useInstead: '成都市第一人民医院', rule: '医院信息：曾用名' }],
  protectedNames: ['成都市第一人民医院', '市一医院', '第一临床学院'],
  publicPhones: ['028-85420120', '13980000000'],
};
const checker = ComplianceChecker.build(hospital);

const findings = (text: string, config?: Partial<CheckerConfig>) => (config ? ComplianceChecker.build({ ...hospital, ...config }) : checker).check({ text });
const terms = (text: string, category?: FindingCategory) => findings(text).filter((f) => !category || f.category === category).map((f) => f.term);
const clean = (text: string, category: FindingCategory) => expect(terms(text, category), text).toEqual([]);

describe('absolute terms (《广告法》第九条第三项)', () => {
  it('flags rankings and superlatives', () => {
    expect(terms('我院心内科全国第一。', 'ad_absolute')).toEqual(['全国第一']);
    expect(terms('这是最好的医院。', 'ad_absolute')).toEqual(['最好']);
    expect(terms('采用国内领先的技术。', 'ad_absolute')).toEqual(['国内领先']);
    expect(terms('行业NO.1，排名第一，顶级专家团队，国家级专家坐诊。', 'ad_absolute')).toEqual(['NO.1', '排名第一', '顶级', '国家级']);
  });

  it('keeps the strongest of overlapping findings: 全国最好 once, not also 最好', () => {
    const found = findings('本院是全国最好的医院。').filter((f) => f.category === 'ad_absolute');
    expect(found).toMatchObject([{ term: '全国最好', severity: 'block', suggestion: '全国较好', rule: '《广告法》第九条第三项' }]);
  });

  it('leaves ordinals and idioms alone', () => {
    for (const text of ['第一届健康论坛', '第一批国家区域医疗中心', '他是论文的第一作者', '首届护理技能大赛', '第一时间赶到现场', '第一次随访', '第一季度门诊量', '奋战在抗疫第一线', '安全第一，预防为主', '荣获护理技能大赛第一名', '四川省第一人民医院']) {
      clean(text, 'ad_absolute');
    }
  });

  it('reads 最好 as advice when it starts one, and 最佳 as an optimum before a time', () => {
    clean('患者最好在饭后服用，最好不要熬夜。', 'ad_absolute');
    clean('以免错过最佳治疗时机。', 'ad_absolute');
    clean('荣获年会最佳论文奖。', 'ad_absolute');
    expect(terms('提供最佳的服务。', 'ad_absolute')).toEqual(['最佳']);
  });

  it('reads 国家级 before an accredited title as a fact, and 顶级 before a journal as a venue', () => {
    clean('我院获批国家级临床重点专科建设项目。', 'ad_absolute');
    clean('研究成果发表于国际顶级期刊。', 'ad_absolute');
    clean('始终把患者安全放在首位。', 'ad_absolute');
    clean('承办国家级、省级继续教育班，国家级媒体报道56篇。', 'ad_absolute');
  });

  it('leaves books, idioms and doses alone', () => {
    for (const text of ['丛书的第一册', '唱响时代最强音', '以免错失最佳的治疗时机', '达到最大治疗剂量', '有效率48%-100%']) clean(text, 'ad_absolute');
  });

  it('asks for the source of a first, and not of a first in one own hospital', () => {
    expect(findings('完成全省首例手术。').find((f) => f.category === 'ad_absolute')).toMatchObject({ term: '全省首例', severity: 'warn', rule: '《广告法》第十一条第二款' });
    expect(findings('成功开展首例手术。').find((f) => f.category === 'ad_absolute')).toMatchObject({ term: '首例', severity: 'info' });
    clean('我院首例机器人手术顺利完成。', 'ad_absolute');
    clean('完成我院第一例机器人手术。', 'ad_absolute');
    expect(terms('完成全省第一例机器人手术。', 'ad_absolute')).toEqual(['全省第一']);
  });
});

describe('medical claims (《广告法》第十六条, 《医疗广告管理办法》第七条)', () => {
  it('flags guarantees of cure and cure rates', () => {
    expect(terms('中医疗法可根治，保证治愈，治愈率达95%。', 'medical_claim')).toEqual(['根治', '保证治愈', '治愈率']);
    const rate = findings('治愈率达95%').find((f) => f.term === '治愈率')!;
    expect(rate).toMatchObject({ severity: 'block', rule: '《广告法》第十六条第一款第二项；《医疗广告管理办法》第七条第三项' });
    expect(findings('可以根治').find((f) => f.term === '根治')).toMatchObject({ suggestion: '有效控制' });
  });

  it('does not read a denial or a warning as a claim', () => {
    for (const text of ['糖尿病目前无法根治。', '任何医生都不能保证治愈。', '谨防"包治百病"的虚假宣传。', '没有一种药物能根治高血压。', '根治高血压是不可能的。', '警惕所谓"祖传秘方"。', '世上没有万能药。']) {
      expect(terms(text, 'medical_claim'), text).toEqual([]);
    }
  });

  it('reads a question or a claim denied by the character before it as no claim', () => {
    for (const text of ['糖尿病能根治吗？', '癫痫能治愈？', '高血压如何根治', '肝硬化目前无特效药。', '病灶未根治。', '不保证治愈。']) {
      expect(terms(text, 'medical_claim'), text).toEqual([]);
    }
    expect(terms('并无副作用。', 'medical_claim')).toEqual(['无副作用']);
  });

  it('limits a denial to its own clause', () => {
    expect(terms('这种病无法避免，但我院可以根治。', 'medical_claim')).toEqual(['根治']);
  });

  it('knows operation names and clinical wording', () => {
    for (const text of ['行乳腺癌改良根治术。', '接受根治性切除。', '患者治愈出院。', '进行幽门螺杆菌根除治疗。']) clean(text, 'medical_claim');
  });

  it('flags comparisons with other institutions, endorsements, safety assertions and the fantastic', () => {
    expect(terms('我院比其他医院效果更好。', 'medical_claim')).toEqual(['比其他医院效果更好']);
    expect(terms('疗效比某三甲医院还可靠。', 'medical_claim')).toEqual(['比某三甲医院还可靠']);
    expect(terms('权威专家推荐，患者现身说法，无副作用，零风险，神医妙手。', 'medical_claim')).toEqual(['权威专家推荐', '患者现身说法', '无副作用', '零风险', '神医']);
  });
});

describe('dodged spellings', () => {
  it('sees through separators, traditional characters and full width, and reports the text as written', () => {
    const text = '根*治，根．治，根 治，治\u200B癒，根＊治，ＮＯ．１';
    const found = findings(text);
    expect(found.map((f) => f.term)).toEqual(['根*治', '根．治', '根 治', '治\u200B癒', '根＊治', 'ＮＯ．１']);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.term);
  });
});

describe('personal data', () => {
  const id17 = '51010419850612123';
  const id = id17 + residentIdCheckDigit(id17).toUpperCase();
  const wrongId = id17 + (id.endsWith('1') ? '2' : '1');

  it('flags a valid resident ID with a masked suggestion, and not one with a wrong check digit', () => {
    expect(findings(`身份证号${id}。`)).toMatchObject([{ category: 'privacy_id', severity: 'block', term: id, suggestion: `510104********${id.slice(-4)}` }]);
    expect(findings(`身份证号${wrongId}。`).filter((f) => f.category === 'privacy_id')).toEqual([]);
  });

  it('flags personal mobiles however written, and never the published numbers or landlines', () => {
    expect(terms('联系13800138000、138 0013 8000或１３８００１３８０００。', 'privacy_phone')).toEqual(['13800138000', '138 0013 8000', '１３８００１３８０００']);
    expect(findings('联系13800138000')[0].suggestion).toBe('138****8000');
    expect(findings('热线13980000000，总机028-85420120，科室028-85422114，预约400-800-1234。')).toEqual([]);
  });

  it('flags record numbers with their label, and Luhn-valid card numbers only', () => {
    expect(findings('患者（住院号：2023001234）')).toMatchObject([{ category: 'privacy_record', term: '住院号：2023001234', severity: 'block' }]);
    expect(findings('捐款请转账至6222 0202 0000 0000 006。')).toMatchObject([{ category: 'privacy_bankcard', term: '6222 0202 0000 0000 006', suggestion: '6222 **** **** ***0 006' }]);
    expect(findings('捐款请转账至6222 0202 0000 0000 007。')).toEqual([]);
  });
});

describe("the hospital's own words", () => {
  it('retires a former name with the name to use, and never flags its own names', () => {
    const found = findings('成都市第一医院更名为成都市第一人民医院，简称市一医院。');
    expect(found).toMatchObject([{ category: 'term_forbidden', term: '成都市第一医院', suggestion: '成都市第一人民医院', severity: 'warn', rule: '医院信息：曾用名' }]);
    expect(found[0].message).toBe('“成都市第一医院”是本院已停用的名称或说法，请改用“成都市第一人民医院”（医院信息：曾用名）');
  });

  it('drops a finding lying inside an allow-listed word, not one that only touches it', () => {
    expect(terms('唯一的途径是戒烟。第一临床学院。', 'ad_absolute')).toEqual([]);
    expect(terms('我院最好医生', 'ad_absolute')).toEqual(['最好']);
    expect(findings('我院最好医生', { allowList: ['最好医生'] })).toEqual([]);
  });

  it('matches imported lexicon entries, with their rule, alone when the defaults are off', () => {
    const own = { entries: [{ term: '黄牛', category: 'sensitive' as const, severity: 'warn' as const, rule: '词库：舆情风险词' }], includeDefaultLexicon: false };
    expect(findings('小心黄牛，全国第一。', own)).toMatchObject([{ category: 'sensitive', term: '黄牛', rule: '词库：舆情风险词', suggestion: null }]);
  });

  it('reads a denial around an imported medical claim too', () => {
    const own = { entries: [{ term: '逆转糖尿病', category: 'medical_claim' as const, severity: 'block' as const, rule: '词库：医疗宣传' }], includeDefaultLexicon: false };
    expect(findings('谨防“逆转糖尿病”骗局。', own)).toEqual([]);
    expect(findings('三个月逆转糖尿病。', own).map((f) => f.term)).toEqual(['逆转糖尿病']);
  });
});

describe('check', () => {
  it('reports positions in the text a reader sees when given HTML', () => {
    const html = '<p>我院&nbsp;<strong>最好</strong>的服务 &amp; 保证&nbsp;治愈</p><script>var x = "根治";</script><p>电话&nbsp;13800138000</p>';
    const visible = visibleText(html);
    const found = checker.check({ html });
    expect(found.map((f) => f.term)).toEqual(['最好', '保证\u00A0治愈', '13800138000']);
    for (const f of found) expect(visible.slice(f.start, f.end)).toBe(f.term);
  });

  it('checks the title apart from the body, title first, each in text order', () => {
    const found = checker.check({ title: '国内领先的治疗', text: '根治，全国第一。' });
    expect(found.map((f: ComplianceFinding) => [f.field, f.term, f.start])).toEqual([
      ['title', '国内领先', 0],
      ['body', '根治', 0],
      ['body', '全国第一', 3],
    ]);
  });

  it('explains in English when asked', () => {
    const [f] = checker.check({ text: '保证治愈' }, 'en');
    expect(f.message).toBe('"保证治愈" asserts or guarantees a cure or an effect; change it before publication (《广告法》第十六条第一款第一项；《医疗广告管理办法》第七条第二项)');
  });

  it('finds nothing in ordinary hospital news', () => {
    const news = '近日，我院心血管内科团队成功为一名86岁高龄患者实施了经导管主动脉瓣置换术。专家提醒，高血压患者最好在医生指导下规律服药；糖尿病目前无法根治，但可以有效控制。本次义诊是第一届“健康进社区”活动的第一站。';
    expect(findings(news)).toEqual([]);
  });
});
