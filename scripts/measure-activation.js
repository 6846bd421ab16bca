// `node scripts/measure-activation.js [runs]`: the extension's activation time as VS Code reports it
// (Developer: Show Running Extensions) in code-server's workbench, each run on a fresh profile.
// VS Code's figure is code loading + the activate call, and its code loading awaits before it
// requires the file: the work of extensions activating in the same turn lands in the figure too.
// It measures the production build, as the .vsix ships it, and puts the development build back after.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { REPO } = require('./lib/setup');
const { startCodeServer, launchBrowser, workbenchUrl, remoteUri } = require('./lib/codeServer');
const { pick, sleep } = require('./lib/workbench');

const RUNS = Number(process.argv[2] ?? 3);
const SETTINGS = { 'workbench.startupEditor': 'none', 'workbench.secondarySideBar.defaultVisibility': 'hidden' };

/** The Running Extensions row of D.run, as text, once it shows an activation time. */
async function runningExtensionsRow(page) {
  for (let attempt = 0; attempt < 8; attempt++) {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.type('Show Running Extensions');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Running Extensions' }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: 3_000 });
      await page.keyboard.press('Enter');
      const drun = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'drun.drun-vscode' }).first();
      await drun.waitFor({ state: 'visible', timeout: 5_000 });
      const text = (await drun.innerText()).replace(/\s+/g, ' ');
      if (/\d+\s*ms/.test(text)) {
        return text;
      }
    } catch (error) {
      if (process.env.DRUN_ACTIVATION_DEBUG) {
        console.error(error.message, (await page.locator('.editor-instance').first().innerText().catch(() => '')).slice(0, 2000));
      }
      await page.keyboard.press('Escape');
    }
    await sleep(1000);
  }
  throw new Error('D.run never showed an activation time in Running Extensions');
}

/**
 * VS Code's split of D.run's activation, from Developer: Startup Performance: the code loading, the
 * activate call (what our code runs before it returns) and the time until its promise resolved.
 */
async function activationSplit(page) {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('Escape');
      await page.locator('.statusbar').click(); // focus out of the list, which keeps F1 to itself while it loads
      await pick(page, { key: 'F1', query: 'Developer: Startup Performance', rowText: 'Startup Performance' });
      break;
    } catch (error) {
      if (attempt === 3) {
        throw error;
      }
    }
  }
  await page.locator('.tab.active', { hasText: 'Startup Performance' }).waitFor({ timeout: 30_000 });
  await page.locator('.editor-instance .view-lines').first().click();
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.keyboard.press('Control+F');
    await page.keyboard.type('drun.drun-vscode');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    const lines = await page.locator('.editor-instance .view-lines .view-line').allTextContents();
    const row = lines.map((line) => line.replace(/\s+/g, '')).find((line) => line.startsWith('|drun.drun-vscode|'));
    if (row) {
      const [, , , loadCode, callActivate, finishActivate] = row.split('|'); // | id | eager | load | call | finish |
      return { loadCode: Number(loadCode), callActivate: Number(callActivate), finishActivate: Number(finishActivate) };
    }
    await sleep(1000);
  }
  throw new Error('Startup Performance has no row for D.run');
}

async function measureOnce(run) {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'drun-activation-'));
  fs.cpSync(path.join(REPO, 'test', 'host', 'workspace'), workspace, { recursive: true });
  const server = await startCodeServer({ workspace, label: `activation-${run}`, settings: SETTINGS });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const payload = [['extensionDevelopmentPath', remoteUri(server, REPO)], ['skipWelcome', 'true']];
    await page.goto(workbenchUrl(server, { folder: workspace, payload }));
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    const rows = page.locator('.runtime-extensions-editor .monaco-list-row');
    const text = await runningExtensionsRow(page);
    const others = [];
    for (const row of await rows.all()) {
      others.push((await row.innerText()).replace(/\s+/g, ' '));
    }
    return { text, others, split: await activationSplit(page) };
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

const activationMs = (row) => Number(/Activation: (\d+)\s*ms/.exec(row)?.[1]);

const build = (...flags) => execFileSync(process.execPath, ['esbuild.js', ...flags], { cwd: REPO, stdio: 'inherit' });

async function main() {
  build('--production');
  try {
    await measure();
  } finally {
    build();
  }
}

async function measure() {
  const ours = [];
  for (let run = 1; run <= RUNS; run++) {
    const { text, others, split } = await measureOnce(run);
    const builtIns = others.filter((row) => !row.includes('drun.drun-vscode')).map(activationMs).filter(Number.isFinite).sort((a, b) => a - b);
    ours.push(activationMs(text));
    console.log(`run ${run}: D.run ${activationMs(text)} ms; the ${builtIns.length} built-ins beside it ${builtIns[0]}–${builtIns.at(-1)} ms (median ${builtIns[Math.floor(builtIns.length / 2)]} ms)`);
    console.log(`       of it: load code ${split.loadCode} ms, call activate ${split.callActivate} ms; features registered ${split.finishActivate} ms after the call`);
    if (process.env.DRUN_ACTIVATION_ALL) {
      others.forEach((row) => console.log(`    ${row}`));
    }
  }
  ours.sort((a, b) => a - b);
  console.log(`D.run activation (production build) over ${RUNS} fresh profiles: ${ours.join(', ')} ms (median ${ours[Math.floor(ours.length / 2)]} ms)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
