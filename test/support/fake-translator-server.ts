import { pathToFileURL } from 'node:url';
import { startFakeDeepL, startFakeLibreTranslate, startFakeSystran, type FakeTranslator } from './fake-translators.js';

/**
 * A fake translation provider in its own process, for end-to-end runs:
 *
 *   npx tsx test/support/fake-translator-server.ts [PORT] [libretranslate|systran|deepl]
 *
 * listens on 127.0.0.1:PORT (a free port when 0 or absent), prints its base
 * URL as the first line of stdout, and stops on SIGTERM or SIGINT. Point the
 * server at it with LIBRETRANSLATE_URL (no key needed), or SYSTRAN_URL with
 * SYSTRAN_API_KEY=fake-systran-key, or DEEPL_URL with DEEPL_AUTH_KEY=fake-deepl-key:fx.
 */

const STARTERS: Record<string, (options: { port: number }) => Promise<FakeTranslator>> = {
  libretranslate: startFakeLibreTranslate,
  systran: startFakeSystran,
  deepl: startFakeDeepL,
};

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<FakeTranslator> {
  const [portArg = '0', provider = 'libretranslate'] = argv;
  const port = Number(portArg);
  const start = STARTERS[provider];
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`not a port: ${portArg}`);
  if (!start) throw new Error(`unknown provider ${provider}: use ${Object.keys(STARTERS).join(', ')}`);
  const fake = await start({ port });
  const stop = () => void fake.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdout.write(`${fake.url}\n`);
  return fake;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
