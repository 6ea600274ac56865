import { createRequire } from 'node:module';
import { GlobalFonts } from '@napi-rs/canvas';
import { CHART_FONT_FAMILY } from './theme.ts';

const FONT_FILES = ['dejavu-fonts-ttf/ttf/DejaVuSans.ttf', 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'] as const;
let registered = false;

/**
 * Registers the DejaVu Sans files of the `dejavu-fonts-ttf` package under the charts' own family
 * name, once per process. Resolved through the package rather than a path of ours, so it works
 * wherever npm put node_modules. Throws when a file cannot be loaded: a chart drawn in a fallback
 * font would differ from machine to machine, and the caller sends the answer as text instead.
 */
export function registerChartFonts(): void {
  if (registered) return;
  const require = createRequire(import.meta.url);
  for (const file of FONT_FILES) {
    const path = require.resolve(file);
    if (!GlobalFonts.registerFromPath(path, CHART_FONT_FAMILY)) throw new Error(`could not load the chart font ${path}`);
  }
  registered = true;
}
