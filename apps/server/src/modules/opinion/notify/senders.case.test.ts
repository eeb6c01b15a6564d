/**
 * One set of cases run against every notification sender, each talking to its local protocol server (Hono's
 * common.case pattern), then what is particular to each vendor: signatures, keywords, formats, limits, the SSRF guard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver } from '../../channels/adapters/testing/webhook-receiver.ts';
import { composeAlertMessage, composeTestMessage, type AlertForMessage } from './alert-message.ts';
import { createDingTalkSender } from './dingtalk.sender.ts';
import { createEmailSender } from './email.sender.ts';
import { createFeishuSender } from './feishu.sender.ts';
import { NotifyError, type ChannelCredentials, type NotificationSender } from './sender.ts';
import { startDingTalkRobotServer } from './testing/dingtalk-robot-server.ts';
import { startFeishuBotServer } from './testing/feishu-bot-server.ts';
import { startSmtpMailbox } from './testing/smtp-mailbox.ts';
import { startWeComRobotServer } from './testing/wecom-robot-server.ts';
import { createWebhookSender } from './webhook.sender.ts';
import { createWeComSender } from './wecom.sender.ts';

const alert: AlertForMessage = {
  id: 7,
  level: 4,
  title: '网传某医院急诊科发生[伤医]事件',
  ruleName: '红色预警值班',
  reasons: [{ kind: 'level', risk: 4 }, { kind: 'keyword', terms: ['伤医'] }],
  mentionCount: 3,
  raisedAt: new Date('2026-03-05T14:00:00Z'),
  firstMention: { sourceName: '微博关键词', author: '本地热点', url: 'https://weibo.example/p/1(2)', occurredAt: new Date('2026-03-05T13:58:00Z'), excerpt: '今晚急诊科有家属殴打医生，现场有警察。' },
};
const link = 'https://rongmei.example-hospital.cn/opinion/alerts?alert=7';
const redAlert = composeAlertMessage(alert, 'alert', 4, link);

let deliveries = 0;
const send = (sender: NotificationSender, channel: ChannelCredentials, message = redAlert, idempotencyKey = `rongmei-notification-${++deliveries}`) =>
  sender.send({ channel, message, idempotencyKey, signal: AbortSignal.timeout(15_000) });

const failureOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (err) {
    if (err instanceof NotifyError) return err;
    throw err;
  }
  throw new Error('expected the send to fail');
};

/** Sends until the robot's rate limit refuses one: the window is then full. */
async function sendUntilRefused(sender: NotificationSender, channel: ChannelCredentials) {
  for (let i = 0; i < 200; i++) {
    try {
      await send(sender, channel);
    } catch (err) {
      if (err instanceof NotifyError && err.options.retryable) return;
      throw err;
    }
  }
  throw new Error('the rate limit never refused a message');
}

type Harness = {
  sender: NotificationSender;
  channel: ChannelCredentials;
  /** What the receiver shows of each accepted message, as text. */
  received(): string[];
  wrongCredentials: ChannelCredentials;
  /** The receiver's code for wrong credentials. */
  wrongCredentialsCode: string;
  /** Makes the receiver refuse the next message for now (its rate limit, a throttling relay). */
  makeBusy(): Promise<void>;
  /** Lets the receiver accept messages again (the rate window passes). */
  endBusy(): void;
  close(): Promise<void>;
};

const cases: Record<string, () => Promise<Harness>> = {
  async wecom() {
    const server = await startWeComRobotServer({ robots: [{ key: '3f2a9c1e-7b4d-4e8a-9f06-5c1d2e3b4a59', ratePerMinute: 3 }] });
    const sender = createWeComSender(server.url);
    const channel = { id: 1, name: '舆情值班群', settings: {}, secrets: { key: '3f2a9c1e-7b4d-4e8a-9f06-5c1d2e3b4a59' } };
    return {
      sender,
      channel,
      received: () => server.messages.map((m) => m.content),
      wrongCredentials: { ...channel, secrets: { key: '00000000-0000-0000-0000-000000000000' } },
      wrongCredentialsCode: '93000',
      makeBusy: () => sendUntilRefused(sender, channel),
      endBusy: () => server.clock.advance(61_000),
      close: server.close,
    };
  },
  async dingtalk() {
    const robot = { accessToken: 'b8c1f0d2e3a4958672c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9', signSecret: 'SEC8f2d1c0b9a8e7f6d5c4b3a2918273645abcdef0123456789abcdef01234567' };
    const server = await startDingTalkRobotServer({ robots: [robot], ratePerMinute: 3 });
    const sender = createDingTalkSender(server.url, server.clock.now);
    const channel = { id: 2, name: '宣传部钉钉群', settings: {}, secrets: { accessToken: robot.accessToken, signSecret: robot.signSecret } };
    return {
      sender,
      channel,
      received: () => server.messages.map((m) => `${m.title}\n${m.text}`),
      wrongCredentials: { ...channel, secrets: { accessToken: 'not-a-robot-token' } },
      wrongCredentialsCode: '300001',
      makeBusy: () => sendUntilRefused(sender, channel),
      endBusy: () => server.clock.advance(61_000),
      close: server.close,
    };
  },
  async feishu() {
    const bot = { hookId: '4d5e6f70-8192-4a3b-bc4d-5e6f708192a3', signSecret: 'fs9XkQ2mT7vLw3RbN8cY1zHd' };
    const server = await startFeishuBotServer({ bots: [bot], perSecond: 3, perMinute: 100 });
    const sender = createFeishuSender(server.url, server.clock.now);
    const channel = { id: 3, name: '院办飞书群', settings: {}, secrets: { hookId: bot.hookId, signSecret: bot.signSecret } };
    return {
      sender,
      channel,
      received: () => server.messages.map((m) => m.text),
      wrongCredentials: { ...channel, secrets: { hookId: 'ffffffff-ffff-4fff-bfff-ffffffffffff' } },
      wrongCredentialsCode: '19001',
      makeBusy: () => sendUntilRefused(sender, channel),
      endBusy: () => server.clock.advance(1_100),
      close: server.close,
    };
  },
  async email() {
    const mailbox = await startSmtpMailbox({ username: 'yuqing@hospital.example.cn', password: 'smtp-pass-2026' });
    const sender = createEmailSender({ allowList: ['127.0.0.1'] });
    const settings = { host: mailbox.host, port: String(mailbox.port), security: 'none', from: 'yuqing@hospital.example.cn', to: 'duty@hospital.example.cn, leader@hospital.example.cn', username: 'yuqing@hospital.example.cn' };
    const channel = { id: 4, name: '值班邮箱', settings, secrets: { password: 'smtp-pass-2026' } };
    return {
      sender,
      channel,
      received: () => mailbox.mails.map((m) => `${m.subject}\n${m.text}`),
      wrongCredentials: { ...channel, secrets: { password: 'wrong' } },
      wrongCredentialsCode: 'EAUTH',
      makeBusy: async () => mailbox.refuseNext(451, 2),
      endBusy: () => undefined,
      close: mailbox.close,
    };
  },
  async webhook() {
    const receiver = await startWebhookReceiver({ signingSecret: 'notify-signing-secret-0123456789' });
    const sender = createWebhookSender({ allowList: ['127.0.0.1'] });
    const channel = { id: 5, name: '院内 OA', settings: { url: `${receiver.url}/hooks/opinion` }, secrets: { signingSecret: 'notify-signing-secret-0123456789' } };
    return {
      sender,
      channel,
      received: () => receiver.stored.map((d) => `${String(d.payload.headline)}\n${String(d.payload.text)}`),
      wrongCredentials: { ...channel, secrets: { signingSecret: 'another-secret' } },
      wrongCredentialsCode: 'http_401',
      makeBusy: async () => receiver.failNext(1, 429, { retryAfterSeconds: 30 }),
      endBusy: () => undefined,
      close: receiver.close,
    };
  },
};

for (const [kind, start] of Object.entries(cases)) {
  describe(`${kind} sender`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await start();
    });
    afterAll(async () => h.close());

    it('delivers a red alert with its level, rule, reasons, source and link', async () => {
      const result = await send(h.sender, h.channel);
      expect(result.responseCode).toMatch(/^(HTTP 2\d\d|SMTP 250)/);
      const text = h.received().at(-1)!;
      expect(text).toContain('【舆情预警·红色】');
      expect(text).toContain('伤医');
      expect(text).toContain('红色预警值班');
      expect(text).toContain('风险等级达到红色');
      expect(text).toContain('微博关键词');
      expect(text).toContain(link);
    });

    it('refuses for good, with the receiver’s code, when the credentials are wrong', async () => {
      const err = await failureOf(send(h.sender, h.wrongCredentials));
      expect(err.options.retryable).toBe(false);
      expect(err.options.code).toBe(h.wrongCredentialsCode);
    });

    it('fails retryably while the receiver is busy, and delivers once it is not', async () => {
      await h.makeBusy();
      const before = h.received().length;
      const err = await failureOf(send(h.sender, h.channel));
      expect(err.options.retryable).toBe(true);
      expect(h.received()).toHaveLength(before);
      h.endBusy();
      await send(h.sender, h.channel);
      expect(h.received()).toHaveLength(before + 1);
    });

    it('sends a test message that names the channel', async () => {
      await send(h.sender, h.channel, composeTestMessage(h.channel.name, new Date()), 'rongmei-notification-test');
      expect(h.received().at(-1)).toContain(`通知渠道「${h.channel.name}」配置正确`);
    });

    it('refuses to save a channel without its required fields', () => {
      const problems = h.sender.validate({ settings: {}, secrets: {} });
      const required = h.sender.fields.filter((f) => f.required).map((f) => `${f.secret ? 'secrets' : 'settings'}.${f.name}`);
      expect(problems.map((p) => p.field)).toEqual(required);
      expect(h.sender.validate({ settings: h.channel.settings, secrets: h.channel.secrets })).toEqual([]);
    });
  });
}

describe('WeCom specifics', () => {
  it('sends text within 2048 bytes when the channel asks for text, markdown with the level coloured otherwise', async () => {
    const server = await startWeComRobotServer({ robots: [{ key: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d' }] });
    try {
      const sender = createWeComSender(server.url);
      const long = composeAlertMessage({ ...alert, title: '急诊'.repeat(800) }, 'alert', 4, link);
      await send(sender, { id: 1, name: '群', settings: { format: 'text' }, secrets: { key: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d' } }, long);
      await send(sender, { id: 1, name: '群', settings: {}, secrets: { key: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d' } });
      const [text, markdown] = server.messages;
      expect(text.msgtype).toBe('text');
      expect(Buffer.byteLength(text.content)).toBeLessThanOrEqual(2048);
      expect(text.content.endsWith('…')).toBe(true);
      expect(markdown.body).toEqual({ msgtype: 'markdown', markdown: { content: expect.stringContaining('<font color="warning">红色</font>') } });
      // A post's brackets must not become markdown: they are shown full-width.
      expect(markdown.content).toContain('［伤医］');
      expect(markdown.content).toContain('[打开原文](https://weibo.example/p/1%282%29)');
    } finally {
      await server.close();
    }
  });
});

describe('DingTalk specifics', () => {
  it('signs each request (timestamp in ms, HMAC-SHA256 of "timestamp\\nsecret") and is refused with 310000 when the secret is wrong', async () => {
    const robot = { accessToken: 'ding-token-signed', signSecret: 'SEC0123456789abcdef0123456789abcdef' };
    const server = await startDingTalkRobotServer({ robots: [robot] });
    try {
      const sender = createDingTalkSender(server.url, server.clock.now);
      await send(sender, { id: 1, name: '群', settings: {}, secrets: robot });
      const call = server.calls[0];
      expect(call.query.timestamp).toMatch(/^\d{13}$/);
      expect(call.query.sign).toMatch(/^[A-Za-z0-9+/]+=*$/);
      expect(JSON.parse(call.raw)).toMatchObject({ msgtype: 'markdown', markdown: { title: expect.stringContaining('【舆情预警·红色】') }, at: { isAtAll: false } });

      const wrong = await failureOf(send(sender, { id: 1, name: '群', settings: {}, secrets: { ...robot, signSecret: 'SECffffffffffffffffffffffffffffffff' } }));
      expect(wrong.options).toMatchObject({ retryable: false, code: '310000' });
      expect(wrong.message).toContain('sign not match');
      const unsigned = await failureOf(send(sender, { id: 1, name: '群', settings: {}, secrets: { accessToken: robot.accessToken } }));
      expect(unsigned.options.code).toBe('310000');
    } finally {
      await server.close();
    }
  });

  it('is refused when the robot’s custom keyword is missing, and accepted when the message carries it', async () => {
    const server = await startDingTalkRobotServer({ robots: [{ accessToken: 'kw-a', keywords: ['舆情预警'] }, { accessToken: 'kw-b', keywords: ['服务器告警'] }] });
    try {
      const sender = createDingTalkSender(server.url);
      await send(sender, { id: 1, name: '群', settings: {}, secrets: { accessToken: 'kw-a' } });
      const err = await failureOf(send(sender, { id: 1, name: '群', settings: {}, secrets: { accessToken: 'kw-b' } }));
      expect(err.message).toContain('keywords not in content');
      expect(server.messages).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});

describe('Feishu specifics', () => {
  it('sends interactive cards, posts and text, each as Feishu expects it', async () => {
    const server = await startFeishuBotServer({ bots: [{ hookId: 'hook-formats-0001' }] });
    try {
      const sender = createFeishuSender(server.url);
      for (const format of ['interactive', 'post', 'text']) await send(sender, { id: 1, name: '群', settings: { format }, secrets: { hookId: 'hook-formats-0001' } });
      expect(server.messages.map((m) => m.msgType)).toEqual(['interactive', 'post', 'text']);
      expect(server.messages[0].body).toMatchObject({ card: { header: { template: 'red', title: { tag: 'plain_text', content: expect.stringContaining('【舆情预警·红色】') } } } });
      expect(server.messages[1].body).toMatchObject({ content: { post: { zh_cn: { title: expect.stringContaining('伤医') } } } });
      expect(server.messages.every((m) => !('sign' in m.body))).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('signs with key "timestamp\\nsecret" over an empty message, and gets 19021 for a wrong secret or a clock off by more than an hour', async () => {
    const bot = { hookId: 'hook-signed-0002', signSecret: 'feishu-secret-abc' };
    const server = await startFeishuBotServer({ bots: [bot] });
    try {
      await send(createFeishuSender(server.url), { id: 1, name: '群', settings: {}, secrets: bot });
      expect(JSON.parse(server.calls[0].raw)).toMatchObject({ timestamp: expect.stringMatching(/^\d{10}$/), sign: expect.any(String), msg_type: 'interactive' });
      const wrong = await failureOf(send(createFeishuSender(server.url), { id: 1, name: '群', settings: {}, secrets: { ...bot, signSecret: 'other' } }));
      expect(wrong.options).toMatchObject({ retryable: false, code: '19021' });
      const skewed = await failureOf(send(createFeishuSender(server.url, () => Date.now() - 2 * 3_600_000), { id: 1, name: '群', settings: {}, secrets: bot }));
      expect(skewed.options.code).toBe('19021');
    } finally {
      await server.close();
    }
  });
});

describe('e-mail specifics', () => {
  it('writes a Chinese subject and body with the link, a Message-ID of the delivery, to every address', async () => {
    const mailbox = await startSmtpMailbox({ username: 'u', password: 'p' });
    try {
      const sender = createEmailSender({ allowList: ['127.0.0.1'] });
      const channel = { id: 1, name: '值班邮箱', settings: { host: '127.0.0.1', port: String(mailbox.port), security: 'none', from: 'yuqing@hospital.example.cn', to: 'a@hospital.example.cn;b@hospital.example.cn', username: 'u' }, secrets: { password: 'p' } };
      await send(sender, channel, redAlert, 'rongmei-notification-42');
      const [mail] = mailbox.mails;
      expect(mail.to).toEqual(['a@hospital.example.cn', 'b@hospital.example.cn']);
      expect(mail.subject).toBe(redAlert.headline);
      expect(mail.messageId).toBe('<rongmei-notification-42@rongmei.notify>');
      expect(mail.text).toContain(`查看预警：${link}`);
      expect(mail.html).toContain(`<a href="${link}">`);
      expect(mail.html).not.toContain('<伤医>');
    } finally {
      await mailbox.close();
    }
  });

  it('refuses a mail server on a private address that is not allow-listed, and fails for good on a permanent refusal', async () => {
    const mailbox = await startSmtpMailbox({ username: 'u', password: 'p' });
    try {
      const channel = { id: 1, name: '值班邮箱', settings: { host: '127.0.0.1', port: String(mailbox.port), security: 'none', from: 'x@hospital.example.cn', to: 'y@hospital.example.cn', username: 'u' }, secrets: { password: 'p' } };
      const blocked = await failureOf(send(createEmailSender({ allowList: [] }), channel));
      expect(blocked.options).toMatchObject({ retryable: false, code: 'ssrf_blocked' });
      mailbox.refuseNext(550);
      const refused = await failureOf(send(createEmailSender({ allowList: ['127.0.0.0/8'] }), channel));
      expect(refused.options).toMatchObject({ retryable: false, responseCode: 'SMTP 550' });
      expect(mailbox.mails).toHaveLength(0);
    } finally {
      await mailbox.close();
    }
  });
});

describe('signed webhook specifics', () => {
  it('keeps the Idempotency-Key of the delivery, so the receiver stores a retried notification once', async () => {
    const receiver = await startWebhookReceiver({ signingSecret: 's3cret-for-webhook-0123456789' });
    try {
      const sender = createWebhookSender({ allowList: ['127.0.0.1'] });
      const channel = { id: 1, name: 'OA', settings: { url: receiver.url }, secrets: { signingSecret: 's3cret-for-webhook-0123456789' } };
      receiver.failNext(1, 'drop');
      const lost = await failureOf(send(sender, channel, redAlert, 'rongmei-notification-9'));
      expect(lost.options.retryable).toBe(true);
      await send(sender, channel, redAlert, 'rongmei-notification-9');
      expect(receiver.stored).toHaveLength(1);
      expect(receiver.stored[0].payload).toMatchObject({ event: 'alert.raised', idempotencyKey: 'rongmei-notification-9', alert: { alertId: 7, level: 4, levelName: 'red', link } });
    } finally {
      await receiver.close();
    }
  });

  it('refuses a link-local target (cloud metadata) before sending anything', async () => {
    const sender = createWebhookSender({ allowList: [] });
    const err = await failureOf(send(sender, { id: 1, name: 'bad', settings: { url: 'http://169.254.169.254/latest/meta-data/' }, secrets: { signingSecret: 'x' } }));
    expect(err.options).toMatchObject({ retryable: false, code: 'ssrf_blocked' });
  });
});
