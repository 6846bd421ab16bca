import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_IDS, INTERNAL_COMMAND_IDS } from '../../../../src/core/platform/commandIds';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', '..', 'package.json'), 'utf8'));

describe('command ids', () => {
  it('are exactly the commands package.json contributes', () => {
    const contributed: string[] = manifest.contributes.commands.map((command: { command: string }) => command.command);
    assert.deepEqual([...contributed].sort(), Object.values(COMMAND_IDS).sort());
  });

  it('name only contributed commands in menus and keybindings', () => {
    const known = new Set<string>(Object.values(COMMAND_IDS));
    const menuEntries = Object.values(manifest.contributes.menus as Record<string, { command: string }[]>).flat();
    const referenced = [...menuEntries, ...manifest.contributes.keybindings].map((entry: { command: string }) => entry.command);
    assert.deepEqual(referenced.filter((id) => !known.has(id)), []);
  });

  it('keep internal commands out of the palette', () => {
    const contributed = new Set(manifest.contributes.commands.map((command: { command: string }) => command.command));
    assert.deepEqual(Object.values(INTERNAL_COMMAND_IDS).filter((id) => contributed.has(id)), []);
  });
});
