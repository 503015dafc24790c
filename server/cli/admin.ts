import { createWriteStream, renameSync } from 'node:fs';
import { resolve } from 'node:path';
import { once } from 'node:events';
import { readArgs } from './args.js';
import { acquireDataLockOrExit } from '../data-lock.js';
import { openDatabase } from '../db/database.js';
import { StorageFullError } from '../db/storage-guard.js';
import { importJsonlFile } from '../import/import-jsonl.js';
import { exportLines } from '../export/export-jsonl.js';
import { issueToken, upsertParticipant } from '../auth/tokens.js';
import { createInvitation } from '../auth/invitations.js';
import {
  eventAdd,
  eventClose,
  eventForCommand,
  eventList,
  invitationEvent,
  joinEvent,
  leaveEvent,
} from './admin-events.js';
import { generateSyntheticCorpus } from '../demo/synthetic-corpus.js';
import { activateTag } from '../codebook/tag-store.js';
import { withdrawContributionTx } from '../contributions/moderation.js';
import { commitWrite } from '../write-result.js';
import { translatorFromEnv } from '../translate/translator-from-env.js';
import { jobCounts, listJobs, requeueFailed } from '../translate/job-queue.js';
import { costDefaultsFromEnv, costReport, setBudgetTx, setPriceTx } from '../translate/translation-costs.js';
import { costReportText } from '../translate/cost-text.js';
import { isDate } from '../translate/cost-routes.js';
import { ROLES, type Role } from '../../shared/model/entities.js';
import { isLang } from '../../shared/languages.js';
import { blobStoreFromEnv } from '../materials/blob-store-from-env.js';
import { addMaterial } from '../materials/add-material.js';
import { listMaterials, removeMaterialTx } from '../materials/material-store.js';
import { isMaterialType, materialTypeOfName, MATERIAL_TYPES } from '../../shared/protocol/materials.js';
import { existsSync } from 'node:fs';

/**
 * Exit codes: 0 done; 1 done but some import lines were rejected (or bad usage);
 * 2 the data folder is held by a running server or another admin command, and nothing was touched.
 */
const USAGE = `usage:
  admin import FILE.jsonl [--data DIR]
  admin export FILE.jsonl [--data DIR]
  admin participant add --name NAME --role ROLE [--role ROLE] [--language xx] [--event EVENT_ID] [--participant ID] [--data DIR]
  admin participant remove --participant ID --event EVENT_ID [--data DIR]
  admin participant list [--data DIR]
  admin event add --id ID --title xx=TEXT [--title xx=TEXT ...] --starts YYYY-MM-DD [--ends YYYY-MM-DD]
      [--kind closed-seminar|seminar|conference|legal-seminar] [--place TEXT] [--status preparing|running|closed|archived]
      [--visibility closed|open] [--data DIR]
  admin event list [--data DIR]
  admin event close EVENT_ID [--data DIR]
  admin tag add --id ID [--color '#rrggbb'] [--label xx=TEXT ...] [--order N] [--data DIR]
  admin generate --contributions N [--seed S] --out FILE
  admin invite (--participant ID | --name NAME) [--event EVENT_ID] [--hours N] [--data DIR]
  admin translations status [--data DIR]
  admin translations retry-failed [--data DIR]
  admin translations cost [--since YYYY-MM-DD] [--data DIR]
  admin translations price PROVIDER AMOUNT_PER_MILLION_CHARACTERS [--data DIR]
  admin translations budget AMOUNT [--data DIR]
  admin contribution withdraw ID --reason TEXT [--data DIR]
  admin material add FILE (--question ID | --event ID) --title xx=TEXT [--title xx=TEXT ...]
                     [--description xx=TEXT ...] [--type MEDIA/TYPE] [--id ID] [--data DIR]
  admin material list [--data DIR]
  admin material remove ID [--data DIR]`;

const { positional, flags } = readArgs(process.argv.slice(2));
const flag = (name: string) => flags.get(name)?.at(-1);
const fail = (message: string): never => {
  console.error(message);
  process.exit(1);
};

async function withDatabase<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = resolve(flag('data') ?? '.data/server');
  const release = databaseUrl ? () => {} : acquireDataLockOrExit(dataDir, 'admin', ' Nothing was changed.');
  // A full disk is told once, below, as the command's own error.
  const db = await openDatabase({ dataDir, databaseUrl, log: () => undefined });
  let full: StorageFullError;
  try {
    return await fn(db);
  } catch (error) {
    if (!(error instanceof StorageFullError)) throw error;
    full = error;
  } finally {
    await db.close();
    release();
  }
  // One line, not a stack: what was written before stays, and every command here can be run again.
  return fail(`${full.message}. Free some space, then run the command again.`);
}

/** `--NAME xx=TEXT` flags as localized text. */
function localized(name: string): Record<string, string> {
  const text: Record<string, string> = {};
  for (const pair of flags.get(name) ?? []) {
    const match = /^([a-z]{2})=(.*)$/s.exec(pair);
    if (!match || !isLang(match[1]!))
      fail(`--${name} is xx=TEXT with a language of the ten (got ${JSON.stringify(pair)})`);
    text[match![1]!] = match![2]!;
  }
  return text;
}

const secretariatAdmin = {
  id: 'admin',
  name: 'Secretariat (admin command)',
  roles: ['secretariat'] as Role[],
  language: 'en' as const,
};

const [command, sub] = positional;
if (command === 'import' && sub) {
  // Machine translations of changed originals are queued only when a provider is configured
  // (a half-done configuration stops here, naming the variable, as the server would).
  let queueTranslations = false;
  try {
    queueTranslations = translatorFromEnv() !== null;
  } catch (error) {
    fail(`${(error as Error).message}. Nothing was imported.`);
  }
  const counts = await withDatabase((db) => importJsonlFile(db, resolve(sub), { queueTranslations }));
  const { rejected, ...rest } = counts;
  console.log(
    Object.entries(rest)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n'),
  );
  console.log(`rejected: ${rejected.length}`);
  for (const r of rejected) console.log(`  line ${r.line}: ${r.reason}`);
  process.exit(rejected.length ? 1 : 0);
} else if (command === 'export' && sub) {
  // Written to a temporary file renamed at the end: an interrupted export never leaves a partial file behind.
  const target = resolve(sub);
  const partial = `${target}.partial`;
  const lines = await withDatabase(async (db) => {
    const stream = createWriteStream(partial);
    let count = 0;
    for await (const line of exportLines(db)) {
      count += 1;
      if (!stream.write(`${line}\n`)) await once(stream, 'drain');
    }
    stream.end();
    await once(stream, 'finish');
    return count;
  });
  renameSync(partial, target);
  console.log(`exported ${lines} lines to ${target}`);
} else if (command === 'participant' && sub === 'add') {
  const name = flag('name') ?? (flag('participant') ? '' : fail(USAGE));
  const roles = flags.get('role') ?? [];
  if (!roles.length || roles.some((r) => !(ROLES as readonly string[]).includes(r)))
    fail(`--role is one of ${ROLES.join(', ')}`);
  const language = flag('language') ?? 'en';
  if (!isLang(language)) fail(`unknown language ${language}`);
  // An existing participant (--participant ID) joins another event with these roles, keeping their devices.
  const existing = flag('participant');
  const id = existing ?? `p-${Date.now().toString(36)}`;
  const out = await withDatabase(async (db) => {
    const event = await eventForCommand(db, flags).catch((error: Error) => fail(error.message));
    if (existing) {
      const [known] = await db.query('SELECT 1 FROM participants WHERE id = $1', [existing]);
      if (!known) fail(`no participant ${JSON.stringify(existing)} (npm run admin -- participant list shows them)`);
      if (!event) fail('--event is required to add an existing participant to an event');
    } else await upsertParticipant(db, { id, name, roles: roles as Role[], language: language as 'en' });
    if (event) await joinEvent(db, event, id, roles).catch((error: Error) => fail(error.message));
    return { event, token: existing ? null : await issueToken(db, id) };
  });
  // The id is what `invite --participant` takes; the token is shown this once (only its hash is kept).
  console.log(
    `participant: ${id}${out.event ? `\nevent: ${out.event}` : ''}${out.token ? `\ntoken: ${out.token}` : ''}`,
  );
} else if (command === 'participant' && sub === 'remove') {
  const lines = await withDatabase((db) => leaveEvent(db, flags).catch((error: Error) => fail(error.message)));
  for (const line of lines) console.log(line);
} else if (command === 'event' && (sub === 'add' || sub === 'list' || sub === 'close')) {
  const lines = await withDatabase((db) =>
    (sub === 'add' ? eventAdd(db, flags) : sub === 'list' ? eventList(db) : eventClose(db, positional[2])).catch(
      (error: Error) => fail(error.message),
    ),
  );
  for (const line of lines) console.log(line);
} else if (command === 'participant' && sub === 'list') {
  const rows = await withDatabase((db) =>
    db.query<{ id: string; name: string; roles: string[]; language: string; devices: number }>(
      `SELECT p.id, p.name, p.roles, p.language,
         (SELECT count(*)::int FROM tokens t WHERE t.participant_id = p.id) AS devices
       FROM participants p ORDER BY p.name, p.id`,
    ),
  );
  if (!rows.length) console.log('no participants yet: npm run admin -- participant add --name NAME --role ROLE');
  for (const p of rows) console.log(`${p.id}\t${p.name}\t${p.roles.join(',')}\t${p.language}\t${p.devices} device(s)`);
} else if (command === 'tag' && sub === 'add') {
  // Creates an active tag, or activates a proposed one (its other labels and colour stay unless given).
  const id = flag('id') ?? fail(USAGE);
  const label: Record<string, string> = {};
  for (const pair of flags.get('label') ?? []) {
    const match = /^([a-z]{2})=(.*)$/s.exec(pair);
    if (!match) fail(`--label is xx=TEXT, e.g. --label fr=Attribution (got ${JSON.stringify(pair)})`);
    label[match![1]!] = match![2]!;
  }
  const order = flag('order');
  if (order !== undefined && !/^-?\d+$/.test(order)) fail('--order is a whole number');
  const result = await withDatabase((db) =>
    activateTag(db, { id, label, color: flag('color'), order: order === undefined ? undefined : Number(order) }),
  );
  if (result.status !== 'applied') fail(result.status === 'rejected' ? result.message : 'unexpected conflict');
  else console.log(JSON.stringify(result.record));
} else if (command === 'invite') {
  // A single-use code for one participant's new device; shown once, only its hash is kept.
  const byId = flag('participant');
  const byName = flag('name');
  if ((byId === undefined) === (byName === undefined)) fail(USAGE);
  const hours = flag('hours') === undefined ? undefined : Number(flag('hours'));
  if (hours !== undefined && !(Number.isInteger(hours) && hours > 0 && hours <= 24 * 30))
    fail('--hours is a whole number of hours, at most 720');
  const invitation = await withDatabase(async (db) => {
    const found = await db.query<{ id: string }>(
      byId !== undefined ? 'SELECT id FROM participants WHERE id=$1' : 'SELECT id FROM participants WHERE name=$1',
      [byId ?? byName],
    );
    if (!found.length)
      fail(
        byId !== undefined
          ? `no participant ${JSON.stringify(byId)} (npm run admin -- participant list shows them)`
          : `no participant named ${JSON.stringify(byName)} (npm run admin -- participant list shows them)`,
      );
    if (found.length > 1)
      fail(
        `${found.length} participants are named ${JSON.stringify(byName)}: ${found.map((p) => p.id).join(', ')}; choose one with --participant ID`,
      );
    const event = await invitationEvent(db, flags, found[0]!.id).catch((error: Error) => fail(error.message));
    return { ...(await createInvitation(db, found[0]!.id, hours, event)), event };
  });
  console.log(
    `invitation code: ${invitation.code} (single use, expires ${invitation.expiresAt}${invitation.event ? `, event ${invitation.event}` : ''})`,
  );
} else if (command === 'translations' && (sub === 'status' || sub === 'retry-failed')) {
  await withDatabase(async (db) => {
    if (sub === 'retry-failed') console.log(`${await requeueFailed(db)} failed jobs queued again`);
    const counts = await jobCounts(db);
    console.log(
      Object.entries(counts)
        .map(([status, n]) => `${status}: ${n}`)
        .join(', '),
    );
    // What failed and why (the reason never holds the text).
    for (const job of await listJobs(db, { status: 'failed' }))
      console.log(
        `failed ${job.contributionId} → ${job.target} (version ${job.sourceVersion}, ${job.attempts} attempts): ${job.lastError}`,
      );
  });
} else if (command === 'translations' && (sub === 'cost' || sub === 'price' || sub === 'budget')) {
  const since = flag('since');
  if (since !== undefined && !isDate(since)) fail('--since is a date, YYYY-MM-DD');
  const amount = Number(positional[sub === 'price' ? 3 : 2]);
  if (sub !== 'cost' && !(positional[sub === 'price' ? 3 : 2] && Number.isFinite(amount) && amount >= 0)) fail(USAGE);
  const report = await withDatabase(async (db) => {
    if (sub === 'price') await setPriceTx(db, positional[2]!, amount);
    if (sub === 'budget') await setBudgetTx(db, amount);
    return costReport(db, costDefaultsFromEnv(), since ?? null);
  });
  console.log(costReportText(report));
} else if (command === 'contribution' && sub === 'withdraw') {
  const id = positional[2] ?? fail(USAGE);
  const reason = flag('reason') ?? fail('--reason is required: say why the contribution is withdrawn');
  const result = await withDatabase(async (db) => {
    // The withdrawal is recorded as the secretariat's, through this command.
    const admin = await upsertParticipant(db, {
      id: 'admin',
      name: 'Secretariat (admin command)',
      roles: ['secretariat'],
      language: 'en',
    });
    return commitWrite(db, (tx) => withdrawContributionTx(tx, admin, id!, { reason }));
  });
  if (result.status !== 'applied') fail(result.status === 'rejected' ? result.message : 'unexpected conflict');
  else console.log(`withdrawn: ${id}`);
} else if (command === 'material' && sub === 'add') {
  const file = positional[2] ?? fail(USAGE);
  if (!existsSync(file!)) fail(`no file ${file}`);
  const question = flag('question');
  const event = flag('event');
  if ((question === undefined) === (event === undefined)) fail('give one of --question ID or --event ID');
  const mediaType = flag('type') ?? materialTypeOfName(file!);
  if (!mediaType || !isMaterialType(mediaType))
    fail(`--type is one of ${MATERIAL_TYPES.join(', ')} (the file's extension did not say which)`);
  const id = flag('id') ?? `m-${Date.now().toString(36)}`;
  const result = await withDatabase(async (db) => {
    // Opened after the database, which creates the data folder.
    const blobs = await blobStoreFromEnv(resolve(flag('data') ?? '.data/server'));
    const admin = await upsertParticipant(db, secretariatAdmin);
    return addMaterial(
      db,
      blobs,
      admin,
      { path: resolve(file!) },
      {
        id,
        owner: question !== undefined ? { kind: 'question', id: question } : { kind: 'event', id: event! },
        title: localized('title'),
        description: localized('description'),
        mediaType: mediaType as 'application/pdf',
      },
    );
  });
  if (result.status !== 'applied') fail(result.status === 'rejected' ? result.message : 'unexpected conflict');
  else
    console.log(
      `material: ${result.record.id}\nsha256: ${result.record.sha256}\nsize: ${result.record.size}\ntype: ${result.record.mediaType}`,
    );
} else if (command === 'material' && sub === 'list') {
  const materials = await withDatabase((db) => listMaterials(db));
  if (!materials.length)
    console.log('no materials yet: npm run admin -- material add FILE --question ID --title en=TITLE');
  for (const m of materials)
    console.log(
      `${m.id}\t${m.owner.kind} ${m.owner.id}\t${m.mediaType}\t${m.size} bytes\t${m.sha256}\t${Object.values(m.title)[0] ?? ''}`,
    );
} else if (command === 'material' && sub === 'remove') {
  const id = positional[2] ?? fail(USAGE);
  const result = await withDatabase((db) => commitWrite(db, (tx) => removeMaterialTx(tx, id!)));
  if (result.status !== 'applied') fail(result.status === 'rejected' ? result.message : 'unexpected conflict');
  else console.log(`removed: ${id}`);
} else if (command === 'generate') {
  const contributions = Number(flag('contributions'));
  const out = flag('out');
  if (!Number.isInteger(contributions) || contributions < 1 || !out) fail(USAGE);
  const seed = flag('seed') !== undefined ? Number(flag('seed')) : undefined;
  const stream = createWriteStream(resolve(out!));
  for (const line of generateSyntheticCorpus({ contributions, seed })) {
    if (!stream.write(line.endsWith('\n') ? line : `${line}\n`)) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
} else {
  fail(USAGE);
}
