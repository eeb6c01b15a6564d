import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startWeComRobotServer } from '../apps/server/src/modules/opinion/notify/testing/wecom-robot-server.ts';
import { signPushBody } from '../apps/server/src/modules/opinion/push-signature.ts';
import { ApiClient } from '../apps/server/src/test/api-client.ts';
import { freePort, percentile, startProduct, stopProduct } from './product-process.ts';

const adminPassword = 'Bench#Admin-2026';
const officer = { username: 'bench.officer', password: 'Bench-officer-2026' };
const robotKey = '6b1d2c3e-4f50-4a61-8b72-9c8d7e6f5a40';

/** Background load: 500 mentions a second, pushed in 10 batches a second. */
const backgroundPerSecond = 500;
const pushesPerSecond = 10;
/** Red mentions pushed while the load runs, one every 400 ms. */
const probes = 80;
const probeIntervalMs = 400;
const probeTimeoutMs = 10_000;

function print(label: string, value: number, target: string) {
  process.stdout.write(`${label.padEnd(92)} ${value.toFixed(1).padStart(10)}   target ${target}\n`);
}

const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)];

const departments = ['急诊科', '儿科', '妇产科', '骨科', '心内科', '神经外科', '肿瘤科', '普外科', '眼科', '口腔科', '消化内科', '呼吸内科', '泌尿外科', '重症医学科', '康复科', '皮肤科'];
/** Red events of opinion-risk.md (violence against staff, a death blamed on malpractice, a fire, an outbreak); each rates 4. */
const redEvents: ((dept: string) => { title: string; text: string })[] = [
  (d) => ({ title: `锦江市第一人民医院${d}发生伤医事件`, text: `锦江市第一人民医院${d}一名医生被患者家属持刀砍伤，警方已到场处置。` }),
  (d) => ({ title: `锦江市第一人民医院${d}护士遭家属殴打`, text: `锦江市第一人民医院${d}一名护士被家属殴打致伤，派出所民警已介入。` }),
  (d) => ({ title: `锦江一院${d}患者死亡 家属质疑医疗事故`, text: `锦江一院${d}一名患者术后死亡，家属怀疑医疗事故，在医院门口拉横幅讨说法。` }),
  (d) => ({ title: `锦江一院${d}病区突发火灾`, text: `锦江一院${d}病区今天凌晨突发火灾，多名病人紧急疏散，消防已到场。` }),
  (d) => ({ title: `锦江一院${d}发生院内感染`, text: `锦江一院${d}多名患者出现感染症状，疑似院内感染暴发，卫健委已介入调查。` }),
];

/**
 * Each post's own wording: everyday words (two characters and more, the ones the analysis' SimHash reads) from a list
 * large enough that two posts share few of them. Fewer words would pull every signature toward one fingerprint, and
 * distinct stories would cluster as one (one alert); single characters are not read at all.
 */
const everyday = (
  '天气 城市 公园 地铁 公交 学校 老师 学生 工作 公司 老板 同事 朋友 家人 孩子 父母 爷爷 奶奶 邻居 社区 街道 广场 超市 商场 饭店 餐厅 奶茶 火锅 烧烤 早餐 午饭 晚饭 宵夜 周末 假期 春节 国庆 中秋 端午 元旦 ' +
  '夏天 冬天 春天 秋天 下雨 下雪 大风 阳光 温度 空调 暖气 手机 电脑 网络 游戏 电影 音乐 读书 跑步 游泳 篮球 足球 健身 瑜伽 旅游 酒店 机场 火车 高铁 飞机 轮船 自驾 堵车 停车 加油 充电 外卖 快递 网购 照片 ' +
  '报纸 杂志 广播 电视 节目 明星 比赛 冠军 奖牌 考试 成绩 作业 课程 培训 面试 招聘 工资 奖金 房租 房价 装修 家具 家电 冰箱 厨房 卧室 客厅 阳台 花园 小狗 小猫 宠物 鲜花 水果 蔬菜 牛奶 面包 米饭 面条 饺子 ' +
  '包子 馒头 豆浆 油条 鸡蛋 牛肉 猪肉 鸡肉 海鲜 螃蟹 苹果 香蕉 西瓜 葡萄 草莓 橙子 柠檬 茶叶 啤酒 饮料 银行 存款 股票 基金 理财 创业 会议 文件 合同 项目 计划 方案 预算 市场 客户 产品 价格 优惠 抽奖 礼物 ' +
  '生日 婚礼 聚会 约会 宝宝 小学 中学 大学 研究 科技 智能 机器 数据 软件 硬件 芯片 汽车 电池 能源 环保 分类 绿化 河流 湖泊 山区 乡村 农业 工厂 工人 司机 厨师 作家 画家 歌手 演员 导演 散步 爬山 钓鱼 露营 ' +
  '摄影 画画 书法 唱歌 跳舞 下棋 聊天 睡觉 起床 做饭 打扫 购物 付款 点赞 收藏 粉丝 地图 导航 雨伞 帽子 围巾 手套 鞋子 衣服 裤子 裙子 眼镜 手表 钱包 钥匙 背包 书包 台灯 沙发 窗帘 地毯 毛巾 牙膏 镜子 杯子 ' +
  '碗筷 锅铲 菜刀 砧板 蒸锅 烤箱 微波 电梯 楼梯 走廊 大门 院子 屋顶 围墙 花坛 草坪 树林 竹子 荷花 桂花 梅花 菊花 玫瑰 月亮 星星 太阳 彩虹 云朵 雷声 闪电 海浪 沙滩 贝壳 小岛 灯塔 港口 码头 渔船'
).split(' ');
const wording = (n: number) => Array.from({ length: n }, () => pick(everyday)).join(pick(['，', '、', '。']));
const complaints = ['门诊排队时间太长，等了两个小时才看上', '停车场车位太少，绕了好几圈', '食堂饭菜价格偏贵', '挂号系统早上老是卡顿', '医生态度有点冷淡，说话很急', '检查报告出得慢', '住院部电梯总是要等很久'];

/** The i-th probe: a story of its own (its event and department are no other probe's), so it raises an alert of its own. */
function redMention(i: number, marker: string) {
  const story = redEvents[i % redEvents.length](departments[Math.floor(i / redEvents.length) % departments.length]);
  return {
    id: `probe-${marker}`,
    title: `【${marker}】${wording(3)}：${story.title}`,
    text: `${wording(18)}。${story.text}${wording(18)}。`,
    author: `网友${randomBytes(2).toString('hex')}`,
    published_at: new Date().toISOString(),
  };
}

function backgroundMention(i: number) {
  return {
    id: `bg-${i}-${randomBytes(3).toString('hex')}`,
    title: `${wording(2)}：锦江一院${pick(complaints)}`,
    text: `${wording(10)}。${pick(complaints)}。${wording(10)}。`,
    author: `用户${i % 997}`,
    published_at: new Date().toISOString(),
  };
}

/**
 * Ingest-to-alert latency: a red mention pushed through the ingest API reaches the officer's SSE stream and the WeCom
 * robot while 500 mentions a second are being ingested, on the embedded database. The local robot is not rate-limited:
 * the figure is the platform's, not WeCom's 20-a-minute limit.
 */
export async function runAlertsBench() {
  const arrivals = new Map<string, { pushedAt: number; answered?: number; sse?: number; robot?: number }>();
  const markerOf = (text: string) => /【(P\d+-[0-9a-f]+)】/.exec(text)?.[1];
  const robot = await startWeComRobotServer({
    robots: [{ key: robotKey, ratePerMinute: 1_000_000 }],
    onMessage: (m) => {
      const probe = arrivals.get(markerOf(m.content) ?? '');
      if (probe && probe.robot === undefined) probe.robot = performance.now();
    },
  });
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rongmei-bench-alerts-'));
  const product = await startProduct({ DATA_DIR: dataDir, PORT: String(await freePort()), RONGMEI_ADMIN_PASSWORD: adminPassword, CONSOLE_BUILD: 'off', WECOM_API_BASE: robot.url, LOG_LEVEL: 'warn' });
  const abort = new AbortController();
  try {
    const admin = new ApiClient(product.url);
    await admin.login('admin', adminPassword);
    const me = (await admin.get('/api/auth/me')).body;
    await admin.patch('/api/hospital', { fullName: '锦江市第一人民医院', shortNames: ['锦江一院'] });
    await admin.post('/api/users', { ...officer, displayName: '基准舆情专员', departmentId: me.departmentId, roles: ['opinion_officer'] });
    const desk = new ApiClient(product.url);
    await desk.login(officer.username, officer.password);
    const source = (await desk.post('/api/opinion/sources', { kind: 'push', name: '基准数据服务商' })).body as { id: number; secret: string };
    const channel = (await desk.post('/api/opinion/notification-channels', { kind: 'wecom', name: '基准值班群', secrets: { key: robotKey } })).body as { id: number };
    const rule = await desk.post('/api/opinion/alert-rules', { name: '红色预警', minLevel: 4, recipients: { roles: ['opinion_officer'], channelIds: [channel.id] } });
    if (rule.status !== 201) throw new Error(`alert rule: ${JSON.stringify(rule.body)}`);

    const push = async (mentions: unknown[]) => {
      const body = JSON.stringify({ mentions });
      const timestamp = Math.floor(Date.now() / 1000);
      const res = await fetch(`${product.url}/api/opinion/ingest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-rongmei-source': String(source.id), 'x-rongmei-timestamp': String(timestamp), 'x-rongmei-signature': signPushBody(source.secret, timestamp, body) },
        body,
      });
      if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as { inserted: number };
    };

    // The officer's console: the alert stream, read as the browser reads it.
    const stream = await fetch(`${product.url}/api/opinion/alerts/stream`, { headers: { cookie: desk.cookie! }, signal: abort.signal });
    if (stream.status !== 200) throw new Error(`stream answered ${stream.status}`);
    const reading = (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of stream.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let at: number;
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (!frame.includes('event: alert') || !data) continue;
          const probe = arrivals.get(markerOf((JSON.parse(data) as { alert: { title: string } }).alert.title) ?? '');
          if (probe && probe.sse === undefined) probe.sse = performance.now();
        }
      }
    })().catch(() => undefined);

    // Warm-up: the analyzer loads its dictionaries on the first batch.
    await push(Array.from({ length: 50 }, (_, i) => backgroundMention(i)));

    let ingested = 0;
    let sent = 0;
    let loadErrors = 0;
    let lastAnswerAt = 0;
    const loadStarted = performance.now();
    // Clock-driven: each tick sends what is due by now, so timer drift does not lower the rate.
    const load = setInterval(() => {
      // At most a batch the ingest API takes (1,000); a backlog is sent over the next ticks.
      const due = Math.min(1_000, Math.floor(((performance.now() - loadStarted) / 1000) * backgroundPerSecond) - sent);
      if (due <= 0) return;
      const batch = Array.from({ length: due }, () => backgroundMention(sent++));
      push(batch).then(
        (r) => {
          ingested += r.inserted;
          lastAnswerAt = performance.now();
        },
        () => loadErrors++,
      );
    }, 1000 / pushesPerSecond);

    await new Promise((r) => setTimeout(r, 2_000));
    for (let i = 0; i < probes; i++) {
      const marker = `P${i}-${randomBytes(3).toString('hex')}`;
      const probe: { pushedAt: number; answered?: number } = { pushedAt: performance.now() };
      arrivals.set(marker, probe);
      push([redMention(i, marker)]).then(
        () => (probe.answered = performance.now()),
        () => loadErrors++,
      );
      await new Promise((r) => setTimeout(r, probeIntervalMs));
    }
    const deadline = performance.now() + probeTimeoutMs;
    while (performance.now() < deadline && [...arrivals.values()].some((p) => p.sse === undefined || p.robot === undefined)) await new Promise((r) => setTimeout(r, 50));
    clearInterval(load);
    const loadSeconds = (lastAnswerAt - loadStarted) / 1000;

    // A probe the analysis found to be the same story as an earlier one joins that story's alert (one alert per
    // story, by design) and raises none: it is counted apart, not as a latency. Any other probe that never arrived is.
    const joined = new Set<string>();
    for (const [marker, probe] of arrivals) {
      if (probe.sse !== undefined && probe.robot !== undefined) continue;
      const [mention] = (await desk.get(`/api/opinion/mentions?q=${encodeURIComponent(marker)}&limit=1`)).body.items as { id: number; clusterId: number | null }[];
      const storyAlerts = mention?.clusterId ? ((await desk.get(`/api/opinion/alerts?clusterId=${mention.clusterId}`)).body.items as { firstMentionId: number }[]) : [];
      if (storyAlerts.some((a) => a.firstMentionId !== mention.id)) joined.add(marker);
    }
    for (const marker of joined) arrivals.delete(marker);
    const latencies = (field: 'answered' | 'sse' | 'robot') => [...arrivals.values()].map((p) => (p[field] === undefined ? Infinity : p[field]! - p.pushedAt)).sort((a, b) => a - b);
    const answered = latencies('answered');
    print('alerts: the ingest API’s answer to that push (analysis and storage), p50 ms', percentile(answered, 50), 'info');
    print('alerts: the ingest API’s answer to that push, p99 ms', percentile(answered, 99), 'info');
    for (const [name, key] of [['SSE stream', 'sse'], ['WeCom robot', 'robot']] as const) {
      const sorted = latencies(key);
      print(`alerts: pushed 红 mention → ${name}, p50 ms (${backgroundPerSecond} mentions/s ingested meanwhile)`, percentile(sorted, 50), 'info');
      print(`alerts: pushed 红 mention → ${name}, p95 ms`, percentile(sorted, 95), 'info');
      print(`alerts: pushed 红 mention → ${name}, p99 ms`, percentile(sorted, 99), '≤ 1000');
      print(`alerts: red mentions that never reached the ${name} within ${probeTimeoutMs / 1000} s`, sorted.filter((v) => v === Infinity).length, '0');
      // The alerting's own share: from the ingest API's answer (the mention stored) to the arrival; may be < 0 (the
      // event is published before the HTTP answer is written).
      const afterAnswer = [...arrivals.values()].map((p) => (p[key] === undefined || p.answered === undefined ? Infinity : p[key]! - p.answered)).sort((a, b) => a - b);
      print(`alerts: … of which after the ingest API answered (evaluation and delivery), p99 ms`, percentile(afterAnswer, 99), 'info');
    }
    print('alerts: red mentions the analysis put in an earlier probe’s story (joined its alert, none raised)', joined.size, 'info');
    print('alerts: background ingestion while probing, mentions/s stored', ingested / loadSeconds, `≥ ${backgroundPerSecond}`);
    print('alerts: failed pushes', loadErrors, '0');
    abort.abort();
    await reading;
  } finally {
    abort.abort();
    await stopProduct(product.child);
    await robot.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}
