import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { MonitorState, Platform } from '../../core/types';
import { iconFor, type TrayIconKind } from './tray-icons';

/** Every kind of tray icon: one per monitor state, and snoozed. Keyed by the kind, so a new state fails to compile here until it has icons. */
const EVERY_KIND: Record<TrayIconKind, true> = { healthy: true, degraded: true, down: true, offline: true, unconfigured: true, pending: true, snoozed: true };
const TRAY_ICON_KINDS = Object.keys(EVERY_KIND) as TrayIconKind[];

/** Every file the icon script must produce, per kind: template and colour, 1x and 2x. */
const allTrayIconFiles = (): string[] => TRAY_ICON_KINDS.flatMap((kind) => [`tray-${kind}Template.png`, `tray-${kind}Template@2x.png`, `tray-${kind}.png`, `tray-${kind}@2x.png`]);

const pngDir = join(__dirname, '..', '..', 'assets', 'tray', 'png');
const states = TRAY_ICON_KINDS.filter((kind): kind is MonitorState => kind !== 'snoozed');
const platforms: Platform[] = ['darwin', 'win32', 'linux'];

/** Reads width/height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Minimal decoder for 8-bit RGBA, non-interlaced PNGs (what resvg writes). */
function decodeRgba(file: string): Array<[number, number, number, number]> {
  const bytes = readFileSync(file);
  const { width, height } = pngSize(file);
  expect(bytes[24], 'bit depth').toBe(8);
  expect(bytes[25], 'colour type RGBA').toBe(6);
  const chunks: Buffer[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.subarray(at + 4, at + 8).toString('ascii');
    if (type === 'IDAT') chunks.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  const stride = width * 4;
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x];
      const left = x >= 4 ? out[y * stride + x - 4] : 0;
      const up = y > 0 ? out[(y - 1) * stride + x] : 0;
      const upLeft = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4] : 0;
      let predicted = 0;
      if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left), pb = Math.abs(p - up), pc = Math.abs(p - upLeft);
        predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      out[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  const pixels: Array<[number, number, number, number]> = [];
  for (let i = 0; i < out.length; i += 4) pixels.push([out[i], out[i + 1], out[i + 2], out[i + 3]]);
  return pixels;
}

describe('iconFor', () => {
  it('uses template images on macOS and lets Electron pick the @2x sibling', () => {
    expect(iconFor('healthy', { snoozed: false, platform: 'darwin', scale: 1 })).toBe('tray-healthyTemplate.png');
    expect(iconFor('down', { snoozed: false, platform: 'darwin', scale: 2 })).toBe('tray-downTemplate.png');
  });

  it('uses colour icons on Windows, 1x or 2x by scale factor', () => {
    expect(iconFor('degraded', { snoozed: false, platform: 'win32', scale: 1 })).toBe('tray-degraded.png');
    expect(iconFor('degraded', { snoozed: false, platform: 'win32', scale: 1.25 })).toBe('tray-degraded.png');
    expect(iconFor('degraded', { snoozed: false, platform: 'win32', scale: 2 })).toBe('tray-degraded@2x.png');
  });

  it('always uses the 32 px colour icon on Linux panels', () => {
    expect(iconFor('offline', { snoozed: false, platform: 'linux', scale: 1 })).toBe('tray-offline@2x.png');
  });

  it('shows the crescent when snoozed, whatever the state', () => {
    for (const state of states) {
      expect(iconFor(state, { snoozed: true, platform: 'win32', scale: 1 })).toBe('tray-snoozed.png');
      expect(iconFor(state, { snoozed: true, platform: 'darwin', scale: 1 })).toBe('tray-snoozedTemplate.png');
    }
  });

  it('gives every state its own image on every platform', () => {
    for (const platform of platforms) {
      const names = states.map((state) => iconFor(state, { snoozed: false, platform, scale: 1 }));
      expect(new Set(names).size).toBe(states.length);
    }
  });

  it('references only PNGs that exist in assets/, with 1x = 16 px and 2x = 32 px', () => {
    for (const platform of platforms) {
      for (const scale of [1, 2]) {
        for (const state of states) {
          for (const snoozed of [false, true]) {
            const file = join(pngDir, iconFor(state, { snoozed, platform, scale }));
            expect(existsSync(file), file).toBe(true);
          }
        }
      }
    }
    for (const file of allTrayIconFiles()) {
      const size = pngSize(join(pngDir, file));
      const expected = file.includes('@2x') ? 32 : 16;
      expect(size, file).toEqual({ width: expected, height: expected });
    }
  });

  it('renders the template images in black + alpha only (macOS tints them), and the colour ones in colour', () => {
    for (const kind of TRAY_ICON_KINDS) {
      const template = decodeRgba(join(pngDir, `tray-${kind}Template@2x.png`));
      const opaque = template.filter((p) => p[3] > 0);
      expect(opaque.length, kind).toBeGreaterThan(20);
      expect(opaque.every(([r, g, b]) => r === 0 && g === 0 && b === 0), kind).toBe(true);
      const colour = decodeRgba(join(pngDir, `tray-${kind}@2x.png`));
      expect(colour.some(([r, g, b, a]) => a > 200 && (r !== g || g !== b)), kind).toBe(true);
    }
  });

  it('has an SVG source for every icon kind', () => {
    for (const kind of TRAY_ICON_KINDS) {
      expect(existsSync(join(__dirname, '..', '..', 'assets', 'tray', `${kind}.svg`)), kind).toBe(true);
    }
  });
});
