// A scan of an imaged failing card in a real browser: the image holds zeros where the card could not
// be read and its GNU ddrescue map lies beside it. The scan page must show the bad sectors beside the
// bytes and speed, say the count came from the imaging map, and mark the photo that holds some.
import { open, writeFile } from 'node:fs/promises';
import { createReadStream, createWriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectErrors, DESKTOP, hasChromium, shot, skipNote } from './browser';
import { workspaceRoot } from './processes';
import { startRecoverStack, type RecoverStack } from './recover-stack';

const hex = (n: number) => `0x${n.toString(16).toUpperCase().padStart(8, '0')}`;

/** Blocks of a ddrescue map, as text: every byte of [0, size) in order. */
function mapfile(blocks: [number, number, string][]): string {
  const lines = ['# Mapfile. Created by GNU ddrescue version 1.27', '# current_pos  current_status  current_pass', `${hex(0)}     +               1`];
  return `${[...lines, ...blocks.map(([pos, len, status]) => `${hex(pos)}  ${hex(len)}  ${status}`)].join('\n')}\n`;
}

describe.skipIf(!hasChromium)(`bad sectors on the scan page${skipNote}`, () => {
  let stack: RecoverStack;

  beforeAll(async () => {
    stack = await startRecoverStack('web-bad-sectors');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('shows the bad sectors of an imaged card, from its map, and the photo that holds some', async () => {
    // Where the deleted photos lie: the agent's own scan of the demo card.
    const demo = await stack.trpc.scans.start.mutate({ sourceId: 'demo-card' });
    await expect.poll(async () => (await stack.trpc.scans.get.query({ scanId: demo.id })).status, { timeout: 60_000 }).toBe('done');
    const victim = (await stack.trpc.scans.findings.query({ scanId: demo.id })).find((f) => f.byteRuns.length === 1 && f.size > 8192)!;

    const image = join(stack.tmp, 'card.img');
    await pipeline(createReadStream(resolve(workspaceRoot, 'fixtures/demo-card/demo-card.img.gz')), createGunzip(), createWriteStream(image));
    const file = await open(image, 'r+');
    const size = (await file.stat()).size;
    const inside = Math.ceil(victim.byteRuns[0]!.offset / 512) * 512 + 4096;
    const free = size - 64 * 512;
    const blocks: [number, number, string][] = [
      [0, inside, '+'],
      [inside, 1024, '-'],
      [inside + 1024, free - inside - 1024, '+'],
      [free, 2560, '-'],
      [free + 2560, size - free - 2560, '+'],
    ];
    for (const [pos, len, status] of blocks) if (status === '-') await file.write(Buffer.alloc(len), 0, len, pos);
    await file.close();
    await writeFile(`${image}.map`, mapfile(blocks));

    const source = await stack.trpc.sources.addImage.mutate({ path: image });
    const scan = await stack.trpc.scans.start.mutate({ sourceId: source.id });
    expect(scan.progress.badSectors).toBe(7);

    const page = await stack.browser.newPage({ viewport: DESKTOP });
    const errors = collectErrors(page);
    await page.goto(`${stack.web.url}/scans/${scan.id}`);
    await page.locator('[data-testid=scan-progress][data-phase=done]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('stat-bad-sectors').textContent()).toBe('7');
    expect(await page.getByTestId('scan-status').textContent()).toContain('7 bad sectors');
    const sentence = await page.getByTestId('scan-read-health').textContent();
    expect(sentence).toContain('7 sectors could not be read from the device when it was imaged: the count comes from the imaging map.');
    // An image is the copy already: no offer to image it.
    expect(await page.getByTestId('image-first').count()).toBe(0);

    const damaged = page.locator('[data-testid=finding-card]:not([data-validation=complete])');
    await expect.poll(() => page.getByTestId('finding-card').count()).toBe(7);
    const states = await page.getByTestId('finding-card').evaluateAll((els) => els.map((el) => el.getAttribute('data-validation')));
    expect(states.filter((s) => s !== 'complete')).toHaveLength(1);
    const title = await damaged.locator('[data-testid=finding-validation]').getAttribute('title');
    expect(title).toMatch(/could not be read from the device when it was imaged; they are zeros in the image/);
    await shot(page, 'scan-bad-sectors.png');
    expect(errors).toEqual([]);
  });
});
