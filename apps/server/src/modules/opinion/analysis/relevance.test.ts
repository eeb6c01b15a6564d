import { describe, expect, it } from 'vitest';
import { analyseOne } from './test-kit.ts';

describe('watch rules: is the mention about the monitored hospital?', () => {
  const one = analyseOne();

  it('counts the full name and distinctive short names, in traditional or full-width writing too', () => {
    expect(one('滨江市第一人民医院今天开展义诊').about_hospital).toBe(true);
    expect(one('濱江市第一人民醫院急診科').reasons).toContain('name:滨江市第一人民医院');
    expect(one('滨江一院的护士很好').reasons).toContain('alias:滨江一院');
  });

  it('counts a generic short name unless another city comes right before it', () => {
    expect(one('市一院的医生真负责').about_hospital).toBe(true);
    expect(one('滨江市一院的医生真负责').about_hospital).toBe(true);
    const other = one('绵阳市一院今天发生一起医闹');
    expect(other.about_hospital).toBe(false);
    expect(other.reasons).toContain('other-place:绵阳市一院');
    expect(other.category).toBe('unrelated');
    expect(other.risk).toBe(0);
  });

  it('needs a medical word near a short name that is also a common word or a place', () => {
    const huaxi = analyseOne({ name: '四川大学华西医院', aliases: ['华西'], campuses: [], departments: ['心内科'], staff: [], exclude: [] });
    expect(huaxi('华西都市报今日头版').about_hospital).toBe(false);
    expect(huaxi('华西今天下了一场大雨').about_hospital).toBe(false);
    expect(huaxi('华西今天下了一场大雨').reasons).toContain('ambiguous:华西');
    expect(huaxi('华西的医生看病很仔细').about_hospital).toBe(true);
    expect(huaxi('华西心内科排队太久').reasons).toContain('alias:华西+context:心内科');
  });

  it('does not count a same-name housing estate, restaurant or station', () => {
    for (const text of ['市一院小区二手房出售', '滨江一院饭店的火锅真好吃', '在市一医院站等公交']) {
      const r = one(text);
      expect(r.about_hospital, text).toBe(false);
      expect(r.reasons.some((x) => x.startsWith('not-hospital:')), text).toBe(true);
    }
  });

  it('does not count the hospital used as a landmark', () => {
    const r = one('房子就在滨江市第一人民医院旁边，生活很方便');
    expect(r.about_hospital).toBe(false);
    expect(r.reasons).toContain('landmark:滨江市第一人民医院旁边');
  });

  it('lets an excluded name rule the mention out, unless the full name stands elsewhere', () => {
    expect(one('江城市第一人民医院儿科医生被打').about_hospital).toBe(false);
    expect(one('江城市第一人民医院儿科医生被打').reasons).toContain('excluded:江城市第一人民医院');
    expect(one('江城市第一人民医院的病人转到了滨江市第一人民医院').about_hospital).toBe(true);
  });

  it('counts a staff name with a title beside it, and neither a bare name nor a department alone', () => {
    expect(one('王芳护士特别耐心').reasons).toContain('staff:王芳护士');
    expect(one('主任李建国做了手术').about_hospital).toBe(true);
    expect(one('王芳今天结婚了').about_hospital).toBe(false);
    expect(one('急诊科排队太久了').about_hospital).toBe(false);
  });

  it('counts the hospital own account as author', () => {
    expect(one('今日门诊时间调整', { author: '滨江市第一人民医院' }).reasons).toContain('author:滨江市第一人民医院');
  });

  it('does not let repost handles or other accounts count as names', () => {
    expect(one('说得对//@滨江一院吐槽君:今天天气不错').about_hospital).toBe(false);
  });
});
