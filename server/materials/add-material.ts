import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { Participant } from '../../shared/model/entities.js';
import type { Material } from '../../shared/model/material.js';
import type { MaterialCreate } from '../../shared/protocol/materials.js';
import type { Database } from '../db/database.js';
import { commitWrite, type WriteResult } from '../write-result.js';
import type { BlobStore } from './blob-store.js';
import { putMaterialTx } from './material-store.js';

/** Where a material's bytes come from: a file on disk (read twice: hashed, then stored and checked) or memory. */
export type MaterialSource = { path: string } | { bytes: Uint8Array };

const open = (source: MaterialSource): AsyncIterable<Uint8Array> =>
  'path' in source ? createReadStream(source.path) : Readable.from([source.bytes]);

export async function sha256Of(source: MaterialSource): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of open(source)) hash.update(chunk);
  return hash.digest('hex');
}

/**
 * The secretariat's way in besides the API (`admin material add`, the demo
 * seed): stores the bytes, then the material that names them.
 */
export async function addMaterial(
  db: Database,
  blobs: BlobStore,
  author: Participant,
  source: MaterialSource,
  material: Omit<MaterialCreate, 'sha256'>,
): Promise<WriteResult<Material>> {
  const sha256 = await sha256Of(source);
  const size = (await blobs.stat(sha256))?.size ?? (await blobs.put(open(source), { sha256, maxBytes: Infinity })).size;
  return commitWrite(db, (tx) => putMaterialTx(tx, author, { ...material, sha256 }, size));
}
