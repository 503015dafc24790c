import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
// s3rver (a local S3-compatible server for tests) ships no types; the little used here is typed below.
// @ts-expect-error no declaration file
import S3rver from 's3rver';
import type { S3Options } from '../../server/materials/s3-blob-store.js';

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}

/**
 * s3rver on a free loopback port with one bucket, its fixed key pair
 * S3RVER/S3RVER. It parses the Signature Version 4 header and checks the key
 * id, not the signature (s3-signature.test.ts checks that against AWS's
 * documented example).
 */
export async function startS3Server(bucket = 'materials') {
  const directory = await mkdtemp(join(tmpdir(), 's3rver-'));
  const server = new (S3rver as new (options: object) => S3rverInstance)({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const options: S3Options = {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region: 'us-east-1',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    prefix: 'seminar/',
  };
  return {
    options,
    directory,
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
