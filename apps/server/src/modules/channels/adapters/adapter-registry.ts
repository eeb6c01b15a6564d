import type { Config } from '../../../platform/config.ts';
import type { ChannelKind } from '../channel-kinds.ts';
import type { ChannelAdapter } from './channel-adapter.ts';
import { createWebhookAdapter } from './webhook.adapter.ts';
import { createWeChatAdapter } from './wechat.adapter.ts';
import { createWeiboAdapter } from './weibo.adapter.ts';

/** The adapter of each channel kind the platform can publish to by API. */
export type AdapterRegistry = ReadonlyMap<ChannelKind, ChannelAdapter>;

export function createAdapterRegistry(config: Pick<Config, 'wechatApiBase' | 'weiboApiBase' | 'outboundAllowList'>): AdapterRegistry {
  const registry = new Map<ChannelKind, ChannelAdapter>();
  for (const adapter of [
    createWeChatAdapter({ apiBase: config.wechatApiBase }),
    createWeiboAdapter({ apiBase: config.weiboApiBase }),
    createWebhookAdapter({ allowList: config.outboundAllowList }),
  ]) {
    for (const kind of adapter.kinds) registry.set(kind, adapter);
  }
  return registry;
}
