import type { MaterialFiles } from '../../../renderer/materials/download-material.js';

/** The shell's chunk store in memory: it outlives a queue, as the data folder outlives the app. */
export function memoryFiles(options: { full?: () => boolean } = {}) {
  const chunks = new Map<string, Uint8Array>();
  const files: MaterialFiles = {
    async materialChunkCount(sha) {
      let n = 0;
      while (chunks.has(`${sha}/${n}`)) n += 1;
      return n;
    },
    async materialChunkPut(sha, index, bytes) {
      if (options.full?.()) throw new Error('[materials:full] no space left');
      chunks.set(`${sha}/${index}`, bytes.slice());
    },
    async materialChunkRead(sha, index) {
      return chunks.get(`${sha}/${index}`)!;
    },
    async materialRemove(sha) {
      for (const key of [...chunks.keys()]) if (key.startsWith(`${sha}/`)) chunks.delete(key);
    },
  };
  const whole = (sha: string) =>
    Buffer.concat(
      [...chunks.entries()]
        .filter(([k]) => k.startsWith(`${sha}/`))
        .sort(([a], [b]) => Number(a.split('/')[1]) - Number(b.split('/')[1]))
        .map(([, v]) => v),
    );
  return { files, chunks, whole };
}
