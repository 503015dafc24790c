/**
 * A small, valid PDF built in code (PDF 1.4, one standard font, text only):
 * the demo's sample study and the benchmarks' long document, with nothing
 * fetched from outside. Deterministic: the same pages give the same bytes, so
 * the demo material keeps its hash from one start to the next.
 */
export function generatePdf(pages: { heading: string; lines: string[] }[]): Uint8Array {
  // Helvetica's built-in encoding covers ASCII; anything else is replaced rather than mis-shown.
  const escape = (text: string) => text.replace(/[^\x20-\x7e]/g, '?').replace(/([\\()])/g, '\\$1');
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) - 1 + 1; // object numbers start at 1
  const catalog = add('');
  const pageTree = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const pageRefs: number[] = [];
  for (const [index, page] of pages.entries()) {
    const content = [
      'BT /F1 16 Tf 72 740 Td',
      `(${escape(page.heading)}) Tj`,
      'ET',
      'BT /F1 11 Tf 72 710 Td 15 TL',
      ...page.lines.map((line) => `(${escape(line)}) Tj T*`),
      'ET',
      `BT /F1 9 Tf 290 40 Td (${index + 1}) Tj ET`,
    ].join('\n');
    const stream = add(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
    pageRefs.push(
      add(
        `<< /Type /Page /Parent ${pageTree} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${stream} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pageTree} 0 R >>`;
  objects[pageTree - 1] =
    `<< /Type /Pages /Kids [${pageRefs.map((r) => `${r} 0 R`).join(' ')}] /Count ${pageRefs.length} >>`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (const [i, body] of objects.entries()) {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
