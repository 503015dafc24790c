import type { BenchCase, BenchContext } from '../registry.js';
import { annotationAnchoring } from './annotations.js';
import { firstSync } from './first-sync.js';
import { fontsCase } from './fonts.js';
import { growth } from './growth.js';
import { hotelWifi } from './hotel-wifi.js';
import { liveChannel } from './live-channel.js';
import { loadCase } from './load.js';
import { proceedingsCase } from './proceedings.js';
import { materialsCase } from './materials.js';
import { materialPdfCase } from './material-pdf.js';
import { pushCase } from './push.js';
import { realApp } from './real-app.js';
import { searchCase } from './search.js';
import { serverPull } from './server-pull.js';
import { synthesisCase } from './synthesis.js';
import { translationQueue } from './translation-queue.js';

/**
 * Every benchmark case, in table order. Add a figure by writing a case (see
 * registry.ts) and listing it here; `npm run bench -- --only ID` runs just it.
 */
export function allCases(ctx: Pick<BenchContext, 'options'>): BenchCase[] {
  return [
    serverPull,
    firstSync(ctx),
    growth(ctx),
    realApp(ctx),
    hotelWifi(ctx),
    fontsCase(ctx),
    annotationAnchoring,
    pushCase,
    loadCase(ctx),
    liveChannel,
    translationQueue,
    searchCase(ctx),
    synthesisCase,
    proceedingsCase,
    materialsCase(ctx),
    materialPdfCase,
  ];
}
