import type { Category } from './types.ts';

/**
 * The polarity lexicon, written for what patients, families and the press write about hospitals: the
 * complaints (排队, 态度, 收费, 推诿), the praise (妙手回春, 锦旗), the words around them that turn them
 * (negators, degree adverbs, contrast, the frames of sarcasm) and Weibo's emoticons and slang. Weights are
 * on one scale: ±1 an ordinary opinion word, ±2 a strong one. Words are what jieba's dictionary cut gives
 * (a phrase may span several words; it must start and end where words do).
 */

const list = (words: string) => words.split(/\s+/).filter(Boolean);

function weighted(groups: [number, string][]): Map<string, number> {
  const map = new Map<string, number>();
  for (const [weight, words] of groups) for (const word of list(words)) map.set(word, weight);
  return map;
}

export const sentimentWords: ReadonlyMap<string, number> = weighted([
  [
    2,
    `妙手回春 医术高明 医德高尚 医者仁心 救命恩人 华佗再世 再生父母 感激不尽 非常感谢 万分感谢 特别感谢 衷心感谢
     十分感谢 真心感谢 感恩 良心医院 神医 yyds 绝绝子 强烈推荐 五星好评 满分 太棒了 救死扶伤 无微不至 尽心尽力
     精湛 医术精湛 德艺双馨 妙手仁心 大爱 拒收红包 没得说 赞不绝口 宾至如归 物超所值`,
  ],
  [
    1.5,
    `感谢 感激 谢谢 多谢 点赞 赞 棒 优秀 专业 耐心 细心 贴心 暖心 温暖 温柔 负责 尽责 敬业 靠谱 给力 认真 仔细 热情
     周到 和蔼 亲切 体贴 满意 放心 安心 舒心 好评 推荐 称赞 表扬 赞扬 锦旗 感谢信 康复 痊愈 转危为安 化险为夷 顺利
     高效 及时 迅速 便捷 完美 出色 高明 可靠 信赖 用心 良心 致敬 辛苦了 了不起 佩服 敬佩 感动 满意度高 好医生 好护士
     白衣天使 天使 仁心 尽力了 已经尽力 值得信赖 值得 tql 牛 厉害 nice 不错 挺好 很好 很棒 真好 超好 好棒 喜欢 开心
     高兴 欣慰 幸运 幸亏 好在 物美价廉 实惠 划算 干净 整洁 舒适 舒服 宽敞 明亮 安静 清净 方便 快捷 贴心 漂亮 好吃
     美味 惊喜 完善 规范 有序 井井有条 人性化 省心 省事 不用排队 不用等 怪不到 怪不了 不能怪 不怪 错不在 无可厚非
     情有可原 体谅 心疼医生 心疼护士 支持医生 支持医院 成功 救回 获救 一流 领先 先进 突破 荣获 殊荣 光荣
     准时 准点 好喝 分量足 量足 回头客 会再来 还会再来 下次还来 还会来 超值 很快 挺快 热乎 新鲜`,
  ],
  [1, `好 赞同 支持 理解 愉快 合理 公道 便宜 快 稳 好用 好看 耐用 值 划得来 顺心 温馨 正规 清楚 详细 积极 主动 友好 礼貌 客气 踏实 放心了 有效 见效 好转 减轻 缓解 恢复 康复出院 666 香 量大 ok`],
  [0.5, `还行 还可以 凑合 一般般 正常 尚可`],
  [
    -2,
    `垃圾 黑心 草菅人命 见死不救 丧尽天良 无良 极差 最差 差劲 恶劣 态度恶劣 恶心 坑人 骗子 骗钱 害人 谋财害命 庸医
     人渣 败类 黑医院 去死 气死 气死了 愤怒 愤慨 寒心 心寒 绝望 投诉无门 欺负 推诿 推脱 踢皮球 刁难 爱答不理 冷漠 冷血
     蛮横 粗暴 嚣张 傲慢 不负责任 不作为 乱收费 宰人 宰客 坑钱 天价 讹诈 黑幕 丑闻 草率 敷衍 敷衍了事 糊弄 恐怖
     差评 避雷 劝退 踩雷 拉黑 不推荐 再也不来 再也不会来 太差 太差了 太烂 烂透了 一塌糊涂 乱七八糟 没人管 没人理
     不管不顾 不闻不问 置之不理 无人处理 无人问津 没人处理 推三阻四 一问三不知 甩脸色 翻白眼 见钱眼开 唯利是图 过度治疗 过度医疗 小病大治
     误诊 漏诊 医疗事故 索贿 受贿 欺诈 骗保 造假 伤医 医闹 砍伤 行凶 殴打 暴力 逼死 害死 死了 身亡 致死 致残
     抢救无效 一尸两命 脑死亡 植物人 出大事 出人命 被打 被砍 被骂 被殴打`,
  ],
  [
    -1.5,
    `差 烂 坑 黑 凶 吼 骂 呵斥 训斥 辱骂 不耐烦 冷脸 不理 不管 拖延 耽误 延误 事故 死亡 去世 离世 投诉 举报 曝光 维权
     讨说法 讨个说法 质疑 不满 后悔 糟糕 可怕 可恶 可恨 讨厌 痛苦 煎熬 折腾 折磨 混乱 脏 臭 挤 慢 贵 难吃 费劲 忽悠 欺骗
     隐瞒 撒谎 骗 病危 恶化 受伤 打人 闹事 红包 回扣 贿赂 违规 违法 违纪 处罚 罚款 通报批评 故障 崩了 瘫痪 出错 失误
     过错 差错 黄牛 号贩子 排长队 一号难求 看病难 看病贵 白跑 白跑一趟 倒霉 心累 无奈 无助 气愤 生气 火大 郁闷 伤心
     难过 吐槽 呵呵 醉了 服了 栓q 破防 裂开 无语 失望 遗憾 离谱 太离谱 过分 太过分 不合理 不公平 不像话 不靠谱
     不专业 不负责 没有责任心 缺德 冤 冤枉 委屈 哭了 痛心 惨 悲剧 噩耗 偷拍 泄露 泄漏 泄密 投诉了 堵 堵车
     差点 险些 出事 玩手机 聊天 漏水 蟑螂 老鼠 霉 吵 吵闹 噪音 乱 拥挤 乱糟糟 难找 难停 停车难 挂号难 拖 拖拖拉拉 磨蹭 等半天 等死 白等
     不让 不给 拒绝 拒收 拒诊 推走 赶走 不收 霸王条款 强制 逼 威胁 骚扰 不退 退费难 多收 乱开 乱检查 重复收费
     简直了 不建议 不会再 再也不 欺人 马虎 疏忽 大意 不行 欠佳 没法 要命 打不通 联系不上 联系不到 没人接 不接电话
     晚了 迟到 迟迟 凉了 洒了 撒了 漏送 少送 送错 发错 弄丢 丢了 异物 头发 虫子 苍蝇 小强 变质 馊 不新鲜 异味
     不卫生 油腻 太咸 太油 难以下咽 退钱 退款 被迫 气人 忍无可忍 黑店 上当 受骗 坑死 不值得 白花钱 冤枉钱
     不接受 无法接受 接受不了 没人修 修不好 睡不着 难抢 抢不到 等不起 看不起病 看病难 坏了 烂了 不像话`,
  ],
  [
    -1,
    `毛病 麻烦 难受 疼 痛 哭 泪 担心 害怕 紧张 焦虑 着急 急死 急人 累 辛苦 不便 不方便 不舒服 不好 不太好 感染 传染
     失败 错误 漏洞 隐患 纠纷 争议 矛盾 冲突 意外 可惜 头疼 无聊 浪费 白花 冷 硬 破 旧 老旧 简陋 狭窄 闷
     难 久 太久 太慢 太贵 太挤 贵了 偏贵 不值 不划算 缺 缺少 少了 没有用 没用 无效 没效果 不见效 加重 复发 后遗症
     并发症 副作用 emo yue 晕 无力 心塞 呜呜 唉 哎 咸 淡 小气 取消 强烈要求 破洞 陈旧 老化 破损 失灵`,
  ],
  [-0.5, '一般 问题 整改 风险'],
]);

/** Turn the next opinion word: 不满意, 没有耐心. A weakening negator (不太) also softens. */
export const negators: ReadonlyMap<string, number> = weighted([
  [1, '不 没 没有 无 非 未 别 莫 勿 不是 并非 并不 并没有 毫不 毫无 从不 从未 从来不 从来没有 绝不 决不 不会 不能 不用 不够 一点也不 一点都不 根本不 根本没有 根本没 缺乏 谈不上 算不上 称不上 不算 没什么 不怎么'],
  [0.6, '不太 不大 不是很 不怎么样'],
]);

/** Scale the next opinion word (太差 is worse than 差; 有点慢 is milder than 慢). */
export const degreeAdverbs: ReadonlyMap<string, number> = weighted([
  [2, '极 极其 极度 极为 超级 巨 太过 简直'],
  [1.8, '非常 特别 太 十分 最 格外 尤其 实在 贼 相当'],
  [1.5, '超 真 真的 确实 更 更加 越来越 这么 那么 如此 多么 好不'],
  [1.2, '很 挺 蛮 比较 还算 还挺 够'],
  [0.7, '有点 有些 稍微 稍 略 略微 一点 有一点 些许'],
]);

/** What follows a contrast outweighs what came before it in the sentence (环境不错，就是停车太难). */
export const contrastWords: ReadonlySet<string> = new Set(list('但 但是 可是 不过 然而 却 只是 就是 可惜 偏偏 无奈'));

/**
 * The frames of ironic praise: praise after these words, in a text that otherwise complains, is sarcasm
 * (真是好医院啊，排队五个小时; 效率可真高，挂个号跑了三趟). They also intensify sincere praise.
 */
export const ironyFrames: ReadonlySet<string> = new Set(list('真是 可真 可真是 还真是 真不愧是 不愧是 果然是 好一个 真行 真可以 真有你的'));

/** Quotation marks around a single word of praise: 效率可真"高". */
export const scareQuotes: ReadonlySet<string> = new Set(list(`" ' “ ” ‘ ’ 「 」 『 』`));

/**
 * Words whose tone depends on what they measure: 效率高 is praise, 费用高 a complaint, 车位少 a complaint.
 * aspect: +1 when more of it is good, −1 when more of it is bad; scalar: +1 more, −1 less.
 */
export const aspects: ReadonlyMap<string, number> = weighted([
  [1, '效率 水平 医术 技术 质量 素质 满意度 成功率 治愈率 速度 性价比 服务质量 评价 口碑 车位 停车位 床位 窗口 医生 护士 人手 名额 号源 报销比例 报销'],
  [-1, '费用 收费 价格 药费 价钱 花费 检查费 住院费 手术费 医药费 挂号费 诊疗费 时间 等待时间 排队时间 队 队伍 人 病人 患者 人流 门槛 风险 死亡率 感染率 误诊率 开销 价'],
]);
export const scalars: ReadonlyMap<string, number> = weighted([
  [1, '高 多 长 大 快 足 充足'],
  [-1, '低 少 短 小 不足 紧张'],
]);

/**
 * Complaints stated as facts, without an opinion word (排队五个小时, 跑了三趟), as regular expressions over the
 * normalized text, with the topic they are about; a pattern runs only on a text that has one of its `needs`.
 */
export const complaintFacts: { needs: string[]; pattern: RegExp; weight: number; category: Category }[] = [
  { needs: ['小时', '钟头'], pattern: /(?:排队|排了|等了|等待|等候|候诊|排)[^,.。!?;\n]{0,8}?(?:[0-9]+|[一二两三四五六七八九十几半]+)(?:个)?多?(?:小时|钟头)/, weight: -1.5, category: 'waiting_crowding' },
  { needs: ['等了'], pattern: /等了(?:整整)?(?:一|大半|整)?(?:上午|下午|整天|天|半天|晚上|宿)/, weight: -1.2, category: 'waiting_crowding' },
  { needs: ['趟', '次'], pattern: /跑了?(?:[0-9]+|[两三四五六七八九十几]+)(?:趟|次)/, weight: -1.2, category: 'waiting_crowding' },
  { needs: ['扎了'], pattern: /扎了[^,.。!?;\n]{0,3}针/, weight: -1, category: 'service_attitude' },
  { needs: ['号'], pattern: /挂(?:不上|不到)号|抢不到号|号都没了|放号[^,.。!?;\n]{0,4}(?:就没|秒没|抢光)/, weight: -1.2, category: 'waiting_crowding' },
  { needs: ['分钟'], pattern: /(?:看|问)了?不到[0-9一二两三四五]+分钟/, weight: -1, category: 'service_attitude' },
];

/**
 * Opinion words that are only degree adverbs before some words: 好 in 好几次, 好多人, 好久 says "many" or
 * "long", not "good". Keyed by the word, the first characters of the next word that make it so.
 */
export const degreeUses: ReadonlyMap<string, string> = new Map([['好', '几多些久像一大长似']]);

/** Weibo's bracketed emoticons ([怒]) and emoji, read as opinion words. */
export const emoticons: ReadonlyMap<string, number> = weighted([
  [-2, '[怒] [怒骂] [抓狂] [吐] [鄙视] 😡 🤮 😠'],
  [-1.5, '[泪] [悲伤] [失望] [衰] [哼] [委屈] [伤心] [可怜] [弱] [生病] [晕] [汗] [黑线] [白眼] [允悲] 😤 👎 🙄 😭 💔 😒 😞 😢 😩'],
  [-0.5, '[微笑] [doge] [二哈] [吃瓜]'],
  [1, '[哈哈] [嘻嘻] [偷笑] [酷] [握手] [作揖] [good] [ok] [耶] [礼物] [蛋糕] [太阳] 😊 😄 😁 🙏 🌹 💪 😀'],
  [1.5, '[爱你] [心] [赞] [鼓掌] [给力] [威武] [亲亲] [可爱] [花心] [太开心] [微风] [抱抱] [送花花] [加油] ❤ ❤️ 👍 👏 🥰 😍 💯 🎉'],
]);
