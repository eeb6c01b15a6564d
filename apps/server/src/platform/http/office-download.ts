import type { FastifyReply } from 'fastify';

export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * Sends an office file as a download: the Chinese name (RFC 5987 `filename*`) for browsers, an ASCII `filename` for
 * the old clients that read only that.
 */
export function sendOfficeFile(reply: FastifyReply, file: { fileName: string; content: Buffer }, type: string, asciiName: string) {
  return reply
    .type(type)
    .header('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .send(file.content);
}
