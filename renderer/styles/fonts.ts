/*
 * The fonts for the ten languages, shipped with the app (a Linux laptop has no
 * CJK font of its own). Each family is split by unicode-range: the browser
 * fetches only the slices a page's characters need. Imported from script, not
 * by a CSS @import, so the build's woff2-only filter (vite.renderer.config.ts)
 * sees each file. Two weights: text (400) and headings (600).
 */
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/600.css';
import '@fontsource/noto-sans-arabic/400.css';
import '@fontsource/noto-sans-arabic/600.css';
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/600.css';
import '@fontsource/noto-sans-kr/400.css';
import '@fontsource/noto-sans-kr/600.css';
