import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { ROOT } from './server';

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

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
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
