import { z } from 'zod';

// Zod compiles object parsers with `new Function` when it may; the app's CSP
// forbids eval, so Zod's probe would log a CSP violation. Interpreted parsing is
// fast enough for pull pages. Import this first in every renderer entry point.
z.config({ jitless: true });
