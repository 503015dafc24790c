import { join } from 'node:path';
import type { BlobStore } from './blob-store.js';
import { openFileBlobStore } from './file-blob-store.js';
import { openS3BlobStore } from './s3-blob-store.js';

/**
 * The S3-compatible store when MATERIALS_S3_BUCKET is set (all of its
 * variables then, or the server does not start and says which one is
 * missing); else the `materials` folder inside the data folder.
 */
export async function blobStoreFromEnv(
  dataDir: string,
  env: Record<string, string | undefined> = process.env,
): Promise<BlobStore> {
  if (!env.MATERIALS_S3_BUCKET) return openFileBlobStore(join(dataDir, 'materials'));
  const required = (name: string) => {
    const value = env[name];
    if (!value) throw new Error(`MATERIALS_S3_BUCKET is set but ${name} is not`);
    return value;
  };
  const prefix = env.MATERIALS_S3_PREFIX ?? '';
  return openS3BlobStore({
    endpoint: required('MATERIALS_S3_ENDPOINT'),
    bucket: env.MATERIALS_S3_BUCKET,
    region: env.MATERIALS_S3_REGION || 'us-east-1',
    accessKeyId: required('MATERIALS_S3_ACCESS_KEY_ID'),
    secretAccessKey: required('MATERIALS_S3_SECRET_ACCESS_KEY'),
    prefix: prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix,
  });
}
