// `npm run test:electron-security`: Electronegativity, Doyensec's static scanner
// for Electron misconfigurations, over the main process, the preload, the page's
// CSP and the Electron version. Fails on a finding that electronegativity.config.json
// does not justify, on a justification that no longer matches a finding, and on
// anything that keeps the scan from reading every file: it never passes unseen.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CONFIG_FILE = 'electronegativity.config.json';
/** What the shell is made of, at the same paths as in the repository so findings name real files. */
const SCANNED = ['electron', 'renderer/index.html', 'package.json'];

class ScanFailure extends Error {}

function loadConfig() {
  let config;
  try {
    config = JSON.parse(readFileSync(join(root, CONFIG_FILE), 'utf8'));
  } catch (error) {
    throw new ScanFailure(`cannot read ${CONFIG_FILE}: ${error.message}`);
  }
  for (const key of Object.keys(config)) {
    if (!['$comment', 'excludedChecks', 'justified'].includes(key)) {
      throw new ScanFailure(`${CONFIG_FILE}: unknown key "${key}"`);
    }
  }
  return {
    excluded: entries(config, 'excludedChecks', ['check', 'justification'], []),
    justified: entries(config, 'justified', ['id', 'file', 'justification'], ['line', 'sample']),
  };
}

/** A misspelt field would make a justification broader than meant, so the shape is checked strictly. */
function entries(config, key, required, optional) {
  const list = config[key];
  if (!Array.isArray(list)) throw new ScanFailure(`${CONFIG_FILE}: "${key}" must be a list`);
  list.forEach((entry, index) => {
    const where = `${CONFIG_FILE}: ${key}[${index}]`;
    for (const field of Object.keys(entry)) {
      if (!required.includes(field) && !optional.includes(field)) throw new ScanFailure(`${where}: unknown "${field}"`);
    }
    for (const field of [...required, ...(entry.sample === undefined ? [] : ['sample'])]) {
      if (typeof entry[field] !== 'string' || entry[field].trim() === '') {
        throw new ScanFailure(`${where}: "${field}" must be a non-empty string`);
      }
    }
    if (entry.line !== undefined && !(Number.isInteger(entry.line) && entry.line > 0)) {
      throw new ScanFailure(`${where}: "line" must be a line number`);
    }
  });
  return list;
}

/**
 * Loads the scanner with its HTTP client answered from here. At start it fetches
 * newer translations of its messages, with retries: some 6 s without network,
 * for text we do not read (its bundled English is used). Any other request fails
 * at once; the one check that needs the network is excluded in the config.
 */
function loadScanner() {
  const scannerRequire = createRequire(createRequire(import.meta.url).resolve('@doyensec/electronegativity'));
  const { i18nSource } = scannerRequire('../package.json');
  const gotPath = scannerRequire.resolve('got');
  const offline = new Module(gotPath);
  offline.filename = gotPath;
  offline.loaded = true;
  offline.exports = async (url) => {
    if (String(url).startsWith(`${i18nSource}/`)) return { statusCode: 404, body: '' };
    throw new Error(`no network during the scan (${url})`);
  };
  scannerRequire.cache[gotPath] = offline;
  const checkNames = [
    ...scannerRequire('./finder/checks/GlobalChecks/index.js').GLOBAL_CHECKS,
    ...scannerRequire('./finder/checks/AtomicChecks/index.js').CHECKS,
  ].map((check) => check.name.toLowerCase());
  return { run: scannerRequire('./runner.js'), checkNames };
}

const sameFinding = (entry, finding) =>
  entry.id === finding.id &&
  entry.file === finding.file &&
  (entry.line === undefined || entry.line === finding.line) &&
  (entry.sample === undefined || finding.sample.includes(entry.sample));

async function scan() {
  const config = loadConfig();
  const { run, checkNames } = loadScanner();
  for (const { check } of config.excluded) {
    // The scanner itself only objects when none of the names it is given exists.
    if (!checkNames.includes(check.toLowerCase())) throw new ScanFailure(`${CONFIG_FILE}: no check named ${check}`);
  }

  const workDir = mkdtempSync(join(tmpdir(), 'seminar-electronegativity-'));
  process.on('exit', () => rmSync(workDir, { recursive: true, force: true }));
  const input = join(workDir, 'app');
  for (const item of SCANNED) cpSync(join(root, item), join(input, item), { recursive: true });

  // The programmatic entry rather than the CLI: with an output file the CLI drops parse
  // errors (a file it cannot parse is silently not checked) and does not say what ran.
  const report = await run({
    input,
    isRelative: true,
    excludeFromScan: config.excluded.map(({ check }) => check.toLowerCase()),
  });
  if (!report || !Array.isArray(report.issues) || !Array.isArray(report.errors) || !(report.atomicChecks > 0)) {
    throw new ScanFailure('the scanner returned no report');
  }
  if (report.errors.length > 0) {
    const lines = report.errors.map((error) => `  ${error.file.replace(input, '.')}: ${error.message}`);
    throw new ScanFailure(`the scanner could not parse every file, so it did not check them:\n${lines.join('\n')}`);
  }

  const findings = report.issues
    .map((issue) => ({
      id: issue.id,
      file: issue.file.replaceAll('\\', '/'),
      line: issue.location?.line ?? 0,
      sample: issue.sample ?? '',
      description: issue.description,
      rating: `${issue.severity.name}, ${issue.confidence.name}${issue.manualReview ? ', review' : ''}`,
    }))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.id.localeCompare(b.id));
  const unjustified = findings.filter((finding) => !config.justified.some((entry) => sameFinding(entry, finding)));
  const stale = config.justified.filter((entry) => !findings.some((finding) => sameFinding(entry, finding)));

  for (const finding of unjustified) {
    console.error(`\nUnjustified finding ${finding.file}:${finding.line}  ${finding.id} (${finding.rating})`);
    console.error(`  ${finding.description}`);
    if (finding.sample) console.error(`  > ${finding.sample}`);
    console.error(`  https://github.com/doyensec/electronegativity/wiki/${finding.id}`);
  }
  for (const entry of stale) {
    const at = `${entry.file}${entry.line ? `:${entry.line}` : ''}`;
    console.error(`\nStale justification in ${CONFIG_FILE}: ${entry.id} at ${at} matches no finding`);
    if (entry.sample) console.error(`  sample: ${entry.sample}`);
    console.error('  Remove it if the finding is fixed, or correct its file, line or sample.');
  }
  if (unjustified.length + stale.length > 0) {
    console.error(`\nFix the code, or justify the finding in ${CONFIG_FILE} with the code or test that mitigates it.`);
  }
  const excluded = config.excluded.map(({ check }) => check).join(', ') || 'none';
  console.log(
    `electronegativity: ${findings.length} findings, ${findings.length - unjustified.length} justified, ` +
      `${unjustified.length} unjustified, ${stale.length} stale justifications ` +
      `(checks run: ${report.globalChecks + report.atomicChecks}; excluded: ${excluded})`,
  );
  return unjustified.length + stale.length === 0;
}

try {
  process.exitCode = (await scan()) ? 0 : 1;
} catch (error) {
  console.error(
    `electronegativity: ${error instanceof ScanFailure ? error.message : `the scan failed: ${error.stack}`}`,
  );
  process.exitCode = 1;
}
