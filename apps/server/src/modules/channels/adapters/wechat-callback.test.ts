import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parsePublishJobFinish, verifyWeChatSignature } from './wechat-callback.ts';

describe('verifyWeChatSignature', () => {
  // Known answer computed outside this code: sha1 of the three values sorted and joined.
  const token = 'rongmei-token';
  const signed = { signature: '009b1f4491585e7d7dc99077c244a43c726a2536', timestamp: '1700000000', nonce: 'abc123' };

  it('accepts the signature WeChat computes', () => {
    expect(verifyWeChatSignature(token, signed)).toBe(true);
    expect(verifyWeChatSignature(token, { ...signed, signature: signed.signature.toUpperCase() })).toBe(true);
  });

  it('sorts the values before hashing (the order they arrive in does not matter, the order of concatenation does)', () => {
    const unsorted = createHash('sha1').update(`${token}${signed.timestamp}${signed.nonce}`).digest('hex');
    expect(unsorted).not.toBe(signed.signature);
    expect(verifyWeChatSignature(token, { ...signed, signature: unsorted })).toBe(false);
  });

  it('rejects a wrong token, a changed timestamp or nonce, a truncated or missing signature', () => {
    expect(verifyWeChatSignature('other-token', signed)).toBe(false);
    expect(verifyWeChatSignature(token, { ...signed, timestamp: '1700000001' })).toBe(false);
    expect(verifyWeChatSignature(token, { ...signed, nonce: 'abc124' })).toBe(false);
    expect(verifyWeChatSignature(token, { ...signed, signature: signed.signature.slice(0, 39) })).toBe(false);
    expect(verifyWeChatSignature(token, { ...signed, signature: undefined })).toBe(false);
    expect(verifyWeChatSignature('', signed)).toBe(false);
  });
});

const event = (info: string, extra = '') => `<xml>
<ToUserName><![CDATA[gh_0123456789ab]]></ToUserName>
<FromUserName><![CDATA[oUser]]></FromUserName>
<CreateTime>1700000000</CreateTime>
<MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[PUBLISHJOBFINISH]]></Event>${extra}
<PublishEventInfo>${info}</PublishEventInfo>
</xml>`;

describe('parsePublishJobFinish', () => {
  it('reads a success with its article id and the URLs in idx order', () => {
    const parsed = parsePublishJobFinish(
      event(`<publish_id>2247483650</publish_id><publish_status>0</publish_status>
<article_id><![CDATA[Abc_123-xyz]]></article_id>
<article_detail><count>2</count>
<item><idx>2</idx><article_url><![CDATA[https://mp.weixin.qq.com/s/second]]></article_url></item>
<item><idx>1</idx><article_url><![CDATA[https://mp.weixin.qq.com/s/first?a=1&amp;b=2]]></article_url></item>
</article_detail>`),
    );
    expect(parsed).toEqual({
      publishId: '2247483650',
      status: 0,
      articleId: 'Abc_123-xyz',
      articleUrls: ['https://mp.weixin.qq.com/s/first?a=1&amp;b=2', 'https://mp.weixin.qq.com/s/second'],
      failIndexes: [],
      toUserName: 'gh_0123456789ab',
      createTime: 1700000000,
    });
  });

  it('reads a failure with every fail_idx', () => {
    const parsed = parsePublishJobFinish(event('<publish_id>77</publish_id><publish_status>4</publish_status><fail_idx>1</fail_idx><fail_idx>3</fail_idx>'));
    expect(parsed).toMatchObject({ publishId: '77', status: 4, articleUrls: [], failIndexes: [1, 3] });
    expect(parsed?.articleId).toBeUndefined();
  });

  it('returns null for other messages and events', () => {
    expect(parsePublishJobFinish('<xml><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content></xml>')).toBeNull();
    expect(parsePublishJobFinish('<xml><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event></xml>')).toBeNull();
    expect(parsePublishJobFinish('not xml at all')).toBeNull();
  });

  it('throws on a PUBLISHJOBFINISH without id or status', () => {
    expect(() => parsePublishJobFinish(event('<publish_status>0</publish_status>'))).toThrow(/publish_id/);
    expect(() => parsePublishJobFinish(event('<publish_id>1</publish_id>'))).toThrow(/publish_status/);
    expect(() => parsePublishJobFinish(event('<publish_id>1</publish_id><publish_status>x</publish_status>'))).toThrow();
  });
});
