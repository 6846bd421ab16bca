// Screenshots of the chat view at the default side-bar width, for docs/screenshots: the answer to
// Explain Selection, the model picker, the History and Usage drawers and the status-bar menu, in a
// dark and a light theme. Build first: `node esbuild.js && npx tsc -p .`.
//   node scripts/screenshots.js [en|zh-cn ...]
// In zh-cn, VS Code's own texts stay English (no language pack here); the extension's are Chinese.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { REPO } = require('./lib/setup');
const { startCodeServer, startFakeDrunServer, launchBrowser, workbenchUrl, remoteUri } = require('./lib/codeServer');
const { pick, sleep } = require('./lib/workbench');

const API_KEY = 'screenshot-key';
const OUT_DIR = path.join(REPO, 'docs', 'screenshots');
const WORKSPACE_TEMPLATE = path.join(REPO, 'test', 'host', 'workspace');
/** The activity bar and a side bar of VS Code's default width (about 300 px). */
const CLIP = { x: 0, y: 0, width: 360, height: 900 };
const THEMES = { dark: 'Default Dark Modern', light: 'Default Light Modern' };

async function chatFrame(page) {
  for (let attempt = 0; attempt < 120; attempt++) {
    for (const frame of page.frames()) {
      if (await frame.evaluate("!!document.querySelector('.drun-transcript')").catch(() => false)) {
        return frame;
      }
    }
    await sleep(250);
  }
  throw new Error('no chat view');
}

async function shoot(page, name) {
  await sleep(600);
  const file = path.join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path: file, clip: CLIP });
  console.log(`screenshots: ${path.relative(REPO, file)}`);
}

async function run(locale, theme) {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'drun-screenshots-'));
  fs.cpSync(WORKSPACE_TEMPLATE, workspace, { recursive: true });
  const fake = await startFakeDrunServer({ key: API_KEY });
  const server = await startCodeServer({
    workspace,
    label: `screenshots-${locale}-${theme}`,
    locale,
    env: { DRUN_STAND_IN_URL: fake.url, DRUN_API_KEY: API_KEY },
    settings: { 'workbench.colorTheme': THEMES[theme], 'workbench.startupEditor': 'none', 'workbench.secondarySideBar.defaultVisibility': 'hidden' },
  });
  const browser = await launchBrowser();
  const tag = `${theme}-${locale === 'en' ? 'en' : 'zh'}`;
  try {
    // A Chinese user's browser says zh-CN, and the view's dates and numbers follow it.
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, locale: locale === 'en' ? 'en-US' : 'zh-CN' });
    await page.goto(workbenchUrl(server, { folder: workspace, payload: [['extensionDevelopmentPath', remoteUri(server, REPO)], ['skipWelcome', 'true']] }));
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    await sleep(3000);
    await page.keyboard.press('Control+P');
    await page.keyboard.type('sample.py');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'sample.py' }).first().waitFor({ timeout: 20_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: 'sample.py' }).waitFor({ timeout: 15_000 });
    await page.locator('.editor-instance .view-lines').first().click();
    await page.keyboard.press('Control+A');
    const explain = locale === 'en' ? 'Explain Selection' : '解释所选代码';
    await pick(page, { key: 'F1', query: `D.run: ${explain}`, rowText: explain });
    const frame = await chatFrame(page);
    await frame.locator('.drun-code-button').first().waitFor({ timeout: 30_000 });
    await shoot(page, `explain-${tag}`);

    await frame.locator('.drun-model').first().click();
    await frame.locator('.drun-model-option').first().waitFor({ timeout: 15_000 });
    await shoot(page, `picker-${tag}`);
    await frame.locator('.drun-panel-title button').first().click();

    for (const name of ['history', 'usage']) {
      await frame.locator(`.drun-show-${name}`).click();
      await frame.locator('.drun-panel:not([hidden])').waitFor({ timeout: 10_000 });
      await shoot(page, `${name}-${tag}`);
      await frame.locator('.drun-panel-title button').first().click();
    }

    await page.locator('.statusbar-item', { hasText: 'D.run' }).first().click();
    await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ timeout: 10_000 });
    await sleep(600); // the quick pick fades in
    await page.screenshot({ path: path.join(OUT_DIR, `menu-${tag}.png`), clip: { x: 300, y: 0, width: 600, height: 340 } });
    console.log(`screenshots: docs/screenshots/menu-${tag}.png`);
  } catch (error) {
    await browser.contexts()[0]?.pages()[0]?.screenshot({ path: path.join(os.tmpdir(), 'drun-screenshots-failed.png') });
    throw error;
  } finally {
    await browser.close().catch(() => {});
    await server.stop({ keepFiles: false });
    fake.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

async function main() {
  const locales = process.argv.slice(2).length ? process.argv.slice(2) : ['en'];
  for (const locale of locales) {
    for (const theme of ['dark', 'light']) {
      await run(locale, theme);
    }
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`screenshots: ${error.stack || error}`);
    process.exit(1);
  },
);
