import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Uploaded files on local disk under DATA_DIR/uploads; names are generated, never taken from the client. */
export class FileStorage {
  private readonly root: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'uploads');
  }

  async save(prefix: string, extension: string, content: Buffer): Promise<string> {
    await fs.mkdir(this.root, { recursive: true });
    const name = this.newName(prefix, extension);
    await fs.writeFile(path.join(this.root, name), content, { mode: 0o640 });
    return name;
  }

  /** Writes a stream to disk as it arrives (large videos never sit in memory); if the source fails, the partial file is removed. */
  async saveStream(prefix: string, extension: string, content: AsyncIterable<Buffer>): Promise<string> {
    await fs.mkdir(this.root, { recursive: true });
    const name = this.newName(prefix, extension);
    try {
      await pipeline(content, createWriteStream(path.join(this.root, name), { mode: 0o640 }));
    } catch (err) {
      await this.remove(name);
      throw err;
    }
    return name;
  }

  read(name: string): Promise<Buffer> {
    return fs.readFile(this.pathOf(name));
  }

  async size(name: string): Promise<number> {
    return (await fs.stat(this.pathOf(name))).size;
  }

  /** The file's bytes as a stream, or only those from start to end inclusive (an HTTP Range). */
  stream(name: string, range?: { start: number; end: number }): Readable {
    return createReadStream(this.pathOf(name), range);
  }

  async remove(name: string) {
    await fs.rm(this.pathOf(name), { force: true });
  }

  private newName(prefix: string, extension: string) {
    return `${prefix}-${randomBytes(8).toString('hex')}.${extension}`;
  }

  private pathOf(name: string) {
    if (name !== path.basename(name)) throw new Error('invalid stored file name');
    return path.join(this.root, name);
  }
}
