import { describe, expect, it } from 'vitest';
import { proceedingsToDocx } from '../../../../shared/export/proceedings/docx.js';
import { proceedingsToEpub } from '../../../../shared/export/proceedings/epub.js';
import { proceedingsToPdf } from '../../../../shared/export/proceedings/pdf.js';
import { proceedingsToSite } from '../../../../shared/export/proceedings/site.js';
import { nodeFontSource } from '../../../support/proceedings-fonts.js';
import { demoProceedings } from './proceedings-fixtures.js';

/**
 * A published edition is frozen by its content hash: exporting it again must
 * give the same files, byte for byte, in every format, even in the same
 * process (the Word library numbers bookmarks from a process-wide counter).
 */
describe('the same edition exported twice', () => {
  it('gives the same bytes in every format', { timeout: 60_000 }, async () => {
    const input = demoProceedings('ar', { syntheses: 3 });
    const fonts = nodeFontSource();
    const once = async () => ({
      epub: await proceedingsToEpub(input, fonts),
      pdf: await proceedingsToPdf(input, fonts),
      docx: await proceedingsToDocx(input),
      site: [...(await proceedingsToSite([input], fonts))],
    });
    const [first, second] = [await once(), await once()];
    expect(Buffer.from(second.epub).equals(Buffer.from(first.epub))).toBe(true);
    expect(Buffer.from(second.pdf).equals(Buffer.from(first.pdf))).toBe(true);
    expect(Buffer.from(second.docx).equals(Buffer.from(first.docx))).toBe(true);
    expect(second.site.map(([path]) => path)).toEqual(first.site.map(([path]) => path));
    second.site.forEach(([path, bytes], i) =>
      expect(Buffer.from(bytes).equals(Buffer.from(first.site[i]![1])), path).toBe(true),
    );
  });
});
