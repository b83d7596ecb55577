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
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildRuntime, loadRuntime } from '../support/load-runtime';
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

/** Where the time goes between starting browser mode and the verdict on screen, ms after the timer started. */
export interface FirstPaintPhases {
  serviceAndBridgeStarted: number;
  htmlReceived: number;
  domContentLoaded: number;
  firstSnapshotReceived: number;
  verdictPainted: number;
}

const FIRST_PAINT_SAMPLES = 5;


/**
 * Installed before the page's own scripts: records (page clock) when the
 * verdict card enters the DOM and the frame that paints it. Measuring in the
 * page avoids Playwright's locator polling, which backs off to 500 ms between
 * checks and so reported up to half a second after the card was on screen.
 */
function recordVerdictPaint(): void {
  const w = window as unknown as { __verdictPaintedAt?: number };
  const observer = new MutationObserver(() => {
    if (!document.querySelector('[data-testid="verdict"]')) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => (w.__verdictPaintedAt = performance.now()), 0));
  });
  observer.observe(document, { subtree: true, childList: true });
}

/**
 * One cold page load against a freshly started service + bridge. The browser
 * is already running (as a user's is) and has settled on about:blank; the
 * timer starts before the service and bridge start and stops at the frame
 * that paints the verdict card, so the whole page load is inside the window.
 */
async function measureFirstPaint(browser: Browser): Promise<{ phases: FirstPaintPhases; dashboard: Awaited<ReturnType<typeof startDashboard>>; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(recordVerdictPaint);
  await page.goto('about:blank');
  await new Promise((r) => setTimeout(r, 200));
  const started = performance.timeOrigin + performance.now();
  const dashboard = await startDashboard();
  const serviceAndBridgeStarted = performance.timeOrigin + performance.now() - started;
  await page.goto(dashboard.url, { waitUntil: 'commit' });
  await page.waitForFunction(() => (window as unknown as { __verdictPaintedAt?: number }).__verdictPaintedAt !== undefined, null, { timeout: 30_000 });
  const inPage = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const snapshot = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/api/getSnapshot')) as PerformanceResourceTiming | undefined;
    return {
      origin: performance.timeOrigin,
      html: nav.responseEnd,
      dcl: nav.domContentLoadedEventStart,
      snapshot: snapshot?.responseEnd ?? Number.NaN,
      verdict: (window as unknown as { __verdictPaintedAt: number }).__verdictPaintedAt,
    };
  });
  // Both clocks are wall-clock based on the same machine: put page times on the bench's timeline.
  const at = (pageMs: number) => Math.round(inPage.origin + pageMs - started);
  return {
    phases: {
      serviceAndBridgeStarted: Math.round(serviceAndBridgeStarted),
      htmlReceived: at(inPage.html),
      domContentLoaded: at(inPage.dcl),
      firstSnapshotReceived: at(inPage.snapshot),
      verdictPainted: at(inPage.verdict),
    },
    dashboard,
    page,
  };
}

export async function benchDashboard(): Promise<{ rendererGzipKb: number; firstMeaningfulPaintMs: number; firstMeaningfulPaintWarmMedianMs: number; firstPaintPhases: FirstPaintPhases; settingsToDomP95Ms: number; settingsToDomP50Ms: number }> {
  if (!existsSync(resolve('out/renderer/index.html'))) {
    const { build } = await import('vite');
    await build({ configFile: resolve('renderer/vite.config.ts'), logLevel: 'warn' });
  }
  await buildRuntime();
  // Loading the code is process start-up, not service start: do it before any timer.
  await loadRuntime();
  const gzipKb = await rendererGzipKb();

  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  let dashboard: Awaited<ReturnType<typeof startDashboard>> | null = null;
  try {
    // Several loads, each with a fresh service, bridge and browser context (empty cache).
    const samples: FirstPaintPhases[] = [];
    let page: Page | null = null;
    for (let i = 0; i < FIRST_PAINT_SAMPLES; i += 1) {
      await dashboard?.stop();
      await page?.context().close();
      const measured = await measureFirstPaint(browser);
      ({ dashboard, page } = measured);
      samples.push(measured.phases);
    }
    // The headline is the first load: the service's code is as cold as right after `gateway-doctor serve`.
    // Later loads (same process, warm code) show the spread on this shared machine.
    const cold = samples[0];
    const warm = samples.slice(1).map((x) => x.verdictPainted).sort((a, b) => a - b);
    const warmMedianMs = warm[Math.floor(warm.length / 2)];
    process.stderr.write(`  first paint (cold, ms after serve start): ${Object.entries(cold).map(([k, v]) => `${k} ${v}`).join(', ')}; warm loads: ${warm.join(', ')}\n`);
    if (!page || !dashboard) throw new Error('No first-paint sample was taken.');

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
      firstMeaningfulPaintMs: cold.verdictPainted,
      firstMeaningfulPaintWarmMedianMs: warmMedianMs,
      firstPaintPhases: cold,
      settingsToDomP50Ms: Math.round(percentile(durations, 50)),
      settingsToDomP95Ms: Math.round(percentile(durations, 95)),
    };
  } finally {
    await dashboard?.stop();
    await browser.close();
  }
}
