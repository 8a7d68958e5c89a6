// Drives the built explorer in headless Chromium: load, find the device, pick a cell, and fail
// on any console error, page error, failed request, or request leaving this machine.
// Usage: node site.mjs URL OUT_DIR
import { chromium } from 'playwright-core';

const [url, outDir] = process.argv.slice(2);
const problems = [];
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--enable-unsafe-webgpu', '--disable-dev-shm-usage', '--disable-background-networking',
         '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('request', (r) => { if (!r.url().startsWith(new URL(url).origin)) problems.push(`request left the site: ${r.url()}`); });

  const start = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('#arch')?.value?.startsWith('|'), null, { timeout: 60000 });
  const interactiveMs = Date.now() - start;
  await page.waitForFunction(() => !document.querySelector('#device')?.textContent?.includes('detecting'), null, { timeout: 60000 });
  const device = await page.textContent('#device');

  await page.fill('#index', '0');
  await page.press('#index', 'Enter');
  await page.waitForFunction(() => document.querySelector('#arch').value.startsWith('|avg_pool_3x3~0|'), null, { timeout: 10000 });
  const accuracy = await page.textContent('#accuracy');
  if (!accuracy.includes('CIFAR-100')) problems.push(`accuracy table incomplete: ${accuracy}`);
  await page.selectOption('#edge-3', 'nor_conv_3x3');
  await page.waitForFunction(() => document.querySelector('#arch').value.includes('|nor_conv_3x3~0|skip_connect~1|skip_connect~2|'), null, { timeout: 10000 });
  await page.screenshot({ path: `${outDir}/build.png`, fullPage: true });

  console.log(JSON.stringify({ url, interactive_ms: interactiveMs, device }));
  if (!device.startsWith('WebGPU: ')) problems.push(`expected a WebGPU adapter with --enable-unsafe-webgpu, got: ${device}`);
} catch (e) {
  problems.push(`step failed: ${e.message}`);
} finally {
  await browser.close();
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('site test passed');
