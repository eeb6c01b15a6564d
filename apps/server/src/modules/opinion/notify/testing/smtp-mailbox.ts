/**
 * A local SMTP server for tests (smtp-server): accepts mail for the given login, keeps each message with its envelope
 * and its decoded subject, text and HTML parts, and can be told to answer the next recipients with a temporary or a
 * permanent refusal, as a real relay does when it throttles or does not know a mailbox.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { from: string; to: string[]; messageId: string; subject: string; text: string; html: string; raw: string };

export type SmtpMailbox = {
  host: string;
  port: number;
  mails: ReceivedMail[];
  /** The next `count` RCPT TO commands are refused with this reply code (4xx temporary, 5xx permanent). */
  refuseNext(responseCode: number, count?: number): void;
  close(): Promise<void>;
};

/** RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=), as nodemailer writes non-ASCII headers. */
function decodeWords(value: string): string {
  return value.replace(/\s*=\?([^?]+)\?([BQ])\?([^?]*)\?=\s*/gi, (_all, _charset: string, encoding: string, text: string) =>
    encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
  );
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function splitPart(part: string): { headers: Record<string, string>; body: string } {
  const at = part.search(/\r?\n\r?\n/);
  const head = at < 0 ? part : part.slice(0, at);
  const body = at < 0 ? '' : part.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function decodeBody(headers: Record<string, string>, body: string): string {
  const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

/** The text and HTML parts of a (possibly multipart) message. */
function partsOf(headers: Record<string, string>, body: string, found: { text: string; html: string }) {
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break;
      const part = splitPart(chunk.replace(/^\r?\n/, ''));
      partsOf(part.headers, part.body, found);
    }
  } else if (/^text\/html/i.test(type)) {
    found.html = decodeBody(headers, body);
  } else if (/^text\/plain/i.test(type)) {
    found.text = decodeBody(headers, body);
  }
}

export async function startSmtpMailbox(options: { username: string; password: string }): Promise<SmtpMailbox> {
  const mails: ReceivedMail[] = [];
  const refusals: number[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.username && auth.password === options.password) return callback(null, { user: auth.username });
      return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(_address, _session, callback) {
      const code = refusals.shift();
      if (code === undefined) return callback();
      return callback(Object.assign(new Error(code >= 500 ? 'Mailbox unavailable' : 'Too many messages, try again later'), { responseCode: code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const { headers, body } = splitPart(raw);
        const found = { text: '', html: '' };
        partsOf(headers, body, found);
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          messageId: headers['message-id'] ?? '',
          subject: decodeWords(headers.subject ?? ''),
          text: found.text,
          html: found.html,
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    mails,
    refuseNext(responseCode, count = 1) {
      for (let i = 0; i < count; i++) refusals.push(responseCode);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
