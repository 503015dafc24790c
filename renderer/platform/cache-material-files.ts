import type { SeminarBridge } from '../../shared/bridge.js';

/** The Cache API cache holding materials' chunks in the web mode (signing out deletes every cache). */
export const MATERIAL_CACHE = 'seminar-materials';

type MaterialFileMethods = Pick<
  SeminarBridge,
  'materialChunkCount' | 'materialChunkPut' | 'materialChunkRead' | 'materialRemove'
>;

/**
 * Materials' chunks in the Cache API, each under a URL of its own
 * (`/materials-cache/<sha256>/<index>`, never fetched: only a key). A put
 * either stores the whole response or fails, so a chunk is whole or absent.
 * The browser's quota refusing a put is reported as a full disk.
 */
export function cacheMaterialFiles(storage: CacheStorage, origin: string): MaterialFileMethods {
  const key = (sha256: string, index: number) => `${origin}/materials-cache/${sha256}/${index}`;
  const open = () => storage.open(MATERIAL_CACHE);
  const keysOf = async (sha256: string) => {
    const prefix = `${origin}/materials-cache/${sha256}/`;
    return (await (await open()).keys()).filter((request) => request.url.startsWith(prefix));
  };
  return {
    async materialChunkCount(sha256) {
      const present = new Set((await keysOf(sha256)).map((request) => Number(request.url.split('/').at(-1))));
      let n = 0;
      while (present.has(n)) n += 1;
      return n;
    },
    async materialChunkPut(sha256, index, bytes) {
      try {
        await (await open()).put(key(sha256, index), new Response(bytes as Uint8Array<ArrayBuffer>));
      } catch (error) {
        if ((error as DOMException)?.name === 'QuotaExceededError')
          throw new Error('[materials:full] the browser has no room left for the material');
        throw error;
      }
    },
    async materialChunkRead(sha256, index) {
      const found = await (await open()).match(key(sha256, index));
      if (!found) throw new Error(`chunk ${index} of ${sha256} is not stored`);
      return new Uint8Array(await found.arrayBuffer());
    },
    async materialRemove(sha256) {
      const cache = await open();
      for (const request of await keysOf(sha256)) await cache.delete(request);
    },
  };
}
