import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dict } from '@node-rs/jieba/dict.js';
import { createAnalyzer } from '../apps/server/src/modules/opinion/analysis/analyzer.ts';
import type { HospitalProfile, MentionInput } from '../apps/server/src/modules/opinion/analysis/types.ts';
import { repoRoot } from './product-process.ts';

const profile: HospitalProfile = {
  name: '滨江市第一人民医院',
  aliases: ['滨江一院', '市一院', '市一医院'],
  campuses: ['滨江市第一人民医院东院区'],
  departments: ['急诊科', '心内科', '儿科', '产科', '骨科', '消化内科', '新生儿科', '肿瘤科'],
  staff: ['李建国', '王芳', '陈静', '张伟', '刘洋'],
  exclude: ['江城市第一人民医院'],
};

/** xorshift32: the same mentions on every run. */
function random(seed: number) {
  let s = seed >>> 0 || 1;
  return (n: number) => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % n;
  };
}

const slots: Record<string, string[]> = {
  H: ['滨江市第一人民医院', '滨江一院', '市一院', '市一医院', '濱江市第一人民醫院', '江城市第一人民医院', '市一院小区', '华西医院'],
  D: profile.departments,
  S: profile.staff,
  T: ['医生', '护士', '主任', '护士长', '大夫'],
  N: ['两', '三', '五', '六', '八', '十', '3', '4', '12'],
  M: ['2000', '800', '1.5万', '三千多', '六百'],
  U: ['小雨', '路人甲', '维权小王', '滨江日报', '健康滨江', '吃瓜群众'],
  E: ['[怒]', '[泪]', '[赞]', '[心]', '😡', '👍', '[哈哈]', ''],
};

/** Sentences of every kind the analysis meets: complaints, praise, news, rumours, refutations, noise. */
const templates = [
  '在{H}{D}排队{N}个小时还没看上病，没人管',
  '{H}的{T}态度太差了，问个问题爱答不理的',
  '真是好医院啊，在{H}挂个号跑了{N}趟',
  '{H}收费太离谱了，做个检查收了{M}元，发票我都拍了',
  '感谢{H}{D}{S}{T}，手术很成功，医术高明',
  '{H}{D}{S}{T}特别耐心，半夜还来看了好几次',
  '{H}成功实施全市首例机器人辅助手术，患者恢复良好',
  '{H}开展义诊活动，{N}十名专家为市民免费测血压',
  '{H}关于调整门诊时间的通知，周末{D}正常开诊',
  '【辟谣】网传{H}发生医疗事故系谣言，经核实不属实',
  '网传{H}{D}一患者术后死亡，家属拉横幅讨说法',
  '{H}停车太难了，绕了{N}圈找不到车位',
  '这事怪不到{T}头上，{H}的{T}已经很尽责了',
  '记者暗访{H}：医药代表出入{D}，有人拿回扣',
  '{H}饭店的火锅不错，老板人也热情',
  '房子就在{H}旁边，生活很方便，交通便利',
  '今天天气不错，和朋友去江边散步，心情很好',
  '{H}的效率可真"高"，等了一上午没人理',
  '#{H}#{D}的{T}真的很负责，点赞{E}',
  '{H}预约系统崩了，八点放号一直进不去{E}',
];

/**
 * Words to tell everyday things with, drawn from jieba's dictionary as real text draws from a language: six in
 * ten among the ~2,900 most frequent words, the rest from all of its 349,000.
 */
function wordPools() {
  const frequent: string[] = [];
  const all: string[] = [];
  const line = /^(\S+) (\d+) /gm;
  const text = Buffer.from(dict).toString('utf8');
  for (let m = line.exec(text); m; m = line.exec(text)) {
    if (!/^[\u4e00-\u9fff]+$/.test(m[1])) continue;
    all.push(m[1]);
    if (Number(m[2]) >= 3000) frequent.push(m[1]);
  }
  return { frequent, all };
}
let pools: ReturnType<typeof wordPools> | undefined;

function fill(template: string, pick: (n: number) => number) {
  return template.replace(/\{(\w)\}/g, (_, k: string) => slots[k][pick(slots[k].length)]);
}

function chatter(pick: (n: number) => number) {
  const { frequent, all } = (pools ??= wordPools());
  let out = '';
  for (let n = 4 + pick(8); n > 0; n--) out += pick(10) < 6 ? frequent[pick(frequent.length)] : all[pick(all.length)];
  return out;
}

/**
 * A Weibo-like mention of about `chars` characters: a story from the templates told among everyday words;
 * one in ten reposts an earlier mention along a //@ chain, as a story spreads.
 */
export function makeMention(i: number, chars: number, pick: (n: number) => number, earlier: MentionInput[] = []): MentionInput {
  const source = pick(5) === 0 ? '滨江日报' : 'weibo';
  if (earlier.length && pick(10) === 0) {
    const original = earlier[pick(earlier.length)];
    return { id: i, source, title: '', text: `${fill('{E}转发', pick)}//@${slots.U[pick(slots.U.length)]}:${original.text}`.slice(0, chars + 20), reposts: pick(50), comments: pick(30) };
  }
  let text = '';
  while (text.length < chars) {
    text += pick(3) === 0 ? fill(templates[pick(templates.length)], pick) : chatter(pick);
    text += '。！，'[pick(3)];
  }
  return { id: i, source, title: '', text: text.slice(0, chars), reposts: pick(50), comments: pick(30) };
}

export function makeMentions(count: number, chars: number, seed: number): MentionInput[] {
  const pick = random(seed);
  const out: MentionInput[] = [];
  for (let i = 0; i < count; i++) out.push(makeMention(i, chars, pick, out));
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Mentions/s through the engine's worker pool, keeping a few calls in flight as ingestion does; and the CPU
 * time all threads spent per mention, from which the rate of the same cores with nothing else running follows.
 */
async function steadyState(mentions: MentionInput[], runs: number) {
  const analyzer = await createAnalyzer(profile);
  const batch = 2000;
  const pass = async () => {
    const inFlight: Promise<unknown>[] = [];
    for (let i = 0; i < mentions.length; i += batch) {
      inFlight.push(analyzer.analyze(mentions.slice(i, i + batch)));
      if (inFlight.length >= 4) await inFlight.shift();
    }
    await Promise.all(inFlight);
  };
  try {
    await pass(); // warm-up: JIT, jieba's caches
    const rates: number[] = [];
    const cpuPerMention: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      const cpu = process.cpuUsage();
      await pass();
      const used = process.cpuUsage(cpu);
      rates.push(mentions.length / ((performance.now() - t) / 1000));
      cpuPerMention.push((used.user + used.system) / mentions.length);
    }
    return { rates, cpuPerMention };
  } finally {
    await analyzer.close();
  }
}

/** The CLI as the contract runs it (npm run --silent cli -- opinion analyze), start-up included, timed by /usr/bin/time for its CPU too. */
async function cliRun(dir: string, mentions: number): Promise<{ rate: number; cpuSeconds: number }> {
  const t = performance.now();
  let stderr = '';
  const lines = await new Promise<number>((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', 'cpu %U %S', 'npm', 'run', '--silent', 'cli', '--', 'opinion', 'analyze', '--hospital', path.join(dir, 'profile.json')], {
      cwd: repoRoot,
      stdio: [openSync(path.join(dir, 'mentions.jsonl'), 'r'), 'pipe', 'pipe'],
    });
    let count = 0;
    child.stdout!.on('data', (chunk: Buffer) => {
      for (const byte of chunk) if (byte === 10) count++;
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(count) : reject(new Error(`the CLI exited with ${code}: ${stderr}`))));
  });
  if (lines !== mentions) throw new Error(`the CLI answered ${lines} lines for ${mentions} mentions`);
  const [, user, system] = /cpu ([\d.]+) ([\d.]+)/.exec(stderr) ?? [];
  return { rate: mentions / ((performance.now() - t) / 1000), cpuSeconds: Number(user) + Number(system) };
}

export async function runOpinionBench() {
  const cores = os.availableParallelism();
  process.stdout.write(`  ${cores} cores; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} — other processes on the machine slow the measured rates; the CPU figures are what the engine itself costs\n`);

  const long = makeMentions(40_000, 300, 20260501);
  const { rates, cpuPerMention } = await steadyState(long, 5);
  print(`engine steady state, 300-character mentions, ${cores} workers, mentions/s (median of 5 × 40,000)`, median(rates), '≥ 20,000');
  print('  CPU µs per mention, all threads', median(cpuPerMention), 'info');
  print(`  mentions/s the ${cores} cores sustain with nothing else running (cores × 10⁶ / CPU µs)`, (cores * 1e6) / median(cpuPerMention), '≥ 20,000');

  const dir = mkdtempSync(path.join(os.tmpdir(), 'rongmei-opinion-bench-'));
  try {
    const short = makeMentions(24_000, 60, 7);
    writeFileSync(path.join(dir, 'profile.json'), JSON.stringify(profile));
    writeFileSync(path.join(dir, 'mentions.jsonl'), `${short.map((m) => JSON.stringify(m)).join('\n')}\n`);
    const runs: { rate: number; cpuSeconds: number }[] = [];
    for (let r = 0; r < 3; r++) runs.push(await cliRun(dir, short.length));
    print('CLI `opinion analyze` on 24,000 short mentions, start-up included, mentions/s (median of 3)', median(runs.map((r) => r.rate)), '≥ 8,000');
    print('  CPU seconds per run, npm and every thread included', median(runs.map((r) => r.cpuSeconds)), 'info');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function print(label: string, value: number, target: string) {
  const shown = value >= 100 ? Math.round(value).toString() : value.toFixed(2);
  process.stdout.write(`${label.padEnd(100)} ${shown.padStart(8)}   target ${target}\n`);
}
