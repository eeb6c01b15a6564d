/** Every channel of domain.md's 统一阵地管理, online and offline; the integration each online kind speaks. */
export const channelKinds = [
  'website', 'wechat_service', 'wechat_subscription', 'weibo', 'douyin', 'wechat_channels', 'xiaohongshu', 'bilibili', 'toutiao',
  'personal_account', 'webhook', 'magazine', 'bulletin_board', 'display_board', 'screen', 'cctv_broadcast', 'morning_broadcast', 'live_stream',
] as const;
export type ChannelKind = (typeof channelKinds)[number];

export const offlineKinds: readonly ChannelKind[] = ['magazine', 'bulletin_board', 'display_board', 'screen', 'cctv_broadcast', 'morning_broadcast', 'live_stream'];

/**
 * The credential fields each integration needs; `secret` fields are encrypted at rest and never returned;
 * `optional` ones add a feature (WeChat's push of publish results) but publishing works without them.
 */
export type IntegrationField = { name: string; secret: boolean; optional?: boolean };
const wechatFields: IntegrationField[] = [{ name: 'appId', secret: false }, { name: 'appSecret', secret: true }, { name: 'callbackToken', secret: true, optional: true }];
export const integrationFields: Partial<Record<ChannelKind, IntegrationField[]>> = {
  wechat_service: wechatFields,
  wechat_subscription: wechatFields,
  weibo: [{ name: 'appKey', secret: false }, { name: 'safeDomain', secret: false }, { name: 'accessToken', secret: true }],
  webhook: [{ name: 'url', secret: false }, { name: 'signingSecret', secret: true }],
};
