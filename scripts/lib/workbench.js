// Driving code-server's workbench from Playwright the way a person does; shared by the UI checks.
'use strict';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Opens the command palette (F1) or Quick Open (Control+P), types `query`, and accepts the row
// whose label contains `rowText`. Retries while the workbench is still loading its contributions.
async function pick(page, { key, query, rowText, timeoutMs = 20_000 }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.keyboard.press(key);
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.type(query);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: rowText }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: 3_000 });
      await page.keyboard.press('Enter');
      return;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) {
        throw new Error(`"${rowText}" not found after ${key} + "${query}"`);
      }
      await sleep(1000);
    }
  }
}

module.exports = { sleep, pick };
