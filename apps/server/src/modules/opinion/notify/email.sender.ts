/**
 * E-mail over SMTP (nodemailer), to the addresses of the channel, through the mail server it names: the hospital's
 * relay or a provider's (smtp.exmail.qq.com, smtp.qiye.aliyun.com …). Subject and body in Chinese, with the alert's
 * link. The Message-ID is derived from the delivery, so a retry after a lost reply is recognisably the same mail.
 *
 * The server is user-given, so it gets the SSRF guard's policy: a private, loopback or link-local address only when
 * an administrator allow-listed it (OUTBOUND_ALLOW_LIST); the checked address is the one connected to.
 */
import dns from 'node:dns';
import net from 'node:net';
import nodemailer from 'nodemailer';
import { isBlockedAddress, parseAllowList } from '../../../platform/http/outbound-guard.ts';
import { plainText, type NotificationMessage } from './alert-message.ts';
import { missingFields, NotifyError, problem, type NotificationSender } from './sender.ts';

const securities = ['tls', 'starttls', 'none'] as const;
const addressPattern = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

export const addressesOf = (list: string | undefined) => (list ?? '').split(/[,;\s]+/).filter(Boolean);

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function htmlOf(message: NotificationMessage) {
  const rows = message.facts
    .map((f) => `<tr><th align="left" style="padding:4px 12px 4px 0;color:#555;white-space:nowrap">${escapeHtml(f.label)}</th><td style="padding:4px 0">${f.href ? `<a href="${escapeHtml(f.href)}">${escapeHtml(f.value)}</a>` : escapeHtml(f.value)}</td></tr>`)
    .join('');
  const link = message.link ? `<p><a href="${escapeHtml(message.link)}">在融媒平台${escapeHtml(message.linkLabel)}</a></p>` : '';
  return `<div style="font-family:sans-serif;font-size:14px"><h3>${escapeHtml(message.headline)}</h3><table>${rows}</table>${link}</div>`;
}

/** Whether an allow-list entry (as parseAllowList normalises them) admits this host or address. */
function allowListed(host: string, address: string, allowList: string[]): boolean {
  const ranges = new net.BlockList();
  for (const entry of allowList) {
    const [ip, prefix] = entry.split('/');
    const family = net.isIP(ip);
    if (family && prefix !== undefined) ranges.addSubnet(ip, Number(prefix), family === 4 ? 'ipv4' : 'ipv6');
    else if (family) ranges.addAddress(ip, family === 4 ? 'ipv4' : 'ipv6');
    else if (entry.startsWith('*.') ? host.endsWith(entry.slice(1)) : host === entry) return true;
  }
  return ranges.check(address, net.isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

async function checkedAddress(host: string, allowList: string[]): Promise<string> {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  let addresses: string[];
  try {
    addresses = net.isIP(bare) ? [bare] : (await dns.promises.lookup(bare, { all: true, verbatim: true })).map((a) => a.address);
  } catch (err) {
    throw new NotifyError(`无法解析邮件服务器 ${host} / ${(err as Error).message}`, { retryable: true, code: 'dns' });
  }
  const refused = addresses.find((a) => isBlockedAddress(a) && !allowListed(bare, a, allowList));
  if (refused) {
    throw new NotifyError(`邮件服务器 ${host} 指向本机或内网地址 ${refused}，已拒绝；如确需使用，请管理员将其加入允许列表`, { retryable: false, code: 'ssrf_blocked' });
  }
  return addresses[0];
}

type SmtpError = Error & { code?: string; responseCode?: number; response?: string };

const retryableCodes = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNRESET']);

export function createEmailSender(options: { allowList: string[] }): NotificationSender {
  const allowList = parseAllowList(options.allowList.join(','));
  return {
    kind: 'email',
    fields: [
      { name: 'host', secret: false, required: true },
      { name: 'port', secret: false, required: true },
      { name: 'security', secret: false, required: true },
      { name: 'from', secret: false, required: true },
      { name: 'to', secret: false, required: true },
      { name: 'username', secret: false, required: false },
      { name: 'password', secret: true, required: false },
    ],
    validate(channel) {
      const problems = missingFields(this.fields, channel);
      const { port, security, from, to } = channel.settings;
      if (port && !(/^\d{1,5}$/.test(port) && Number(port) > 0 && Number(port) < 65536)) problems.push(problem('settings.port', '端口应为 1–65535', 'port must be 1–65535'));
      if (security && !(securities as readonly string[]).includes(security)) problems.push(problem('settings.security', '加密方式只能是 tls、starttls 或 none', 'security must be tls, starttls or none'));
      if (from && !addressPattern.test(from)) problems.push(problem('settings.from', '发件地址格式不正确', 'from is not an e-mail address'));
      const bad = addressesOf(to).filter((a) => !addressPattern.test(a));
      if (bad.length) problems.push(problem('settings.to', `收件地址格式不正确：${bad.join('、')}`, `not e-mail addresses: ${bad.join(', ')}`));
      return problems;
    },
    describeTarget: (channel) => `邮件「${channel.name}」${addressesOf(channel.settings.to).join(', ')}`,
    // nodemailer's own timeouts bound the call (connect, greeting, socket idle), so no abort signal is needed.
    async send({ channel, message, idempotencyKey }) {
      const { host = '', port = '25', security = 'starttls', from, to, username } = channel.settings;
      const address = await checkedAddress(host, allowList);
      const transport = nodemailer.createTransport({
        host: address,
        port: Number(port),
        secure: security === 'tls',
        requireTLS: security === 'starttls',
        ignoreTLS: security === 'none',
        tls: { servername: net.isIP(host) ? undefined : host },
        auth: username ? { user: username, pass: channel.secrets.password ?? '' } : undefined,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      });
      try {
        const info = await transport.sendMail({
          from,
          to: addressesOf(to),
          subject: message.headline,
          text: plainText(message),
          html: htmlOf(message),
          messageId: `<${idempotencyKey}@rongmei.notify>`,
        });
        const code = /^\d{3}/.exec(String(info.response ?? ''))?.[0] ?? '250';
        const rejected = (info.rejected ?? []).map(String);
        return { responseCode: rejected.length ? `SMTP ${code}（拒收 ${rejected.join(', ')}）` : `SMTP ${code}` };
      } catch (err) {
        const e = err as SmtpError;
        const reply = e.responseCode;
        const retryable = reply !== undefined ? reply >= 400 && reply < 500 : retryableCodes.has(e.code ?? '');
        throw new NotifyError(`邮件未能发出${reply ? `（服务器答复 ${reply}）` : ''}：${(e.response ?? e.message).slice(0, 300)}`, {
          retryable,
          code: e.code ?? 'smtp',
          responseCode: reply ? `SMTP ${reply}` : undefined,
        });
      } finally {
        transport.close();
      }
    },
  };
}
