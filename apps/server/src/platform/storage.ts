import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Uploaded files on local disk under DATA_DIR/uploads; names are generated, never taken from the client. */
export class FileStorage {
  private readonly root: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'uploads');
  }

  async save(prefix: string, extension: string, content: Buffer): Promise<string> {
    await fs.mkdir(this.root, { recursive: true });
    const name = `${prefix}-${randomBytes(8).toString('hex')}.${extension}`;
    await fs.writeFile(path.join(this.root, name), content, { mode: 0o640 });
    return name;
  }

  read(name: string): Promise<Buffer> {
    return fs.readFile(this.pathOf(name));
  }

  async remove(name: string) {
    await fs.rm(this.pathOf(name), { force: true });
  }

  private pathOf(name: string) {
    if (name !== path.basename(name)) throw new Error('invalid stored file name');
    return path.join(this.root, name);
  }
}
