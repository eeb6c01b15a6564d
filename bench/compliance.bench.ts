import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ComplianceChecker } from '../apps/server/src/modules/messaging/compliance/compliance-checker.ts';
import type { LexiconEntryInput } from '../apps/server/src/modules/messaging/compliance/compliance-types.ts';
import { visibleText } from '../packages/text/src/visible-text.ts';
import { percentile, repoRoot } from './product-process.ts';

const lexiconSize = 5000;
const articleChars = 10_000;
const checks = 300;

const houbbDict = path.resolve(repoRoot, '../shared/data/lexicons/sensitive/houbb-sensitive-word/sensitive_word_dict.txt');

/** Hospital news as it is written, with a few findings of every kind among ordinary sentences. */
const paragraphs = [
  '近日，我院心血管内科团队成功为一名86岁高龄患者实施了经导管主动脉瓣置换术（TAVR）。患者因反复胸闷、气促入院，经多学科会诊评估后，团队制定了个体化治疗方案，手术历时两小时，术后第三天患者即可下床活动。',
  '据介绍，该技术无需开胸，创伤小、恢复快，为不能耐受外科手术的高龄患者带来了新的希望。科室主任表示，我院是全国最好的心脏中心之一，此类手术成功率达98%，将继续为患者提供优质服务。',
  '专家提醒，高血压患者最好在医生指导下规律服药，不要自行停药或减量；糖尿病目前无法根治，但通过生活方式干预和规范治疗，可以有效控制血糖，减少并发症的发生。',
  '在第一时间了解到患者家属的困难后，医院社工部联系爱心企业为其筹集了部分治疗费用。家属激动地说，科室的医护人员就像亲人一样，并留下联系电话13800138000表达谢意。',
  '本次义诊活动是我院第一届“健康进社区”系列活动的第一站，共有来自12个临床科室的30余名专家参与，现场为居民提供免费测血压、测血糖、健康咨询等服务，受到群众的广泛好评。',
  '医院提醒广大市民，谨防“包治百病”“祖传秘方”等虚假宣传，如有疑问请拨打医院咨询热线028-85422114，或通过官方微信公众号预约挂号，切勿轻信号贩子。',
  '据统计，今年以来我院门诊量同比增长12%，住院手术量同比增长9%，三级手术占比持续提升，平均住院日进一步缩短，患者满意度保持在较高水平。',
  '该院肿瘤科采用国内领先的精准放疗技术，为一名肺癌患者（住院号：2023001234）制定了治疗计划，经过一个疗程的治疗，肿瘤明显缩小，患者生活质量得到显著改善。',
];

function article(): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < articleChars; i++) {
    const p = paragraphs[i % paragraphs.length].slice(0, articleChars - length);
    parts.push(`<p>${p}</p>`);
    length += p.length + 1;
  }
  return parts.join('\n');
}

/** Two- to four-character pseudo-words over common characters, the same on every run. */
function generatedEntries(count: number): LexiconEntryInput[] {
  const alphabet = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质体';
  let seed = 20260501;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  return Array.from({ length: count }, () => {
    let term = '';
    for (let n = 2 + (next() % 3); n > 0; n--) term += alphabet[next() % alphabet.length];
    return { term, category: 'sensitive' as const, severity: 'warn' as const, rule: '基准词库' };
  });
}

function benchLexicon(): { entries: LexiconEntryInput[]; source: string } {
  if (!existsSync(houbbDict)) return { entries: generatedEntries(lexiconSize), source: 'generated' };
  const terms = readFileSync(houbbDict, 'utf8').split(/\r?\n/).filter((t) => t.trim()).slice(0, lexiconSize);
  return { entries: terms.map((term) => ({ term, category: 'sensitive', severity: 'warn', rule: 'houbb sensitive_word_dict' })), source: 'houbb dict' };
}

/** The compliance check's figures, against the target of the messaging issue. */
export async function runComplianceBench() {
  const { entries, source } = benchLexicon();
  const html = article();
  const config = { entries, allowList: ['幸运'], forbiddenTerms: [{ term: '成都市第一医院', useInstead: '成都市第一人民医院' }], protectedNames: ['成都市第一人民医院'], publicPhones: ['028-85422114'] };

  const t0 = performance.now();
  const checker = ComplianceChecker.build(config);
  const buildMs = performance.now() - t0;

  for (let i = 0; i < 30; i++) checker.check({ html });
  const times: number[] = [];
  let findings = 0;
  for (let i = 0; i < checks; i++) {
    const t = performance.now();
    findings = checker.check({ title: '我院成功开展高龄患者TAVR手术', html }).length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const median = percentile(times, 50);

  process.stdout.write(`  lexicon: ${entries.length} entries (${source}) + the default lexicon; article: ${visibleText(html).length} visible chars, ${findings} findings\n`);
  print('checker build with 5,000 lexicon entries + defaults, ms', buildMs, 'info');
  print(`check of a 10,000-character article (HTML), median of ${checks}, ms`, median, '≤ 5');
  print(`check of a 10,000-character article (HTML), p99 of ${checks}, ms`, percentile(times, 99), 'info');
  print('checks per second, one core', 1000 / median, 'info');
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

function print(label: string, value: number, target: string) {
  process.stdout.write(`${label.padEnd(92)} ${fmt(value, 2).padStart(10)}   target ${target}\n`);
}
