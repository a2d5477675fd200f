import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { removeDir, ROOT, RunningServer, startServer } from './server';

export const SCREENSHOT_DIR = join(ROOT, 'test-results/screenshots');

/** Debian's Chromium, headless, with nothing that calls out to the internet. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/** Waits (at most 2 s) for the page's finite CSS animations and transitions, e.g. a dialog opening. */
async function settleAnimations(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.race([
      Promise.all(
        document
          .getAnimations()
          .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
          .map((a) => a.finished.catch(() => undefined)),
      ),
      new Promise((resolve) => setTimeout(resolve, 2000)),
    ]),
  );
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await settleAnimations(page);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/**
 * A picture of the whole page: snack bars dismissed, and the viewport grown to the content's
 * height (the shell scrolls inside its sidenav content, which a full-page capture does not see).
 */
export async function pageShot(page: Page, name: string): Promise<void> {
  const snackBar = page.locator('mat-snack-bar-container');
  if ((await snackBar.count()) > 0) {
    await snackBar
      .getByRole('button')
      .click({ timeout: 2000 })
      .catch(() => undefined);
    await snackBar.waitFor({ state: 'detached' });
  }
  const viewport = page.viewportSize()!;
  const height = await page.evaluate(() => document.querySelector('mat-sidenav-content')?.scrollHeight ?? 0);
  if (height > viewport.height) await page.setViewportSize({ width: viewport.width, height });
  await screenshot(page, name);
  await page.setViewportSize(viewport);
}

/** Calls the API as the signed-in browser does: its cookies, and the CSRF token echoed in a header. */
export async function browserApi<T>(
  context: BrowserContext,
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const cookies = await context.cookies(baseUrl);
  const xsrf = cookies.find((c) => c.name === 'XSRF-TOKEN')?.value ?? '';
  const response = await context.request.fetch(`${baseUrl}/api/v1/${path}`, {
    method,
    data: body,
    headers: { 'x-xsrf-token': xsrf },
  });
  return { status: response.status(), body: (await response.json()) as T };
}

/** Refusals tests provoke on purpose; Chromium logs each failed request to the console. */
const EXPECTED_REFUSALS = /Failed to load resource: the server responded with a status of (401|409|422)/;

export interface BrowserSession {
  server: RunningServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Page errors and console errors other than the expected refusals. */
  errors: string[];
}

/**
 * A built server on a fresh database and one Chromium page for a browser test file;
 * started before its tests and torn down after them.
 */
export function browserSession(viewport = { width: 1280, height: 800 }): BrowserSession {
  const session = { errors: [] as string[] } as BrowserSession;
  beforeAll(async () => {
    session.server = await startServer();
    session.browser = await launchBrowser();
    session.context = await session.browser.newContext({ viewport, acceptDownloads: true });
    session.page = await session.context.newPage();
    session.page.on('pageerror', (e) => session.errors.push(e.message));
    session.page.on('console', (m) => {
      if (m.type() === 'error' && !EXPECTED_REFUSALS.test(m.text())) session.errors.push(m.text());
    });
  });
  afterAll(async () => {
    await session.context?.close();
    await session.browser?.close();
    await session.server?.stop();
    if (session.server) removeDir(session.server.dataDir);
  });
  return session;
}
