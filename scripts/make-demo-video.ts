/**
 * Makes the demo's sample video (assets/demo/sample-video.webm): eight
 * seconds drawn on a canvas in Debian's Chromium and recorded with its
 * MediaRecorder (VP8 in WebM), labelled as generated on every frame. Nothing
 * is downloaded. Run again only to change it: `node --import tsx scripts/make-demo-video.ts`.
 */
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/support/chromium.js';

const OUT = new URL('../assets/demo/sample-video.webm', import.meta.url);

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  // A string, not a function: the page runs it as it is (no names a TypeScript loader would add).
  const base64 = await page.evaluate<string>(`(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 180;
    const ctx = canvas.getContext('2d');
    const stream = canvas.captureStream(15);
    const recorder = new MediaRecorder(stream, { mimeType: 'video/webm;codecs=vp8', videoBitsPerSecond: 120_000 });
    const parts = [];
    recorder.ondataavailable = (event) => parts.push(event.data);
    const stopped = new Promise((resolve) => (recorder.onstop = resolve));
    const started = performance.now();
    const draw = () => {
      const seconds = (performance.now() - started) / 1000;
      ctx.fillStyle = '#1f3a5f';
      ctx.fillRect(0, 0, 320, 180);
      ctx.fillStyle = '#f2c14e';
      ctx.fillRect(20 + ((seconds * 40) % 240), 110, 40, 40);
      ctx.fillStyle = '#ffffff';
      ctx.font = '16px sans-serif';
      ctx.fillText('Sample video - generated for the demo', 12, 30);
      ctx.fillText(\`\${seconds.toFixed(1)} s\`, 12, 60);
    };
    draw();
    recorder.start(500);
    await new Promise((resolve) => {
      const tick = () => {
        draw();
        if (performance.now() - started < 8_000) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    });
    recorder.stop();
    await stopped;
    const bytes = new Uint8Array(await new Blob(parts, { type: 'video/webm' }).arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary);
  })()`);
  const bytes = Buffer.from(base64, 'base64');
  writeFileSync(OUT, bytes);
  console.log(`wrote ${OUT.pathname} (${bytes.length} bytes)`);
} finally {
  await browser.close();
}
