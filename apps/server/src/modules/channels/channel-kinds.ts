/** Every channel of domain.md's 统一阵地管理, online and offline; the integration each online kind speaks. */
export const channelKinds = [
  'website', 'wechat_service', 'wechat_subscription', 'weibo', 'douyin', 'wechat_channels', 'xiaohongshu', 'bilibili', 'toutiao',
  'personal_account', 'webhook', 'magazine', 'bulletin_board', 'display_board', 'screen', 'cctv_broadcast', 'morning_broadcast', 'live_stream',
] as const;
export type ChannelKind = (typeof channelKinds)[number];

export const offlineKinds: readonly ChannelKind[] = ['magazine', 'bulletin_board', 'display_board', 'screen', 'cctv_broadcast', 'morning_broadcast', 'live_stream'];

/** The credential fields each integration needs; `secret` fields are encrypted at rest and never returned. */
export const integrationFields: Partial<Record<ChannelKind, { name: string; secret: boolean }[]>> = {
  wechat_service: [{ name: 'appId', secret: false }, { name: 'appSecret', secret: true }],
  wechat_subscription: [{ name: 'appId', secret: false }, { name: 'appSecret', secret: true }],
  weibo: [{ name: 'appKey', secret: false }, { name: 'accessToken', secret: true }],
  webhook: [{ name: 'url', secret: false }, { name: 'signingSecret', secret: true }],
};
