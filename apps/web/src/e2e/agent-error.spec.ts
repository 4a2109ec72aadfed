// The agent's errors, shown to a person: the agent stopped in the middle of a session (the page says
// so in plain words, an action says why it failed, and the page picks up when the agent is back), and
// a scan address the agent does not know.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectErrors, DESKTOP, hasChromium, PHONE, shot, skipNote } from './browser';
import { startRecoverStack, type RecoverStack } from './recover-stack';

describe.skipIf(!hasChromium)(`agent errors in a browser${skipNote}`, () => {
  let stack: RecoverStack;

  beforeAll(async () => {
    stack = await startRecoverStack('web-errors');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('says plainly that the agent stopped, why an action failed, and carries on when it is back', async () => {
    const page = await stack.browser.newPage({ viewport: DESKTOP });
    const errors = collectErrors(page);
    await page.goto(stack.web.url);
    const status = page.getByTestId('agent-status');
    await expect.poll(() => status.getAttribute('data-state')).toBe('ok');
    await page.locator('[data-testid=source-card][data-source-id=demo-card]').click();

    await stack.agent.stop();
    const down = page.getByTestId('agent-down');
    await down.waitFor({ timeout: 15_000 });
    expect(await down.textContent()).toContain('The Afterimage agent stopped answering.');
    expect(await down.textContent()).toContain(stack.agent.url.replace('http://', ''));
    expect(await status.getAttribute('data-state')).toBe('down');
    expect(await status.textContent()).toContain('unreachable');

    await page.getByTestId('scan-button').click();
    const failed = page.getByTestId('scan-start-error');
    await failed.waitFor();
    const text = (await failed.textContent()) ?? '';
    expect(text).toContain('Cannot reach the Afterimage agent at');
    expect(text).not.toMatch(/TRPCClientError|fetch failed|Failed to fetch|undefined/);
    await shot(page, 'recover-error-1-agent-down.png');

    await page.setViewportSize(PHONE);
    await shot(page, 'recover-phone-5-agent-down.png');
    await page.setViewportSize(DESKTOP);

    await stack.restartAgent();
    await down.waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => status.getAttribute('data-state')).toBe('ok');
    await page.getByTestId('scan-button').click();
    await page.waitForURL(/\/scans\/[\w-]+$/);
    await page.locator('[data-testid=scan-progress][data-phase=done]').waitFor({ timeout: 60_000 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says so when a scan address is unknown to the agent', async () => {
    const page = await stack.browser.newPage({ viewport: DESKTOP });
    await page.goto(`${stack.web.url}/scans/scan-nope`);
    const error = page.getByTestId('scan-load-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('No scan scan-nope.');
    await shot(page, 'recover-error-2-unknown-scan.png');
    await page.close();
  });
});
