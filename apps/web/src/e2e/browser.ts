import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { workspaceRoot } from './processes';

/** Debian's chromium, driven by playwright-core, with the flags STACK.md lists. */
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const SHOTS = resolve(workspaceRoot, 'reports/screenshots');

export const hasChromium = existsSync(CHROMIUM);
export const skipNote = hasChromium ? '' : ` (skipped: ${CHROMIUM} is absent; apt-get install chromium)`;

export async function launchBrowser(): Promise<Browser> {
  await mkdir(SHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** A screenshot under reports/screenshots/ (the full page unless a dialog is the point), after transitions settle. */
export async function shot(page: Page, name: string, { fullPage = true }: { fullPage?: boolean } = {}): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(SHOTS, name), fullPage });
}

/** Page errors and failed console messages, to assert there were none. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** True when nothing sticks out sideways (a phone-sized window must not scroll horizontally). */
export function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}
