import type { Browser, Page } from 'playwright-core';
import { uniqueEmail } from '../support/api-client';
import { launchBrowser, screenshot } from '../support/browser';
import { removeDir, RunningServer, startServer } from '../support/server';

let server: RunningServer;
let browser: Browser;
const errors: string[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) removeDir(server.dataDir);
});

async function newPage(width = 1280, height = 800): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().includes('401')) errors.push(m.text());
  });
  return page;
}

describe('the SPA shell in a real browser', () => {
  const ownerEmail = uniqueEmail('owner');
  const staffEmail = uniqueEmail('staff');
  const password = 'browser-pass-123';

  it('signs up a business and lands on the dashboard', async () => {
    const page = await newPage();
    await page.goto(`${server.baseUrl}/`);
    await page.waitForURL(/\/login/);
    await screenshot(page, '01-login');
    await page.getByRole('link', { name: 'Create your business' }).click();
    await page.waitForURL(/\/signup/);

    // client-side validation before anything is sent
    await page.getByRole('button', { name: 'Create business' }).click();
    await page.getByText('Business name is required').waitFor();

    await page.getByLabel('Business name').fill('Browser Bakery Ltd');
    await page.getByLabel('Your name').fill('Bea Baker');
    await page.getByLabel('E-mail').fill(ownerEmail);
    await page.getByLabel('Password').fill(password);
    await screenshot(page, '02-signup');
    await page.getByRole('button', { name: 'Create business' }).click();
    await page.waitForURL(/\/dashboard/);
    await page.getByTestId('welcome').getByText('Welcome, Bea Baker').waitFor();
    expect(await page.getByTestId('tenant-name').textContent()).toContain('Browser Bakery Ltd');
    expect(await page.getByTestId('role').textContent()).toContain('owner');
    await screenshot(page, '03-dashboard');
    await page.close();
  });

  it('shows the API error when signing in with a wrong password', async () => {
    const page = await newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('E-mail').fill(ownerEmail);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('error-banner').getByText('Email or password is incorrect').waitFor();
    await screenshot(page, '04-login-error');
    await page.close();
  });

  it('signs in, adds a user, changes a role, deactivates and signs out', async () => {
    const page = await newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('E-mail').fill(ownerEmail);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/dashboard/);

    await page.getByRole('link', { name: 'Users' }).first().click();
    await page.waitForURL(/\/users/);
    await page.getByTestId(`user-row-${ownerEmail}`).waitFor();
    await page.getByTestId('add-user').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Sid Staff');
    await dialog.getByLabel('E-mail').fill(staffEmail);
    await dialog.getByLabel('Initial password').fill('staff-pass-123');
    await screenshot(page, '05-add-user');
    await dialog.getByTestId('create-user').click();
    await page.getByTestId(`user-row-${staffEmail}`).waitFor();

    await page.getByTestId(`role-${staffEmail}`).click();
    await page.getByRole('option', { name: 'accountant' }).click();
    await page.getByTestId('confirm').click();
    await page.getByText('Sid Staff is now accountant').waitFor();

    await page.getByTestId(`toggle-${staffEmail}`).click();
    await page.getByTestId('confirm').click();
    await page.getByTestId(`user-row-${staffEmail}`).getByText('Deactivated').waitFor();
    await screenshot(page, '06-users');

    await page.getByTestId('user-search').fill('sid');
    await page.waitForFunction(() => document.querySelectorAll('tr[data-testid^="user-row-"]').length === 1);

    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
    await page.goto(`${server.baseUrl}/users`);
    await page.waitForURL(/\/login\?returnUrl=%2Fusers/);
    await page.close();
  });

  it('hides what a role may not use and shows a 404 page', async () => {
    const page = await newPage(390, 844);
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('E-mail').fill(ownerEmail);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/dashboard/);
    await screenshot(page, '07-dashboard-phone');
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByLabel('Main navigation').getByRole('link', { name: 'Audit trail' }).waitFor();
    await page.waitForTimeout(500); // let the drawer finish sliding in before the picture
    await screenshot(page, '08-nav-phone');
    await page.goto(`${server.baseUrl}/no/such/page`);
    await page.getByTestId('not-found').waitFor();
    await screenshot(page, '09-not-found');
    await page.close();
  });

  it('raised no uncaught errors in the pages', () => {
    expect(errors).toEqual([]);
  });
});
