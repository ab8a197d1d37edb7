/**
 * npm run bench:web [-- 66000]
 *
 * The web page at Los Angeles scale, in Debian's chromium (playwright-core):
 * a synthetic list of N cases loaded through the file picker, then the time to
 * the plan on screen, the Check step drawn, the first page of the review
 * table, paging, sorting, filtering and searching it, scrolling the page, the
 * DOM's size, and generate from the page. Timing lives here, never in a test.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { startServer } from '../src/server';

const root = path.join(__dirname, '..', '..');
const now = () => Number(process.hrtime.bigint() / 1_000_000n);

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 66000);
  const data = path.join(root, 'bench', 'data');
  mkdirSync(data, { recursive: true });
  const file = path.join(data, `la-${n}.csv`);
  if (!existsSync(file)) execFileSync(process.execPath, [path.join(root, 'dist', 'samples', 'main.js'), '--cases', String(n), '--seed', '7', '--out', file], { stdio: 'ignore' });
  const dir = mkdtempSync(path.join(tmpdir(), 'bm-web-bench-'));
  const served = await startServer({ out: path.join(dir, 'out'), work: path.join(dir, 'work'), asOf: '2026-11-26', assets: path.join(root, 'dist', 'web') });
  const browser = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1366, height: 768 },
    // The bench's string predicates are evaluated in the page, which the page's own policy forbids.
    bypassCSP: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-precise-memory-info'],
  });
  try {
    await steps(n, file, served.url, browser);
  } finally {
    await browser.close();
    await served.close();
  }
}

async function steps(n: number, file: string, url: string, browser: BrowserContext): Promise<void> {
  const page = browser.pages()[0] ?? (await browser.newPage());
  const results: Array<[string, string]> = [];
  const record = (what: string, value: string) => {
    results.push([what, value]);
    process.stdout.write(`${what}: ${value}\n`);
  };
  const timed = async (what: string, fn: () => Promise<unknown>) => {
    const t0 = now();
    await fn();
    record(what, `${now() - t0} ms`);
  };
  await page.goto(url);
  await page.getByLabel('Config file (.yaml)').setInputFiles(path.join(root, 'samples', 'los-angeles', 'config.yaml'));
  await timed(`load ${n.toLocaleString('en-US')} cases (${(require('node:fs').statSync(file).size / 1e6).toFixed(1)} MB) by the file picker, to the plan on screen`, async () => {
    await page.getByLabel('Case lists (.csv), one or more').setInputFiles(file);
    await page.getByText(/^Planned: /).waitFor({ timeout: 300_000 });
  });
  await timed('Check step drawn (numbers, filings, diagnostics)', async () => {
    await page.getByRole('button', { name: 'Next: check the plan' }).click();
    await page.getByRole('table', { name: /Planned filings/ }).waitFor();
  });
  await timed('review table, first page of 50 rows', async () => {
    await page.getByRole('button', { name: 'Next: review the rows that need a person' }).click();
    await page.locator('#review-table tbody tr').first().waitFor();
  });
  const total = await page.locator('.pager .where').first().textContent();
  record('review rows', total ?? '');
  // In the page (a string: this program is compiled without the DOM's types).
  const scroll = (await page.evaluate(`(async () => {
    const frames = [];
    let t = performance.now();
    for (let y = 0; y < document.body.scrollHeight; y += 120) {
      window.scrollTo(0, y);
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      const n2 = performance.now();
      frames.push(n2 - t);
      t = n2;
    }
    return { frames: frames.length, worst: Math.max(...frames), mean: frames.reduce((a, b) => a + b, 0) / frames.length };
  })()`)) as { frames: number; worst: number; mean: number };
  record('scroll the review step (first page, 50 rows) top to bottom, 120 px a frame', `${scroll.frames} frames, mean ${scroll.mean.toFixed(1)} ms, worst ${scroll.worst.toFixed(1)} ms`);
  const dom = (await page.evaluate(`({ nodes: document.getElementsByTagName('*').length, rows: document.querySelectorAll('#review-table tbody tr').length, heap: performance.memory?.usedJSHeapSize ?? 0 })`)) as { nodes: number; rows: number; heap: number };
  record('DOM on the review step', `${dom.nodes} elements, ${dom.rows} table rows, JS heap ${(dom.heap / 1e6).toFixed(1)} MB`);
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const before = await page.locator('#review-table tbody th').first().textContent();
    const t0 = now();
    await page.getByRole('button', { name: 'Next' }).first().click();
    await page.waitForFunction(`document.querySelector('#review-table tbody th')?.textContent !== ${JSON.stringify(before)}`);
    times.push(now() - t0);
  }
  times.sort((a, b) => a - b);
  record('next page (20 pages): median / worst', `${times[10]} ms / ${times[19]} ms`);
  const last = now();
  await page.getByRole('button', { name: 'Last' }).first().click();
  await page.waitForFunction(`document.querySelector('.pager button:last-child')?.hasAttribute('disabled') && document.querySelector('#review-table tbody th') !== null`);
  record('last page', `${now() - last} ms`);
  await timed('sort by code (descending)', async () => {
    await page.getByRole('button', { name: /^Code/ }).click();
    await page.locator('th[aria-sort]').filter({ hasText: 'Code' }).waitFor();
    await page.getByRole('button', { name: /^Code/ }).click();
    await page.locator('th[aria-sort="descending"]').waitFor();
  });
  await timed('filter by one code', async () => {
    const code = await page.locator('#f-code option').nth(1).getAttribute('value');
    await page.getByLabel('Code', { exact: true }).selectOption(code!);
    await page.waitForFunction(`[...document.querySelectorAll('#review-table tbody tr:not(.details) td:nth-child(2)')].every((td) => td.textContent === ${JSON.stringify(code)})`);
  });
  await timed('search every column for "11359" (typed, 250 ms pause included)', async () => {
    await page.getByLabel('Code', { exact: true }).selectOption('');
    await page.getByLabel('Find (any column)').fill('11359');
    await page.waitForFunction(`[...document.querySelectorAll('#review-table tbody tr:not(.details)')].every((tr) => tr.textContent.includes('11359'))`);
  });
  record('rows found', (await page.locator('.pager .where').first().textContent()) ?? '');
  await timed('answer one row (exclude it) and save: answers.csv written, the plan made again and shown', async () => {
    // A row of a case of its own (a missing case number), so excluding it alone is a whole answer.
    await page.getByLabel('Find (any column)').fill('');
    await page.getByLabel('Code', { exact: true }).selectOption('BM301');
    await page.waitForFunction(`[...document.querySelectorAll('#review-table tbody tr:not(.details) td:nth-child(2)')].every((td) => td.textContent === 'BM301')`);
    await page.locator('#review-table tbody button', { hasText: 'Answer' }).first().click();
    await page.getByLabel('Decision').selectOption('exclude');
    await page.getByRole('button', { name: 'Save answer' }).click();
    await page.locator('#review-table').getByText(/^Saved/).waitFor({ timeout: 120_000 });
  });
  record('after the answer', (await page.getByText(/still to review/).first().textContent()) ?? '');
  const shots = process.env.BM_SCREENSHOTS;
  if (shots) await page.screenshot({ path: path.join(shots, `bench-${n}-review.png`) });
  await timed('generate from the page (DOCX and PDF), to the documents listed', async () => {
    await page.getByRole('button', { name: 'Next: generate the filings' }).click();
    await page.getByRole('button', { name: 'Generate the filings' }).click();
    if (shots) {
      await page.getByText(/^Rendering: [1-9]/).waitFor({ timeout: 120_000 });
      await page.screenshot({ path: path.join(shots, `bench-${n}-generating.png`) });
    }
    await page.getByText(/^Done: \d+ documents/).waitFor({ timeout: 600_000 });
  });
  record('server process peak RSS', `${Math.round(process.resourceUsage().maxRSS / 1024)} MB (server and bench in one process)`);
  process.stdout.write('\n| step | time |\n|---|---|\n' + results.map(([a, b]) => `| ${a} | ${b} |`).join('\n') + '\n');
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
