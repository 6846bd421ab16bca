// What a new user meets first, as package.json declares it: the walkthrough, the view's title,
// and the files the README and the walkthrough show.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGE_MODELS_CONTEXT_KEYS } from '../../../src/core/languageModels/vscodeChat';
import { COMMAND_IDS, INTERNAL_COMMAND_IDS } from '../../../src/core/platform/commandIds';
import { SETTINGS } from '../../../src/core/platform/settings';

const repo = join(__dirname, '..', '..', '..', '..');
const read = (file: string) => readFileSync(join(repo, file), 'utf8');
const manifest = JSON.parse(read('package.json'));
const nls: Record<string, string> = JSON.parse(read('package.nls.json'));
const nlsZh: Record<string, string> = JSON.parse(read('package.nls.zh-cn.json'));

interface Step {
  id: string;
  description: string;
  media: { image?: string | Record<string, string> };
  completionEvents?: string[];
  when?: string;
}

/**
 * The workbench shows view titles with `text-transform: capitalize`: Chromium upper-cases a letter
 * after a space or an ASCII "." or ":" ("D.run" becomes "D.Run"), not after U+2024 (checked in its Chromium).
 */
function capitalized(text: string): string {
  return text.replace(/(^|[\s.:])(\p{Ll})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

function resolve(value: string, strings: Record<string, string>): string {
  return value.replace(/^%(.+)%$/, (_, key: string) => strings[key]);
}

/** The files `vsce package` puts in the .vsix, from .vscodeignore. */
async function packagedFiles(): Promise<Set<string>> {
  const vsce = (await import('@vscode/vsce')) as { listFiles(options: { cwd: string; dependencies: boolean }): Promise<string[]> };
  return new Set(await vsce.listFiles({ cwd: repo, dependencies: false }));
}

describe('first hour: walkthrough', function () {
  this.timeout(30_000);
  let packaged: Set<string>;
  before(async () => {
    packaged = await packagedFiles();
  });
  const walkthroughs: { id: string; steps: Step[] }[] = manifest.contributes.walkthroughs ?? [];
  const steps = walkthroughs.flatMap((walkthrough) => walkthrough.steps);

  it('has the five steps of the first hour, in order, then VS Code\'s chat', () => {
    assert.deepEqual(
      steps.map((step) => step.id),
      ['setKey', 'chooseMode', 'pickModel', 'explainSelection', 'inlineCompletion', 'vscodeChat'],
    );
  });

  it('shows the VS Code chat step only where the editor has the provider API, done once its chat is set up', () => {
    const step = steps.find((candidate) => candidate.id === 'vscodeChat');
    assert.equal(step?.when, LANGUAGE_MODELS_CONTEXT_KEYS.available);
    assert.deepEqual(step?.completionEvents, [`onContext:${LANGUAGE_MODELS_CONTEXT_KEYS.chatReady}`]);
  });

  it('gives each step its own completion event, naming a real command, setting or context key', () => {
    const commands = new Set<string>([...Object.values(COMMAND_IDS), ...Object.values(INTERNAL_COMMAND_IDS)]);
    const settings = new Set(Object.values(SETTINGS).map((spec) => `drun.${spec.key}`));
    const contextKeys = new Set<string>(Object.values(LANGUAGE_MODELS_CONTEXT_KEYS));
    const seen = new Set<string>();
    for (const step of steps) {
      assert.ok(step.completionEvents?.length, `${step.id} has no completion event, so it only completes on a click`);
      for (const event of step.completionEvents!) {
        assert.ok(!seen.has(event), `${event} completes two steps`);
        seen.add(event);
        const [kind, target] = event.split(/:(.*)/);
        if (kind === 'onCommand') {
          assert.ok(commands.has(target), `${step.id}: ${target} is not a command`);
        } else if (kind === 'onContext') {
          assert.ok(contextKeys.has(target), `${step.id}: ${target} is not a context key the extension sets`);
        } else {
          assert.equal(kind, 'onSettingChanged', `${step.id}: ${event}`);
          assert.ok(settings.has(target), `${step.id}: ${target} is not a setting`);
        }
      }
    }
  });

  it('offers buttons only for real commands, and has both languages', () => {
    const commands = new Set<string>(Object.values(COMMAND_IDS));
    for (const step of steps) {
      for (const strings of [nls, nlsZh]) {
        const text = resolve(step.description, strings);
        assert.ok(text, `${step.id} has no description`);
        for (const [, command] of text.matchAll(/\(command:([\w.]+)\)/g)) {
          assert.ok(commands.has(command), `${step.id} links to ${command}`);
        }
      }
    }
  });

  it('shows images that exist and are packaged', () => {
    for (const step of steps) {
      const image = step.media.image;
      const files = typeof image === 'string' ? [image] : Object.values(image ?? {});
      for (const file of files) {
        assert.ok(existsSync(join(repo, file)), `${step.id}: ${file} is missing`);
        assert.ok(packaged.has(file), `${step.id}: ${file} is left out of the .vsix`);
      }
    }
  });
});

describe('first hour: the view and the package', function () {
  this.timeout(30_000);
  it('the side bar title reads "D.run" in both languages, after the workbench capitalises it', () => {
    const [container] = manifest.contributes.viewsContainers.activitybar;
    const [view] = manifest.contributes.views[container.id];
    for (const strings of [nls, nlsZh]) {
      // One view in a container shows one title when both names agree, else "container: view".
      assert.equal(resolve(view.name, strings), resolve(container.title, strings));
      assert.equal(capitalized(resolve(view.name, strings)).replace('\u2024', '.'), 'D.run');
    }
  });

  it('ships every image the README shows', async () => {
    const images = [...read('README.md').matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((match) => match[1]);
    assert.ok(images.length > 0, 'the README shows screenshots');
    const packaged = await packagedFiles();
    for (const image of images) {
      assert.ok(existsSync(join(repo, image)), `${image} is missing`);
      assert.ok(packaged.has(image), `${image} is left out of the .vsix, so the installed extension's page shows it broken`);
    }
  });
});
