import type { MultipartFile } from '@fastify/multipart';
import { errors } from './errors.ts';

/**
 * An uploaded file's bytes, refusing one over its limit. @fastify/multipart's own check runs between chunks, and busboy
 * can mark the stream truncated only after the last chunk was read: the file would arrive cut short instead of refused.
 */
export async function uploadedBytes(file: MultipartFile): Promise<Buffer> {
  const content = await file.toBuffer();
  if (file.file.truncated) throw errors.payloadTooLarge();
  return content;
}
