import { useQuery } from '@tanstack/react-query';
import { fetchAllItems } from '../../app/api';
import type { Translate } from '../../app/i18n/i18n';
import type { Channel, ChannelKindInfo } from '../channels/channels.api';

/** How the publishing panel groups channels: the website, the platforms the server pushes to, and offline placements. */
type ChannelGroup = 'website' | 'platform' | 'offline';
const CHANNEL_GROUPS: readonly ChannelGroup[] = ['website', 'platform', 'offline'];

export function channelGroupOf(channel: Pick<Channel, 'kind' | 'online'>): ChannelGroup {
  if (channel.kind === 'website') return 'website';
  return channel.online ? 'platform' : 'offline';
}

/** WeChat articles and webhooks carry HTML; Weibo carries plain text. */
export function variantFormatOf(channel: Pick<Channel, 'kind'>): 'html' | 'text' {
  return channel.kind === 'weibo' ? 'text' : 'html';
}

export function isWeChat(channel: Pick<Channel, 'kind'>): boolean {
  return channel.kind === 'wechat_service' || channel.kind === 'wechat_subscription';
}

/** Whether the server can publish to this channel's kind (an adapter, or recorded at once). */
function publishable(kinds: readonly ChannelKindInfo[] | undefined, channel: Channel): boolean {
  return kinds?.find((info) => info.kind === channel.kind)?.publishable ?? false;
}

/** Every channel of the hospital, paused and retired ones too: old publications still name them. */
export function useAllChannels() {
  return useQuery({ queryKey: ['channels', 'all'], queryFn: () => fetchAllItems<Channel>('/api/channels') });
}

/**
 * The channel picker's options: active channels by group. A channel that carries the article or is about to (the
 * server allows one open publication per article and channel) or a kind the server cannot publish to is shown but
 * not offered; one whose publication was withdrawn is offered again (撤稿后重发).
 */
export function channelOptions(
  channels: readonly Channel[],
  kinds: readonly ChannelKindInfo[] | undefined,
  usage: { taken: ReadonlySet<number>; withdrawn: ReadonlySet<number> },
  t: Translate,
) {
  const active = channels.filter((channel) => channel.status === 'active');
  return CHANNEL_GROUPS.map((group) => ({
    label: t(`publication.group.${group}`),
    options: active
      .filter((channel) => channelGroupOf(channel) === group)
      .map((channel) => {
        const unsupported = !publishable(kinds, channel);
        const used = usage.taken.has(channel.id);
        const note = used
          ? t('publication.channelUsed')
          : unsupported
            ? t('publication.channelUnsupported')
            : usage.withdrawn.has(channel.id)
              ? t('publication.channelRepublish')
              : t(`channelKind.${channel.kind}`);
        return { value: channel.id, label: channel.name, note, disabled: used || unsupported };
      }),
  })).filter((group) => group.options.length > 0);
}
