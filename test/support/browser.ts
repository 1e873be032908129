import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium through playwright-core (browsers are never downloaded). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
    ],
  });
}

/**
 * Opens a console URL and waits until the app finished its start-up session check (the
 * refresh call): before that, the login form is not ready to submit.
 */
export async function openConsole(page: Page, url: string): Promise<void> {
  const checked = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/refresh');
  await page.goto(url);
  await checked;
}

/** Logs in through the console's login page and waits until it left the login page. */
export async function loginInBrowser(
  page: Page,
  baseUrl: string,
  email: string,
  password: string,
): Promise<void> {
  await openConsole(page, `${baseUrl}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
