/**
 * Dashboard benchmark (not run by the test suite): renderer size after gzip,
 * time from starting browser mode (service + bridge) to the first meaningful
 * paint in Chromium, and time from a settings change on disk to the updated DOM.
 * Goals (issue #5): ≤ 200 KB gzip, ≤ 1.5 s, p95 ≤ 300 ms.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { buildRuntime } from '../support/load-runtime';
import { startDashboard } from '../support/start-dashboard';

const CHROMIUM_PATH = process.env.GATEWAY_DOCTOR_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SAMPLES = 20;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Sum of gzip sizes of every JS file the renderer ships, in KB. */
export async function rendererGzipKb(dir = resolve('out/renderer/assets')): Promise<number> {
  let bytes = 0;
  for (const name of await readdir(dir)) {
    if (name.endsWith('.js')) bytes += gzipSync(await readFile(join(dir, name)), { level: 9 }).length;
  }
  return Math.round((bytes / 1024) * 10) / 10;
}

export async function benchDashboard(): Promise<{ rendererGzipKb: number; firstMeaningfulPaintMs: number; settingsToDomP95Ms: number; settingsToDomP50Ms: number }> {
  if (!existsSync(resolve('out/renderer/index.html'))) {
    const { build } = await import('vite');
    await build({ configFile: resolve('renderer/vite.config.ts'), logLevel: 'warn' });
  }
  await buildRuntime();
  const gzipKb = await rendererGzipKb();

  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  let dashboard: Awaited<ReturnType<typeof startDashboard>> | null = null;
  try {
    const page = await browser.newPage();
    const started = performance.now();
    dashboard = await startDashboard();
    await page.goto(dashboard.url);
    await page.getByTestId('verdict').waitFor({ state: 'visible' });
    const firstMeaningfulPaintMs = Math.round(performance.now() - started);

    await page.getByRole('button', { name: 'Configuration' }).click();
    await page.getByTestId('status-rows').waitFor();
    const settings = JSON.parse(await dashboard.readUserSettings());
    const durations: number[] = [];
    for (let i = 0; i < SAMPLES; i += 1) {
      const model = `claude-bench-${i}-${Date.now()}`;
      settings.env.ANTHROPIC_MODEL = model;
      const t0 = performance.now();
      await dashboard.writeUserSettings(settings);
      await page.waitForFunction((text) => document.querySelector('[data-testid="status-rows"]')?.textContent?.includes(text), model, { polling: 'raf', timeout: 10_000 });
      durations.push(performance.now() - t0);
    }
    return {
      rendererGzipKb: gzipKb,
      firstMeaningfulPaintMs,
      settingsToDomP50Ms: Math.round(percentile(durations, 50)),
      settingsToDomP95Ms: Math.round(percentile(durations, 95)),
    };
  } finally {
    await dashboard?.stop();
    await browser.close();
  }
}
