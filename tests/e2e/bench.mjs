// Web speed benchmark (not part of CI): page interactive time (median of 5 loads), redraw of the
// Compare scatter over 15,625 FreeREA points (median of 9 redraws), and the time to score one
// cell with every proxy in the worker on WebGPU and on the wasm CPU.
// Usage: node bench.mjs URL BATCH   (prints one JSON line)
import { chromium } from 'playwright-core';

const [url, batchArg] = process.argv.slice(2);
const batch = batchArg || '8';
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--enable-unsafe-webgpu', '--disable-dev-shm-usage', '--disable-background-networking',
         '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'],
});
const out = { url, batch: Number(batch) };
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
  const loads = [];
  for (let k = 0; k < 5; k++) {
    const t0 = Date.now();
    await page.goto(url);
    await page.waitForFunction(() => document.querySelector('#arch')?.value?.startsWith('|'), null, { timeout: 60000 });
    loads.push(Date.now() - t0);
  }
  out.interactive_ms = { median: median(loads), all: loads };

  await page.click('#nav-compare');
  await page.waitForSelector('#compare-table tbody tr[data-proxy="nwot"]', { timeout: 60000 });
  const redraws = [];
  for (const p of ['synflow', 'logsynflow', 'params', 'nwot', 'synflow', 'logsynflow', 'params', 'nwot', 'synflow']) {
    const before = await page.getAttribute('#compare-scatter', 'data-redraw-ms');
    await page.selectOption('#compare-proxy', p);
    await page.waitForFunction((b) => document.querySelector('#compare-scatter').getAttribute('data-redraw-ms') !== b, before, { timeout: 10000 }).catch(() => {});
    redraws.push(Number(await page.getAttribute('#compare-scatter', 'data-redraw-ms')));
  }
  out.scatter_redraw_15625_ms = { median: median(redraws), all: redraws };

  out.score_all_proxies_one_cell = [];
  for (const device of ['cpu', 'gpu']) {
    await page.goto(new URL(`?page=score&batch=${batch}&device=${device}`, url).href);
    await page.waitForSelector('#score-run', { timeout: 60000 });
    await page.click('#score-clear');
    const n = await page.$$eval('#score-results tr[data-proxy]', (r) => r.length);
    const t0 = Date.now();
    await page.click('#score-run');
    await page.waitForFunction((n) => document.querySelectorAll('#score-results tr[data-state="done"], #score-results tr[data-state="failed"]').length === n, n, { timeout: 1800000 });
    const failed = await page.$$eval('#score-results tr[data-state="failed"]', (r) => r.map((x) => x.dataset.proxy));
    out.score_all_proxies_one_cell.push({ device, proxies: n, ms: Date.now() - t0, failed, used: await page.textContent('#score-device-used') });
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
