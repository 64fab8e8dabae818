import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { checkStorageKey, StorageError, type StoragePort } from './storage-port';

/**
 * The default store: files in a folder on disk (beside the PGlite data folder in the demo). Written to a temporary
 * name and renamed, so a reader never sees half a file. For one machine; several instances need the S3 adapter.
 */
export class FolderStorage implements StoragePort {
  private readonly root: string;
  constructor(root: string) {
    this.root = resolve(root);
  }

  private pathOf(key: string) {
    return join(this.root, ...checkStorageKey(key).split('/'));
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const path = this.pathOf(key);
    try {
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, bytes, { flag: 'wx' });
      await rename(temporary, path);
    } catch (error) {
      throw new StorageError(`folder storage: ${(error as Error).message}`, true, 'folder');
    }
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new StorageError(`folder storage: ${(error as Error).message}`, true, 'folder');
    }
  }
}
