import { describe, expect, it } from 'vitest';
import { analyseOne } from './test-kit.ts';

describe('risk levels and categories (docs/opinion-risk.md)', () => {
  const one = analyseOne();
  const graded = (text: string, extra = {}) => {
    const r = one(text, extra);
    return { risk: r.risk, category: r.category, polarity: r.polarity };
  };

  it('0: praise, achievements, public service and routine information', () => {
    expect(graded('感谢滨江一院骨科医生，医术高明')).toEqual({ risk: 0, category: 'praise_staff', polarity: 'positive' });
    expect(graded('滨江市第一人民医院获批国家级胸痛中心')).toEqual({ risk: 0, category: 'medical_achievement', polarity: 'positive' });
    expect(graded('滨江市第一人民医院开展义诊活动')).toEqual({ risk: 0, category: 'public_service_event', polarity: 'positive' });
    expect(graded('滨江市第一人民医院关于调整门诊时间的通知')).toEqual({ risk: 0, category: 'policy_news', polarity: 'neutral' });
  });

  it('1 蓝: one ordinary complaint with little reach', () => {
    expect(graded('滨江一院停车太难了，找不到车位')).toEqual({ risk: 1, category: 'environment_facilities', polarity: 'negative' });
    expect(graded('滨江一院的护士态度冷漠')).toEqual({ risk: 1, category: 'service_attitude', polarity: 'negative' });
    expect(graded('在滨江一院排队五个小时')).toEqual({ risk: 1, category: 'waiting_crowding', polarity: 'negative' });
  });

  it('2 黄: evidence, a named staff member, repetition, growing reach, a fee dispute, a system failure, privacy', () => {
    expect(one('滨江一院的护士态度冷漠，视频我都拍了').reasons).toContain('evidence:视频');
    expect(graded('滨江一院的护士态度冷漠，视频我都拍了').risk).toBe(2);
    expect(one('滨江一院陈静医生态度冷漠').reasons).toContain('named-staff:陈静');
    expect(graded('滨江一院陈静医生态度冷漠').risk).toBe(2);
    expect(graded('第三次投诉滨江一院了，护士态度冷漠').risk).toBe(2);
    expect(graded('滨江一院的护士态度冷漠', { reposts: 80, comments: 40 }).risk).toBe(2);
    expect(graded('滨江一院乱收费，住院三天多收了两千')).toEqual({ risk: 2, category: 'fees_billing', polarity: 'negative' });
    expect(graded('滨江一院预约挂号系统崩了，一直进不去')).toEqual({ risk: 2, category: 'waiting_crowding', polarity: 'negative' });
    expect(graded('滨江一院有人偷拍病人照片，太过分了')).toEqual({ risk: 2, category: 'privacy', polarity: 'negative' });
  });

  it('3 橙: alleged error or injury, a dispute, kickbacks, the press, police, a viral post', () => {
    expect(graded('我妈在滨江一院被误诊，耽误了两个月')).toEqual({ risk: 3, category: 'malpractice_injury', polarity: 'negative' });
    expect(graded('滨江一院医生收红包，太黑心了')).toEqual({ risk: 3, category: 'corruption', polarity: 'negative' });
    expect(graded('家属与滨江一院发生医疗纠纷，要讨个说法')).toEqual({ risk: 3, category: 'medical_dispute', polarity: 'negative' });
    expect(graded('记者暗访滨江一院，发现护士态度冷漠').risk).toBe(3);
    expect(graded('滨江一院护士态度冷漠，家属报警了').risk).toBe(3);
    expect(graded('滨江一院的护士态度冷漠', { reposts: 1200, comments: 300 }).risk).toBe(3);
  });

  it('4 红: death blamed on the hospital, violence, outbreaks, accidents, investigations, national media — calm or not', () => {
    expect(graded('滨江一院一患者术后死亡，家属质疑延误治疗')).toEqual({ risk: 4, category: 'death', polarity: 'negative' });
    expect(graded('滨江一院急诊科医生被家属持刀砍伤')).toEqual({ risk: 4, category: 'violence', polarity: 'negative' });
    expect(graded('滨江市第一人民医院新生儿科发生聚集性感染')).toEqual({ risk: 4, category: 'infection_safety', polarity: 'negative' });
    expect(graded('滨江市第一人民医院住院部突发火情，病人已疏散')).toEqual({ risk: 4, category: 'infection_safety', polarity: 'negative' });
    expect(graded('滨江一院主任收受红包被纪委立案调查')).toEqual({ risk: 4, category: 'corruption', polarity: 'negative' });
    expect(graded('央视曝光：滨江一院套取医保基金')).toEqual({ risk: 4, category: 'corruption', polarity: 'negative' });
    expect(graded('滨江一院医生收红包', { source: 'news', author: '人民日报' }).risk).toBe(4);
  });

  it('keeps the event risk of the hospital own statements, which are neutral', () => {
    expect(graded('滨江市第一人民医院情况通报：急诊科医生被伤害，嫌疑人已被控制')).toEqual({ risk: 4, category: 'violence', polarity: 'neutral' });
    expect(graded('滨江市第一人民医院情况说明：关于患者投诉候诊时间过长，我院已增派人员')).toEqual({ risk: 1, category: 'waiting_crowding', polarity: 'neutral' });
  });

  it('grades a refutation as a neutral rumour at 1, or 2 when the claim is grave or widespread', () => {
    expect(graded('网上说滨江一院要关门了，都是谣言，大家别信')).toEqual({ risk: 1, category: 'rumor', polarity: 'neutral' });
    expect(graded('【辟谣】网传滨江一院发生医疗事故系谣言')).toEqual({ risk: 2, category: 'rumor', polarity: 'neutral' });
    expect(graded('网上说滨江一院要关门了，都是谣言', { reposts: 500 }).risk).toBe(2);
  });

  it('grades an unverified claim as a negative rumour at 2-4 by what it claims and how it spreads', () => {
    expect(graded('网传滨江一院急诊科医生值班时玩手机')).toEqual({ risk: 2, category: 'rumor', polarity: 'negative' });
    expect(graded('网传滨江一院一产妇死亡，家属拉横幅')).toEqual({ risk: 4, category: 'rumor', polarity: 'negative' });
    expect(graded('听说滨江一院经常误诊').risk).toBe(2);
    expect(graded('听说滨江一院停车太难了').category).toBe('environment_facilities');
  });

  it('grades a report that closes an event at 2', () => {
    expect(graded('滨江市第一人民医院与家属就医疗纠纷达成调解协议')).toEqual({ risk: 2, category: 'medical_dispute', polarity: 'neutral' });
    expect(graded('法院一审判决：滨江一院在该起医疗损害责任纠纷中承担责任').risk).toBe(2);
  });

  it('keeps 0 and unrelated for a mention not about the hospital, even violence elsewhere', () => {
    expect(graded('江城市第一人民医院医生被砍伤')).toEqual({ risk: 0, category: 'unrelated', polarity: 'negative' });
  });

  it('does not raise a death that nobody blames on the hospital', () => {
    expect(graded('滨江市第一人民医院老院长病逝，享年九十岁')).toEqual({ risk: 0, category: 'death', polarity: 'neutral' });
    expect(graded('滨江市第一人民医院老院长病逝，家属质疑医院延误治疗').risk).toBe(4);
  });
});
