import type { Category, RiskLevel } from './types.ts';

/**
 * What a mention is about and how grave it is, as docs/opinion-risk.md grades it: the words of each category
 * with the level of the event they name when the mention is not positive. A term matches where a jieba word
 * starts, or inside a word of three characters or more (基金 in 自然科学基金); a term of three characters or
 * more may end inside a word (过期药 in 过期药品), a shorter one may not (死亡 is not 死亡率).
 */
export type EventTerm = { category: Category; risk: RiskLevel };

const list = (words: string) => words.split(/\s+/).filter(Boolean);

const eventGroups: [Category, RiskLevel, string][] = [
  ['death', 4, '死亡 身亡 去世 离世 致死 抢救无效 不治身亡 猝死 一尸两命 命丧 丧命 病逝 逝世 死在 跳楼身亡 坠楼身亡 脑死亡 害死 逼死 尸体'],
  ['violence', 4, '伤医 袭医 杀医 暴力伤医 暴力 被伤害 遭伤害 人身伤害 袭击 遇袭 医闹 砍伤 砍死 砍人 砍杀 捅伤 捅死 捅人 持刀 行凶 殴打 打医生 打护士 打伤 围殴 下跪 辱骂殴打 掌掴 泼粪 围攻'],
  ['medical_dispute', 4, '群体性 拉横幅 拉条幅 打横幅 堵门 围堵 停尸 摆花圈 设灵堂'],
  ['infection_safety', 4, '院感 院内感染 感染暴发 感染爆发 聚集性感染 集体感染 聚集性疫情 交叉感染 火灾 起火 着火 失火 火情 爆炸 坍塌 倒塌 垮塌 食物中毒 集体中毒 疫情暴发'],
  ['infection_safety', 3, '坠楼 跳楼 电梯事故 电梯坠落 触电 燃气泄漏 安全事故 安全隐患 消防隐患 停电 断电'],
  [
    'malpractice_injury',
    3,
    `误诊 漏诊 错诊 医疗事故 医疗过错 医疗差错 医疗损害 手术失败 做错手术 切错 打错针 输错 用错药 开错药 发错药
     拿错药 抱错 纱布 遗留体内 落在体内 致残 瘫痪 截肢 植物人 延误治疗 耽误治疗 延误病情 耽误病情 耽误了 延误了
     过度治疗 过度医疗 术后感染 伤口感染 烫伤 医源性 无证行医 非法行医 假药 过期药`,
  ],
  ['medical_dispute', 3, '医疗纠纷 医患纠纷 医疗鉴定 医疗损害责任 讨说法 讨个说法 索赔 赔偿 起诉 打官司 上诉 维权 协商无果 要说法'],
  ['corruption', 3, '红包 回扣 收红包 吃回扣 贿赂 受贿 行贿 索贿 医药代表 带金销售 骗保 套保 套取医保 虚开 虚构住院 挂床 利益输送 违纪违法 严重违纪 贪污 挪用 商业贿赂'],
  ['privacy', 2, '泄露 泄漏 泄密 偷拍 隐私 病历外泄 信息外泄 个人信息 身份证号 不打码 没打码 未打码 患者照片 病人照片 私密'],
  ['fees_billing', 2, '乱收费 多收费 重复收费 收费不合理 天价 高收费 乱检查 过度检查 乱开药 小病大治 多收 退费难 不给退 不退费 霸王条款 强制消费 被收了'],
  ['fees_billing', 1, '收费 费用 缴费 账单 清单 发票 医药费 住院费 检查费 手术费 药费 自费 医保 报销 贵 价格 价钱 花了 收了'],
  ['waiting_crowding', 2, '系统崩 系统故障 系统瘫痪 系统维护 崩了 宕机 挂号系统 预约系统 进不去 打不开 号贩子 黄牛 倒卖'],
  ['waiting_crowding', 1, '排队 排长队 等了 等待 等候 候诊 人多 人太多 拥挤 挤 挂号难 一号难求 挂不上号 挂不到号 抢号 加号 预约难 放号 太久 加床 走廊'],
  ['service_attitude', 1, '玩手机 聊天 态度 冷漠 不耐烦 凶 吼 骂 呵斥 训斥 辱骂 甩脸色 爱答不理 推诿 推脱 踢皮球 敷衍 不理 冷脸 翻白眼 服务 刁难 傲慢 蛮横 粗暴 推三阻四 一问三不知 没人管 没人理 无人处理'],
  ['environment_facilities', 1, '停车 车位 停车位 停车场 停车难 食堂 饭菜 伙食 厕所 卫生间 脏 臭 蟑螂 老鼠 空调 暖气 电梯 设施 设备 病床 陪护床 指示牌 漏水 噪音 环境 卫生 装修 wifi 充电 轮椅 自助机'],
  ['praise_staff', 0, '没得说 周到 热情 专业 靠谱 辛苦了 负责任 感谢 谢谢 锦旗 感谢信 点赞 妙手回春 医德 医术 救命恩人 感激 暖心 好医生 好护士 白衣天使 表扬 称赞 耐心 负责 细心 温柔 敬业 尽责 表彰 优秀护士 最美 拒收红包'],
  ['medical_achievement', 0, '成功实施 成功开展 成功完成 成功救治 首例 首台 全省首 全市首 国内首 填补 新技术 获批 荣获 获奖 入选 科研 课题 基金 论文 重点学科 重点专科 排名 榜单 攻克 国际领先 国内领先 专利 胸痛中心 卒中中心 创伤中心 评审 三甲 移植'],
  ['public_service_event', 0, '义诊 公益 志愿 志愿者 捐赠 捐献 献血 讲座 科普 进社区 下乡 宣教 宣传日 宣传周 护士节 医师节 帮扶 对口支援 援藏 援疆 医疗队 驰援 救援 演练 健康大讲堂 开放日 急救培训'],
  ['policy_news', 0, '门诊时间 开诊 停诊 出诊 调整 通知 公告 招聘 乘车 交通 地址 预约方式 开放时间 就诊指南 温馨提示 放假 安排 新院区 开业 启用 搬迁 试运行 上线 坐地铁 怎么去 在哪'],
];

export const eventTerms: [string, EventTerm][] = eventGroups.flatMap(([category, risk, words]) => list(words).map((word): [string, EventTerm] => [word, { category, risk }]));

/** Marks that change how a mention is read or graded, beyond its category. */
export type Marker =
  | 'refutation' // 辟谣: the text refutes a rumour
  | 'rumor_spreading' // 网传, 传言: an unverified claim going round online
  | 'hearsay' // 听说, 据说: an unverified claim passed by word of mouth
  | 'statement' // the hospital's own 通报 / 情况说明
  | 'evidence' // photos, invoices, a staff number: a complaint with evidence
  | 'repeated' // repeated complaints
  | 'closing' // a verdict, a settlement, a completed reform
  | 'police'
  | 'media_investigation'
  | 'official_investigation'
  | 'national_media'
  | 'medical_context' // a word of medical life: makes an ambiguous short name a hospital
  | 'landmark' // 附近, 旁边: the hospital named as a place, not a subject
  | 'not_hospital' // 小区, 饭店: a place or business that shares the name
  | 'staff_title'; // 医生, 护士长: a staff name with it is the person

const markerGroups: [Marker, string][] = [
  ['refutation', '辟谣 不实 谣言 系谣言 造谣 假消息 不属实 并非事实 与事实不符 纯属捏造 子虚乌有 虚假信息 谣传 澄清 网传不实 属于谣言 为谣言 并不存在 没有发生 未发生'],
  ['rumor_spreading', '网传 传言 传闻 据传 小道消息 网上流传 网上说 网上都在传'],
  ['hearsay', '听说 据说 有人说 朋友说 听人说'],
  ['statement', '情况通报 情况说明 通报如下 特此说明 特此通报 我院高度重视 我院已 我院将 我院对 院方通报 医院通报 致歉 声明 官方通报'],
  ['evidence', '照片 视频 截图 录音 录像 发票 收据 清单 病历 工号 实名 附图 有图有真相 监控 聊天记录 证据 拍下'],
  ['repeated', '多次 反复 又一次 再次 屡次 不止一次 第二次 第三次 好几次 三番五次 一再 屡屡 又是'],
  ['closing', '判决 一审判决 二审判决 终审判决 判决书 一审 二审 终审 宣判 和解 调解 达成协议 赔偿协议 调解协议 结案 处理结果 已整改 整改完成 完成整改 尘埃落定 圆满解决 已解决 改革完成'],
  ['police', '报警 警方 派出所 民警 公安 刑拘 拘留 警情通报 110 立案侦查 嫌疑人'],
  ['media_investigation', '记者调查 记者暗访 暗访 调查发现 记者走访 记者探访 记者发现 深度调查 独家调查 曝光台 3·15 315晚会'],
  ['official_investigation', '卫健委介入 介入调查 立案调查 纪委 监委 纪检 联合调查组 调查组 停职 免职 被查 双开 纪律审查 监察调查 行政处罚 吊销 卫健委通报 医保局通报 市场监管 专家组 责令'],
  ['national_media', '央视 cctv 焦点访谈 新闻联播 人民日报 新华社 新华网 人民网 中新网 中国新闻网 光明日报 经济日报 健康报 中国青年报 法治日报 新京报 澎湃新闻 中国之声 每周质量报告'],
  [
    'medical_context',
    `医院 医生 护士 大夫 看病 挂号 就诊 门诊 急诊 住院 手术 病房 病人 患者 专家 科室 主任 检查 化验 输液 打针 开药 拿药
     体检 复查 床位 icu 产检 分娩 治疗 院长 挂水 药房 候诊 病床 医保 医护 医师 护理 病历 诊断 抢救 救治 出院 入院`,
  ],
  ['landmark', '附近 旁边 对面 隔壁 周边 边上 旁 不远 斜对面 那边 路口 一带'],
  ['not_hospital', '小区 花园 公寓 家园 苑 饭店 餐厅 酒家 酒楼 火锅 烧烤 面馆 饭馆 超市 商店 便利店 宾馆 酒店 旅馆 公交站 地铁站 站 路 街 大街 二手房 房价 学区'],
  ['staff_title', '医生 主任 护士 大夫 教授 院长 医师 护士长 主治 专家 主任医师 副主任 书记 药师 技师 博士'],
];

export const markerTerms: [string, Marker][] = markerGroups.flatMap(([marker, words]) => list(words).map((word): [string, Marker] => [word, marker]));
