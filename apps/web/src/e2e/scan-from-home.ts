import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * On the home page: adds an image by its path, starts its scan, and waits for the scan's page to
 * open; returns the scan's id (from that page's address).
 */
export async function scanImageFromHome(page: Page, homeUrl: string, imagePath: string, label: string): Promise<string> {
  await page.goto(homeUrl);
  await page.getByTestId('add-image-input').fill(imagePath);
  await page.getByRole('button', { name: 'Add image' }).click();
  await expect.poll(() => page.getByTestId('scan-target').textContent()).toContain(label);
  await page.getByTestId('scan-button').click();
  await page.waitForURL(/\/scans\/[\w-]+$/);
  return new URL(page.url()).pathname.split('/').pop() ?? '';
}
