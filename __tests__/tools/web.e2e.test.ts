/**
 * The web page in a real browser (Debian's chromium through playwright-core),
 * as a first-time user goes: load the Los Angeles sample by the file pickers,
 * see the plan, answer one review row, generate, download the zip, and check
 * every file in it against the run's manifest. With BM_SCREENSHOTS=DIR it
 * saves a 1366x768 screenshot of each step there.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import type { BrowserContext, Page } from 'playwright-core';
import { startServer, type Served } from '../../src/server';
import { launchChromium } from './chromium';

const root = path.join(__dirname, '..', '..');
const sample = path.join(root, 'samples', 'los-angeles');
const dir = mkdtempSync(path.join(tmpdir(), 'bm-web-e2e-'));
const shots = process.env.BM_SCREENSHOTS;
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let served: Served;
let browser: BrowserContext;
let page: Page;

async function shot(name: string, fullPage = false): Promise<void> {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage });
}

beforeAll(async () => {
  served = await startServer({ out: path.join(dir, 'out'), work: path.join(dir, 'work'), asOf: '2026-11-26', threads: 1 });
  browser = await launchChromium(path.join(dir, 'profile'));
  page = browser.pages()[0] ?? (await browser.newPage());
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

test('from the LA sample to a downloaded zip that matches the manifest', async () => {
  await page.goto(served.url);
  await shot('00-start');
  // 1. Load: the config and the case list through their pickers.
  await page.getByLabel('Config file (.yaml)').setInputFiles(path.join(sample, 'config.yaml'));
  await page.getByLabel('Case lists (.csv), one or more').setInputFiles(path.join(sample, 'cases.csv'));
  await page.getByText('Planned: 417 rows read').waitFor();
  await page.getByRole('row', { name: /cases\.csv .*gogen/ }).getByText('Read: 417 rows').waitFor();
  await shot('01-load');

  // 2. Check: the plan, the reconciliation, the diagnostics by code.
  await page.getByRole('button', { name: 'Next: check the plan' }).click();
  await expect(page.getByRole('heading', { name: '2. Check the plan' }).isVisible()).resolves.toBe(true);
  const filings = page.getByRole('table', { name: /Planned filings/ });
  await filings.getByRole('row', { name: /Los Angeles County District Attorney felony dismiss and seal 27/ }).waitFor();
  await page.getByText('rows:  417 input = 374 filed').waitFor();
  await shot('02-check');
  await page.getByRole('button', { name: 'BM301', exact: true }).click();
  await page.getByRole('heading', { name: /BM301: 1–5 of 5/ }).waitFor();
  await shot('02b-check-code');

  // 3. Review: line 121's case number is NULL; the court index says BA999121.
  await page.getByRole('button', { name: 'Next: review the rows that need a person' }).click();
  await page.getByText('18 rows still to review').waitFor();
  await shot('03-review');
  await page.getByRole('button', { name: 'Answer for cases.csv line 121' }).click();
  await page.getByLabel('Right case number').fill('BA999121');
  await shot('03b-review-answer');
  await page.getByRole('button', { name: 'Save answer' }).click();
  await page.getByText('17 rows still to review; 1 row answered and applied').waitFor();
  await page.getByText('Filed as case BA999121').waitFor();
  await shot('03c-review-saved');

  // 4. Generate, with the office packets.
  await page.getByRole('button', { name: 'Next: generate the filings' }).click();
  await page.getByLabel(/A packet per office/).check();
  await page.getByRole('button', { name: 'Generate the filings' }).click();
  await page.getByText(/^Done: \d+ documents/).waitFor({ timeout: 240_000 });
  await shot('04-generate');
  await shot('04b-generate-full', true);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download everything (one zip)' }).click()]);
  const zipPath = path.join(dir, 'run.zip');
  await download.saveAs(zipPath);

  // The zip holds exactly the manifest's files, each with the manifest's sha256.
  const entries = unzipSync(readFileSync(zipPath));
  const manifest = JSON.parse(Buffer.from(entries['manifest.json']!).toString('utf8')) as { outputs: Array<{ path: string; sha256: string; kind: string }>; resolutions?: unknown[] };
  expect(Object.keys(entries).sort()).toEqual([...manifest.outputs.map((o) => o.path), 'manifest.json'].sort());
  for (const o of manifest.outputs) expect([o.path, sha256(entries[o.path]!)]).toEqual([o.path, o.sha256]);
  expect(manifest.outputs.filter((o) => o.kind === 'packet').length).toBeGreaterThan(3);
  expect(manifest.resolutions).toHaveLength(1);
  // The answered row is filed: BA999121 is in index.csv.
  expect(Buffer.from(entries['index.csv']!).toString('utf8')).toContain('BA999121');

  // 5. Summary.
  await page.getByRole('button', { name: 'Next: the summary' }).click();
  await page.getByRole('heading', { name: '5. Summary' }).waitFor();
  // The run's summary.html, shown in the page when the run wrote one.
  if ('summary.html' in entries) await page.frameLocator('iframe.summary-frame').locator('body').waitFor();
  await shot('05-summary');
});

test('by keyboard alone: the sample loaded, the plan opened, its heading focused', async () => {
  const other = await startServer({ out: path.join(dir, 'out-keys'), work: path.join(dir, 'work-keys'), asOf: '2026-11-26' });
  const keys = await browser.newPage();
  try {
    await keys.goto(other.url);
    await keys.getByRole('button', { name: 'Load the Los Angeles sample' }).waitFor();
    // Tab to the sample button, as someone without a mouse would.
    for (let i = 0; i < 30 && (await keys.evaluate('document.activeElement?.textContent')) !== 'Load the Los Angeles sample'; i++) await keys.keyboard.press('Tab');
    await keys.keyboard.press('Enter');
    await keys.getByText('Planned: 417 rows read').waitFor();
    for (let i = 0; i < 30 && (await keys.evaluate('document.activeElement?.textContent')) !== 'Next: check the plan'; i++) await keys.keyboard.press('Tab');
    await keys.keyboard.press('Enter');
    expect(await keys.evaluate('document.activeElement?.id')).toBe('h-check');
    // Every form control on the page has a label.
    // (Strings evaluated in the page: the tests are compiled without the DOM's types.)
    const unlabelled = await keys.evaluate(`[...document.querySelectorAll('input, select, button')].filter((el) => !el.innerText?.trim() && !el.getAttribute('aria-label') && !el.labels?.length).length`);
    expect(unlabelled).toBe(0);
  } finally {
    await keys.close();
    await other.close();
  }
});
