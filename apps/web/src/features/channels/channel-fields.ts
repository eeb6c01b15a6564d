import type { Translate } from '../../app/i18n/i18n';
import type { Channel, ChannelKindInfo, IntegrationField } from './channels.api';

/** The registration (备案) items every online account has; any other item may be added under a name of one's own. */
export const SUGGESTED_REGISTRATION_KEYS = ['accountId', 'recordNumber', 'subject', 'url'] as const;
type SuggestedRegistrationKey = (typeof SUGGESTED_REGISTRATION_KEYS)[number];

function isSuggestedKey(key: string): key is SuggestedRegistrationKey {
  return (SUGGESTED_REGISTRATION_KEYS as readonly string[]).includes(key);
}

/** How a registration item is named on screen: a suggested key by its label, any other by itself. */
export function registrationKeyLabel(key: string, t: Translate): string {
  return isSuggestedKey(key) ? t(`channel.registrationKey.${key}`) : key;
}

/** The key a typed item name stands for: a suggested key's label (or the key itself) is that key, any other text is its own key. */
export function registrationKeyOf(text: string, t: Translate): string {
  const name = text.trim();
  return SUGGESTED_REGISTRATION_KEYS.find((key) => key === name || t(`channel.registrationKey.${key}`) === name) ?? name;
}

/** A registration's items in reading order: the suggested ones as listed above, then the others as stored. */
export function registrationEntries(registration: Record<string, string>): [string, string][] {
  const rank = (key: string) => (isSuggestedKey(key) ? SUGGESTED_REGISTRATION_KEYS.indexOf(key) : SUGGESTED_REGISTRATION_KEYS.length);
  return Object.entries(registration).sort(([a], [b]) => rank(a) - rank(b));
}

/** One line of a channel's registration for the list: "备案号：…；认证主体：…". */
export function registrationSummary(registration: Record<string, string>, t: Translate): string {
  return registrationEntries(registration)
    .map(([key, value]) => `${registrationKeyLabel(key, t)}${t('channel.registrationSeparator')}${value}`)
    .join(t('channel.registrationJoiner'));
}

const KNOWN_INTEGRATION_FIELDS = ['appId', 'appSecret', 'callbackToken', 'appKey', 'accessToken', 'safeDomain', 'url', 'signingSecret'] as const;
type KnownIntegrationField = (typeof KNOWN_INTEGRATION_FIELDS)[number];

function isKnownIntegrationField(name: string): name is KnownIntegrationField {
  return (KNOWN_INTEGRATION_FIELDS as readonly string[]).includes(name);
}

export function integrationFieldLabel(name: string, t: Translate): string {
  return isKnownIntegrationField(name) ? t(`channel.field.${name}`) : name;
}

export function integrationFieldsOf(kinds: readonly ChannelKindInfo[] | undefined, kind: string | undefined): IntegrationField[] {
  return kinds?.find((info) => info.kind === kind)?.integrationFields ?? [];
}

/** Whether every field of the kind's integration holds a value; null for kinds without one. */
export function isIntegrationConfigured(channel: Channel, fields: readonly IntegrationField[]): boolean | null {
  if (fields.length === 0) return null;
  return fields.every((field) => field.optional || (field.secret ? channel.secretsSet.includes(field.name) : Boolean(channel.settings[field.name])));
}

/** The kind picker's options: online kinds, then offline ones, in the server's order. */
export function kindOptions(kinds: readonly ChannelKindInfo[] | undefined, t: Translate) {
  const group = (online: boolean) => ({
    label: t(online ? 'channel.online' : 'channel.offline'),
    options: (kinds ?? []).filter((info) => info.online === online).map((info) => ({ value: info.kind, label: t(`channelKind.${info.kind}`) })),
  });
  return [group(true), group(false)];
}
