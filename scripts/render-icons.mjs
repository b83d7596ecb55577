#!/usr/bin/env node
/**
 * Renders the tray and app icons from their SVG sources with resvg (no
 * network, no native toolchain). Run after editing an SVG: `npm run icons`.
 *
 *   assets/tray/<kind>.svg  →  assets/tray/png/tray-<kind>Template{,@2x}.png  (macOS: black + alpha)
 *                              assets/tray/png/tray-<kind>{,@2x}.png          (Windows/Linux: colour)
 *                              assets/tray/preview/<kind>.png                 (64 px, for the README)
 *   build/icon.svg          →  build/icon.png (1024), build/icons/<n>x<n>.png (Linux set)
 *
 * The .icns (macOS) and .ico (Windows) app icons are produced by
 * electron-builder from build/icon.png at package time.
 *
 * Sources draw with `currentColor`; this script substitutes black for the
 * template images and the state colour for the colour ones.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const trayDir = join(root, 'assets', 'tray');
const pngDir = join(trayDir, 'png');
const previewDir = join(trayDir, 'preview');
const buildDir = join(root, 'build');

/** Colours chosen for contrast on both light and dark taskbars (GitHub Primer palette). */
const COLOURS = {
  healthy: '#2da44e',
  degraded: '#d4a72c',
  down: '#cf222e',
  offline: '#8c959f',
  unconfigured: '#6e7781',
  pending: '#218bff',
  snoozed: '#8250df',
};

function render(svg, width) {
  const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: width }, background: 'rgba(0,0,0,0)', font: { loadSystemFonts: false } });
  return resvg.render().asPng();
}

function main() {
  mkdirSync(pngDir, { recursive: true });
  mkdirSync(previewDir, { recursive: true });
  const written = [];
  const sources = readdirSync(trayDir).filter((f) => f.endsWith('.svg')).sort();
  for (const file of sources) {
    const kind = basename(file, '.svg');
    const colour = COLOURS[kind];
    if (!colour) throw new Error(`assets/tray/${file}: no colour defined for "${kind}" in scripts/render-icons.mjs`);
    const source = readFileSync(join(trayDir, file), 'utf8');
    const template = source.replaceAll('currentColor', '#000000');
    const coloured = source.replaceAll('currentColor', colour);
    const outputs = [
      [join(pngDir, `tray-${kind}Template.png`), template, 16],
      [join(pngDir, `tray-${kind}Template@2x.png`), template, 32],
      [join(pngDir, `tray-${kind}.png`), coloured, 16],
      [join(pngDir, `tray-${kind}@2x.png`), coloured, 32],
      [join(previewDir, `${kind}.png`), coloured, 64],
    ];
    for (const [out, svg, size] of outputs) {
      writeFileSync(out, render(svg, size));
      written.push(out);
    }
  }
  const appIcon = readFileSync(join(buildDir, 'icon.svg'), 'utf8');
  writeFileSync(join(buildDir, 'icon.png'), render(appIcon, 1024));
  written.push(join(buildDir, 'icon.png'));
  mkdirSync(join(buildDir, 'icons'), { recursive: true });
  for (const size of [16, 32, 48, 64, 128, 256, 512]) {
    const out = join(buildDir, 'icons', `${size}x${size}.png`);
    writeFileSync(out, render(appIcon, size));
    written.push(out);
  }
  console.log(`Rendered ${written.length} icons from ${sources.length} tray sources and build/icon.svg.`);
}

main();
