// Suite index run inside the extension host (code-server via scripts/run-host-tests.js, or
// @vscode/test-electron via test/run-electron.js): runs every *.test.js next to this file.
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import Mocha from 'mocha';

/**
 * A file named *.last.test.js changes the window for every test after it (it enables VS Code's own chat
 * extension, which then runs in this extension host): it runs after all the others.
 */
const RUNS_LAST = '.last.test.js';

function findTestFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        return findTestFiles(full);
      }
      return entry.isFile() && entry.name.endsWith('.test.js') ? [full] : [];
    })
    .sort();
}

// scripts/run-host-tests.js receives our console output mixed with the workbench's own log; it
// sets this tag to show only mocha's report. (The extension host's console methods cannot be
// replaced, so only the reporter's lines are tagged.)
function tagReporterOutput(tag: string): void {
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(tag + util.format(...args));
}

export function run(): Promise<void> {
  const tag = process.env.DRUN_HOST_TEST_LOG_TAG;
  if (tag) {
    tagReporterOutput(tag);
  }
  const mocha = new Mocha({ ui: 'bdd', timeout: 20000, color: false, reporter: 'spec' });
  const grep = process.env.DRUN_HOST_TEST_GREP;
  if (grep) {
    mocha.grep(grep);
  }
  const files = findTestFiles(__dirname);
  for (const file of [...files.filter((name) => !name.endsWith(RUNS_LAST)), ...files.filter((name) => name.endsWith(RUNS_LAST))]) {
    mocha.addFile(file);
  }
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) =>
        failures > 0 ? reject(new Error(`${failures} host test(s) failed.`)) : resolve()
      );
    } catch (error) {
      reject(error);
    }
  });
}
