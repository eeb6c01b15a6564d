import { describe, expect, it } from 'vitest';
import { analyseOne } from './test-kit.ts';

describe('polarity rules', () => {
  const one = analyseOne();
  const polarity = (text: string) => one(`滨江一院${text}`).polarity;

  it('reads complaints and praise from the hospital lexicon', () => {
    expect(polarity('护士态度恶劣，爱答不理')).toBe('negative');
    expect(polarity('医生妙手回春，感谢')).toBe('positive');
    expect(polarity('今天门诊正常开放')).toBe('neutral');
  });

  it('turns a negated word: 不满意 blames, 不差 and 怪不到护士头上 do not', () => {
    expect(polarity('的服务我很不满意')).toBe('negative');
    expect(one('滨江一院的服务我很不满意').reasons).toContain('negation:不+满意');
    expect(polarity('的医生没有耐心')).toBe('negative');
    expect(one('滨江一院的医生没有耐心').reasons).toContain('negation:没有+耐心');
    expect(polarity('的医生态度不差')).not.toBe('negative');
    expect(polarity('这事怪不到护士头上，护士已经很尽责了')).toBe('positive');
    expect(polarity('的医生没有乱开检查')).not.toBe('negative');
  });

  it('lets what follows a contrast outweigh what came before', () => {
    expect(polarity('的新门诊楼环境不错，就是停车位太少了')).toBe('negative');
    expect(polarity('停车位是少了点，但是医生特别耐心，非常感谢')).toBe('positive');
  });

  it('gives a scalar the tone of its aspect: 费用高 blames, 水平高 praises', () => {
    expect(polarity('的检查费用太高')).toBe('negative');
    expect(polarity('的医生水平很高')).toBe('positive');
    expect(polarity('的效率很低')).toBe('negative');
  });

  it('reads praise in scare quotes as sarcasm', () => {
    const r = one('滨江一院的效率可真“高”');
    expect(r.polarity).toBe('negative');
    expect(r.reasons).toContain('sarcasm:"高"');
  });

  it('reads praise after an irony frame as sarcasm when the text complains, and as praise when it does not', () => {
    const sarcastic = one('真是好医院啊，在市一院排队五个小时');
    expect(sarcastic.polarity).toBe('negative');
    expect(sarcastic.reasons).toContain('sarcasm:真是+好');
    expect(sarcastic.reasons).toContain('fact:排队五个小时');
    expect(one('不愧是滨江一院，服务真周到，等了一上午连个护士都找不到').polarity).toBe('negative');
    expect(one('真是好医院啊，医生护士都很耐心，谢谢市一院').polarity).toBe('positive');
  });

  it('counts complaints stated as facts', () => {
    expect(polarity('挂个号跑了三趟')).toBe('negative');
    expect(polarity('扎了五六针')).toBe('negative');
  });

  it('reads Weibo emoticons and emoji', () => {
    expect(polarity('今天去复查[怒][怒]')).toBe('negative');
    expect(polarity('今天去复查[赞]👍')).toBe('positive');
  });

  it('does not read 好 as praise where it means many or long', () => {
    expect(polarity('去了好几次，等了好久')).not.toBe('positive');
  });

  it('takes the hospital refutation of a rumour as neutral', () => {
    expect(one('【辟谣】网传滨江一院发生医疗事故系谣言').polarity).toBe('neutral');
  });

  it('gives a mention not about the hospital its own tone', () => {
    const r = one('在市一院对面的奶茶店排了半小时队，太难等了');
    expect(r.about_hospital).toBe(false);
    expect(r.polarity).toBe('negative');
  });
});
