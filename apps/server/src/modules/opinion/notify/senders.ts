import type { Config } from '../../../platform/config.ts';
import type { NotificationChannelKind } from '../alerts.tables.ts';
import { createDingTalkSender } from './dingtalk.sender.ts';
import { createEmailSender } from './email.sender.ts';
import { createFeishuSender } from './feishu.sender.ts';
import type { NotificationSender } from './sender.ts';
import { createWebhookSender } from './webhook.sender.ts';
import { createWeComSender } from './wecom.sender.ts';

export type NotificationSenders = ReadonlyMap<NotificationChannelKind, NotificationSender>;

/** One sender per channel kind, pointed at the vendors' configured API bases. */
export function createNotificationSenders(config: Pick<Config, 'wecomApiBase' | 'dingtalkApiBase' | 'feishuApiBase' | 'outboundAllowList'>): NotificationSenders {
  const senders = [
    createWeComSender(config.wecomApiBase),
    createDingTalkSender(config.dingtalkApiBase),
    createFeishuSender(config.feishuApiBase),
    createEmailSender({ allowList: config.outboundAllowList }),
    createWebhookSender({ allowList: config.outboundAllowList }),
  ];
  return new Map(senders.map((s) => [s.kind, s]));
}
