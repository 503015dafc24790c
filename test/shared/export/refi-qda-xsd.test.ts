import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { toQdc, toQdpx } from '../../../shared/export/refi-qda.js';
import { LANGUAGES } from '../../../shared/languages.js';
import type { Annotation, AnnotationId } from '../../../shared/model/annotations.js';
import { loadDemoCorpus } from './demo-corpus.js';
import { annotations, contributions, tags } from './export-fixtures.js';

/**
 * project.qde and .qdc checked by xmllint against REFI's own schemas
 * (test/standards/refi-qda, QDA-XML 1.0, MIT): the fixtures, the demo corpus
 * in every export language, and a large generated project.
 */

const SCHEMAS = fileURLToPath(new URL('../../standards/refi-qda/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'refi-qda-xsd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** xmllint's verdict: '' when valid, its messages otherwise. Throws if xmllint is missing (CI installs it). */
function xmllint(xml: string, schema: 'Project.xsd' | 'Codebook.xsd', name: string): string {
  const file = join(dir, name);
  writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--schema', join(SCHEMAS, schema), file], { stdio: 'pipe' });
    return '';
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (e.code === 'ENOENT') throw new Error('xmllint is missing: apt-get install libxml2-utils');
    return String(e.stderr);
  }
}

const projectXml = (list: Annotation[], context: Parameters<typeof toQdpx>[1]) =>
  strFromU8(unzipSync(toQdpx(list, context))['project.qde']!);

const demo = loadDemoCorpus();
const base = { projectName: 'Séminaire <2017> & « notes »', exportedAt: '2017-02-02T18:00:00.000Z' };

describe('REFI-QDA exports under REFI’s XSDs (xmllint)', () => {
  it('the fixtures project validates against Project.xsd', () => {
    expect(
      xmllint(projectXml(annotations, { ...base, contributions, tags, language: 'en' }), 'Project.xsd', 'f.qde'),
    ).toBe('');
  });

  it.each(LANGUAGES)('the demo corpus project and codebook in %s validate', (language) => {
    const context = { ...base, contributions: demo.contributions, tags: demo.tags, language };
    expect(xmllint(projectXml(demo.annotations, context), 'Project.xsd', `demo-${language}.qde`)).toBe('');
    expect(xmllint(toQdc(demo.tags, language), 'Codebook.xsd', `demo-${language}.qdc`)).toBe('');
  });

  it('a large generated project (3,000 annotations, 30 contributions in 10 languages) validates', () => {
    const many = Array.from({ length: 10 }, (_, round) =>
      demo.annotations.map((a) => ({
        ...a,
        id: `${a.id.slice(0, -2)}${String(round).padStart(2, '0')}` as AnnotationId,
      })),
    ).flat();
    expect(many).toHaveLength(demo.annotations.length * 10);
    const context = { ...base, contributions: demo.contributions, tags: demo.tags, language: 'ar' as const };
    expect(xmllint(projectXml(many, context), 'Project.xsd', 'large.qde')).toBe('');
  });

  it('xmllint does refuse what the schema forbids (the check can fail)', () => {
    const xml = projectXml(annotations, { ...base, contributions, tags, language: 'en' });
    const broken = xml.replace(/isCodable="true"/, 'isCodable="yes"');
    expect(broken).not.toBe(xml);
    expect(xmllint(broken, 'Project.xsd', 'broken.qde')).toMatch(/isCodable/);
    expect(xmllint(toQdc(tags, 'en').replace('<Codes>', '<Codes><Bogus/>'), 'Codebook.xsd', 'b.qdc')).toMatch(/Bogus/);
  });
});
