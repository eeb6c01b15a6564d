import type { Category, HospitalProfile, MentionInput, Polarity, RiskLevel } from './types.ts';

/**
 * Hand-labelled mentions of a (fictional) monitored hospital, written the way patients, families, the press
 * and the hospital itself write, and labelled by docs/opinion-risk.md's conventions: complaints, praise,
 * neutral news, sarcasm, negation, refutation, rumours, red events, and irrelevant uses of its short names.
 */
export const labelledProfile: HospitalProfile = {
  name: '滨江市第一人民医院',
  aliases: ['滨江一院', '市一院', '市一医院'],
  campuses: ['滨江市第一人民医院东院区'],
  departments: ['急诊科', '心内科', '儿科', '产科', '骨科', '消化内科', '新生儿科'],
  staff: ['李建国', '王芳', '陈静'],
  exclude: ['江城市第一人民医院'],
};

export type Labelled = { about: boolean; polarity: Polarity; risk: RiskLevel; category: Category };

type Row = [text: string, about: boolean, polarity: Polarity, risk: RiskLevel, category: Category, extra?: Partial<MentionInput>];

const rows: Row[] = [
  // Everyday complaints (蓝) and their yellow forms.
  ['在滨江市第一人民医院急诊科排队五个小时还没看上病，孩子烧到39度，没人管。', true, 'negative', 1, 'waiting_crowding'],
  ['滨江一院停车太难了，绕了三圈都找不到车位。', true, 'negative', 1, 'environment_facilities'],
  ['市一医院食堂的饭菜又贵又难吃。', true, 'negative', 1, 'environment_facilities'],
  ['滨江市第一人民医院儿科护士态度冷漠，问个问题爱答不理的。', true, 'negative', 1, 'service_attitude'],
  ['滨江一院的护士也太凶了吧，输液找不到血管扎了五六针，还怪我孩子乱动。', true, 'negative', 1, 'service_attitude'],
  ['滨江市第一人民医院患者在走廊加床，一个病房住了六个人，太挤了。', true, 'negative', 1, 'waiting_crowding'],
  ['我不是说滨江一院不好，只是这次在急诊等太久了，希望能改进。', true, 'negative', 1, 'waiting_crowding'],
  ['滨江市第一人民医院的新门诊楼环境不错，就是停车位太少了。', true, 'negative', 1, 'environment_facilities'],
  ['滨江一院的医生态度不差，就是排队时间有点长。', true, 'negative', 1, 'waiting_crowding'],
  ['市一院收费太离谱了，做个胃镜加麻醉收了两千多，清单上还有好几项根本没做的检查，发票我都拍了照。', true, 'negative', 2, 'fees_billing'],
  ['滨江一院消化内科陈静医生态度极差，当着其他病人的面骂我妈，工号1024，已经投诉了。', true, 'negative', 2, 'service_attitude'],
  ['有人在滨江市第一人民医院住院部偷拍患者照片发到抖音上，病人的脸都没打码，这是侵犯隐私吧。', true, 'negative', 2, 'privacy'],
  ['滨江市第一人民医院预约挂号系统崩了，早上八点放号一直进不去，电话也打不通。', true, 'negative', 2, 'waiting_crowding'],
  ['第三次投诉滨江一院了，每次去拿药都要排一个多小时，反映了多次也没人管。', true, 'negative', 2, 'waiting_crowding'],
  ['太黑了//@路人甲:同样遇到过//@维权小王:滨江一院乱收费，住院三天收了我八千多，还有没用过的药。', true, 'negative', 2, 'fees_billing'],
  ['市一医院的专家号一号难求，号贩子倒卖一个号要500块，医院管不管？', true, 'negative', 2, 'waiting_crowding'],
  // Sarcasm.
  ['真是好医院啊，在市一院排队五个小时，医生看了不到两分钟。', true, 'negative', 1, 'waiting_crowding'],
  ['滨江一院的效率可真“高”，挂个号跑了三趟，每次都说系统维护。', true, 'negative', 2, 'waiting_crowding'],
  ['不愧是滨江一院，服务真周到，等了一上午连个护士都找不到。', true, 'negative', 1, 'waiting_crowding'],
  // Praise, with negation and slang.
  ['市一医院心内科王芳护士特别耐心，半夜还来看了我妈好几次，感谢！', true, 'positive', 0, 'praise_staff'],
  ['感谢滨江市第一人民医院骨科李建国主任团队，我爸的手术很成功，医术高明，医德高尚。', true, 'positive', 0, 'praise_staff'],
  ['这事真怪不到护士头上，是家属自己没按医嘱来，市一医院的护士已经很尽责了。', true, 'positive', 0, 'praise_staff'],
  ['看了这么多家医院，还是滨江一院的医生最靠谱，没有乱开检查。', true, 'positive', 0, 'praise_staff'],
  ['市一院的医生真的太负责了，凌晨三点还在做手术，辛苦了！', true, 'positive', 0, 'praise_staff'],
  ['滨江一院yyds！产科的护士小姐姐们太温柔了', true, 'positive', 0, 'praise_staff'],
  ['不得不说，滨江市第一人民医院的服务确实没得说，从挂号到检查都有志愿者引导。', true, 'positive', 0, 'praise_staff'],
  ['今天带我爸去滨江一院复查，医生说恢复得很好，心里的石头终于落地了。', true, 'positive', 0, 'praise_staff'],
  ['謝謝濱江市第一人民醫院兒科的醫生護士，孩子終於退燒了', true, 'positive', 0, 'praise_staff'],
  ['滨江一院医生说这种情况不用手术，保守治疗就可以，省了好几万，真是良心医院！', true, 'positive', 0, 'praise_staff'],
  ['滨江市第一人民医院护士节表彰大会举行，50名优秀护士受到表彰。', true, 'positive', 0, 'praise_staff'],
  ['滨江市第一人民医院门诊的自助机好用多了，缴费再也不用排长队。', true, 'positive', 0, 'environment_facilities'],
  // Achievements and public service (正面宣传).
  ['滨江市第一人民医院成功实施全市首例达芬奇机器人辅助肝癌切除术。', true, 'positive', 0, 'medical_achievement'],
  ['滨江市第一人民医院获批国家级胸痛中心，急性心梗患者救治再提速。', true, 'positive', 0, 'medical_achievement'],
  ['转发微博//@小雨:支持！//@滨江日报:滨江市第一人民医院成功完成首例心脏移植手术，患者已康复出院。', true, 'positive', 0, 'medical_achievement'],
  ['滨江市第一人民医院开展“世界心脏日”大型义诊活动，30余名专家为市民免费测血压、答疑，受到市民好评。', true, 'positive', 0, 'public_service_event'],
  ['滨江市第一人民医院医疗队出发驰援灾区，院长为队员们送行并致以崇高敬意。', true, 'positive', 0, 'public_service_event'],
  // Neutral information.
  ['滨江市第一人民医院关于调整春节期间门诊时间的通知：2月9日至2月12日普通门诊停诊，急诊24小时开放。', true, 'neutral', 0, 'policy_news'],
  ['滨江市第一人民医院2025年公开招聘护理人员公告', true, 'neutral', 0, 'policy_news'],
  ['市一院东院区怎么坐地铁？2号线滨江医院站下车B口出，步行200米。', true, 'neutral', 0, 'policy_news'],
  ['滨江市第一人民医院心内科专家李建国做客电视台《健康大讲堂》，讲解冬季心血管疾病预防。', true, 'positive', 0, 'public_service_event'],
  ['在华西医院和滨江一院之间纠结，大家觉得去哪个看骨科？', true, 'neutral', 0, 'policy_news'],
  // The hospital's own statements, refutations, rumours.
  ['【辟谣】网传“滨江市第一人民医院发生院内感染暴发”系谣言，经核实，该院各项院感指标正常。', true, 'neutral', 2, 'rumor'],
  ['滨江市第一人民医院：关于网传我院医生收红包一事的情况说明。经调查，该视频拍摄于2019年，涉事医生已于当年被处理，近期网传内容不实。', true, 'neutral', 2, 'rumor'],
  ['网上说滨江一院要关门了，都是谣言，医院已经澄清了，大家别信。', true, 'neutral', 1, 'rumor'],
  ['网传滨江一院产科一产妇大出血死亡，家属在医院门口拉横幅，有知道内情的吗？', true, 'negative', 4, 'rumor'],
  ['网传滨江一院急诊科医生值班时玩手机被拍了视频，转发的人挺多。', true, 'negative', 2, 'rumor'],
  ['滨江一院是不是有问题啊？听说他们那里经常误诊，大家看病还是去省医院吧。', true, 'negative', 2, 'rumor'],
  ['滨江市第一人民医院：关于患者投诉急诊候诊时间过长的情况说明，我院已增派医护人员，优化分诊流程。', true, 'neutral', 1, 'waiting_crowding'],
  ['滨江市第一人民医院就急诊科医生被伤害事件发布情况通报：嫌疑人已被警方控制，受伤医生生命体征平稳，我院强烈谴责暴力伤医行为。', true, 'neutral', 4, 'violence'],
  // Orange and red events.
  ['滨江一院骨科手术把纱布落在病人肚子里，二次开刀，家属要求赔偿，医院一直推诿。', true, 'negative', 3, 'malpractice_injury'],
  ['我妈在滨江市第一人民医院被误诊为胃炎，耽误了两个月，现在确诊胃癌晚期。', true, 'negative', 3, 'malpractice_injury'],
  ['滨江一院的护士把我女儿的药输错了，幸好发现及时，差点出大事。', true, 'negative', 3, 'malpractice_injury'],
  ['记者暗访滨江市第一人民医院：医药代表频繁出入科室，有医生开药拿回扣。', true, 'negative', 3, 'corruption'],
  ['滨江市第一人民医院与患者家属就医疗纠纷达成调解协议，医院赔偿28万元。', true, 'neutral', 2, 'medical_dispute'],
  ['法院一审判决：滨江市第一人民医院在该起医疗损害责任纠纷中承担60%的责任。', true, 'negative', 2, 'medical_dispute'],
  ['滨江市第一人民医院一患者术后死亡，家属质疑医院延误治疗，目前市卫健委已介入调查。', true, 'negative', 4, 'death'],
  ['今天凌晨，滨江市第一人民医院急诊科一名医生被患者家属持刀砍伤，目前正在抢救，警方已控制嫌疑人。', true, 'negative', 4, 'violence'],
  ['#滨江一院医生下跪# 家属在病房内围攻医生，逼医生下跪道歉，视频已经传疯了', true, 'negative', 4, 'violence'],
  ['滨江市第一人民医院住院部三楼突发火情，消防已到场，病人已紧急疏散。', true, 'negative', 4, 'infection_safety'],
  ['滨江市第一人民医院新生儿科发生聚集性感染，5名新生儿出现发热症状，市卫健委已派出专家组。', true, 'negative', 4, 'infection_safety'],
  ['滨江市第一人民医院心内科主任收受红包被市纪委监委立案调查。', true, 'negative', 4, 'corruption'],
  ['央视《焦点访谈》曝光：滨江市第一人民医院套取医保基金，虚构住院病人。', true, 'negative', 4, 'corruption'],
  ['#滨江一院# 一名患者在门诊楼跳楼身亡，原因正在调查中。', true, 'negative', 4, 'death'],
  ['医院不能成为法外之地！滨江市第一人民医院保安殴打患者家属，视频已在网上疯传。', true, 'negative', 4, 'violence', { reposts: 12000, comments: 3400 }],
  ['滨江一院急诊科医生对病人爱答不理，排了三个小时轮到我，两分钟就把我打发了。', true, 'negative', 3, 'service_attitude', { reposts: 1500, comments: 800 }],
  // Not the hospital: same-name places, landmarks, other cities, other hospitals.
  ['市一院小区二手房出售，三室两厅，近地铁，拎包入住。', false, 'neutral', 0, 'unrelated'],
  ['市一院小区门口新开了一家川菜馆，味道还不错。', false, 'positive', 0, 'unrelated'],
  ['绵阳市一院今天发生一起医闹事件，多名家属围堵医生办公室。', false, 'negative', 0, 'unrelated'],
  ['滨江一院饭店的火锅真好吃，老板人也热情，推荐！', false, 'positive', 0, 'unrelated'],
  ['房子就在滨江市第一人民医院旁边，楼下就是公交站，生活很方便。', false, 'positive', 0, 'unrelated'],
  ['在市一院对面的奶茶店排了半小时队，太难等了。', false, 'negative', 0, 'unrelated'],
  ['江城市第一人民医院儿科医生被打，警方已介入。', false, 'negative', 0, 'unrelated'],
  ['华西医院的医生真的很专业，排队虽然久但值得。', false, 'positive', 0, 'unrelated'],
  ['我在市一医院站等公交等了半小时，这趟车太慢了。', false, 'negative', 0, 'unrelated'],
  ['滨江一院那边又堵车了，上下班高峰千万别走那条路。', false, 'negative', 0, 'unrelated'],
  ['今天天气真好，和朋友去江边散步，心情很愉快。', false, 'positive', 0, 'unrelated'],
];

/**
 * Written after the rules were tuned on the rows above and never tuned on: the honest figure of how the
 * rules do on mentions they have not seen.
 */
const heldOutRows: Row[] = [
  ['滨江一院的B超要预约到下个月，病等得起吗？', true, 'negative', 1, 'waiting_crowding'],
  ['市一医院的保安态度恶劣，推搡老人，太不像话了。', true, 'negative', 1, 'service_attitude'],
  ['滨江市第一人民医院的病房空调坏了三天都没人修，热得睡不着。', true, 'negative', 1, 'environment_facilities'],
  ['在滨江一院做了个小手术，自费部分要一万多，医保报销的比例太低了。', true, 'negative', 1, 'fees_billing'],
  ['滨江一院住院部护士站把病人的身份证号和诊断贴在墙上，谁都能看见。', true, 'negative', 2, 'privacy'],
  ['我爸在滨江一院做完胆囊手术后伤口感染，医院说是正常现象，我们不接受。', true, 'negative', 3, 'malpractice_injury'],
  ['滨江市第一人民医院一名护士被患者家属打伤，目前已报警。', true, 'negative', 4, 'violence'],
  ['滨江一院产科的助产士太专业了，全程鼓励我，顺利生下宝宝，谢谢你们！', true, 'positive', 0, 'praise_staff'],
  ['给滨江市第一人民医院急诊科点赞，半夜送去十分钟就安排了检查。', true, 'positive', 0, 'praise_staff'],
  ['滨江市第一人民医院肿瘤科获得国家自然科学基金项目资助。', true, 'positive', 0, 'medical_achievement'],
  ['滨江市第一人民医院举办世界糖尿病日健康讲座，免费为居民测血糖。', true, 'positive', 0, 'public_service_event'],
  ['滨江市第一人民医院东院区将于下周一起试运行，开设内科、外科门诊。', true, 'neutral', 0, 'policy_news'],
  ['网传滨江一院要裁员一半护士，有没有内部人员出来说说？', true, 'negative', 2, 'rumor'],
  ['滨江市第一人民医院回应网传“医生拒收病人”：系不实信息，当天患者已在急诊得到救治。', true, 'neutral', 1, 'rumor'],
  ['好家伙，滨江一院的号比演唱会门票还难抢。', true, 'negative', 1, 'waiting_crowding'],
  ['市一院小区的物业太差了，电梯天天坏。', false, 'negative', 0, 'unrelated'],
  ['绵阳市一院的护士都很温柔，住院体验很好。', false, 'positive', 0, 'unrelated'],
  ['滨江一院站附近新开了一家面馆，味道一般。', false, 'neutral', 0, 'unrelated'],
  ['滨江市第一人民医院被曝使用过期药品，市场监管部门已立案调查。', true, 'negative', 4, 'malpractice_injury'],
  ['滨江一院医生写错了病历上的年龄，去改还要跑三个窗口，麻烦死了。', true, 'negative', 1, 'service_attitude'],
];

/** Written last, run once, never tuned on: the figure to quote for unseen mentions. */
const unseenRows: Row[] = [
  ['滨江一院的检验科报告出得太慢了，等了三天还没出结果。', true, 'negative', 1, 'waiting_crowding'],
  ['在滨江一院门口被黄牛拦住，说两百块能挂到专家号，医院也不管管。', true, 'negative', 2, 'waiting_crowding'],
  ['滨江市第一人民医院的护工收费太乱了，一天三百还不开收据。', true, 'negative', 2, 'fees_billing'],
  ['市一院心内科的陈静医生人真好，讲得特别清楚，还加了我的号。', true, 'positive', 0, 'praise_staff'],
  ['滨江市第一人民医院成功救治一名被毒蛇咬伤的村民。', true, 'positive', 0, 'medical_achievement'],
  ['滨江一院医生手术时把病人的左腿当成右腿做了，家属已经报警。', true, 'negative', 3, 'malpractice_injury'],
  ['滨江市第一人民医院发布声明：网传“我院停止医保结算”不属实，医保结算一切正常。', true, 'neutral', 1, 'rumor'],
  ['今天在滨江一院体检，流程挺顺的，一个上午就做完了。', true, 'positive', 0, 'praise_staff'],
  ['滨江一院的厕所脏得没法下脚，地上全是水。', true, 'negative', 1, 'environment_facilities'],
  ['滨江市第一人民医院一名患者在候诊时突然倒地，经抢救无效死亡，家属认为医院处置不及时。', true, 'negative', 4, 'death'],
  ['滨江一院小区门口的早餐店包子很好吃。', false, 'positive', 0, 'unrelated'],
  ['德阳市一院的新大楼今天启用了。', false, 'neutral', 0, 'unrelated'],
  ['滨江市第一人民医院2026年春节门诊安排：除夕至初二只开急诊。', true, 'neutral', 0, 'policy_news'],
  ['真服了滨江一院，交个费排了四十分钟，窗口还在聊天。', true, 'negative', 1, 'waiting_crowding'],
  ['市卫健委通报：滨江市第一人民医院存在违规收费问题，已责令退还并罚款。', true, 'negative', 4, 'fees_billing'],
];

const toMentions = (prefix: string, list: Row[]) =>
  list.map(([text, about, polarity, risk, category, extra], i) => ({
    mention: { id: `${prefix}${i + 1}`, source: 'weibo', title: '', text, ...extra } as MentionInput,
    expected: { about, polarity, risk, category } as Labelled,
  }));

export const labelledMentions = toMentions('h', rows);
export const heldOutMentions = toMentions('o', heldOutRows);
export const unseenMentions = toMentions('u', unseenRows);
