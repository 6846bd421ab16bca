// The drawers at VS Code's default side-bar width (about 300 px): nothing clipped, no number broken
// across lines, and the picker's title with its Close button in sight while the list scrolls.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openView, send, settle, useChromiumView } from './harness';
import { STRINGS } from './viewStrings';
import { config } from './viewFixtures';

describe('chat drawers in a 300 px side bar (Chromium)', function () {
  this.timeout(60_000);

  const view = useChromiumView();
  beforeEach(async () => {
    await view.reopen({ viewport: { width: 300, height: 600 } });
    await openView(view.page, view.server);
    await send(view.page, config());
    await settle(view.page);
  });

  it('the usage table fits: no sideways scrolling, each date and count on one line', async () => {
    await view.page.getByRole('button', { name: STRINGS.usageButton }).click();
    await send(view.page, {
      type: 'usageSummary',
      days: [{ day: '2026-11-26', requests: 1234, promptTokens: 1_234_567, completionTokens: 89_012, totalTokens: 1_323_579, costCny: 12.3456, unpricedRequests: 0, perTokenTokens: 1_323_579, estimatedRequests: 0 }],
    });
    await settle(view.page);
    // Lines a text occupies: one client rect per line box.
    const layout = await view.page.evaluate<{ overflow: number; tableRight: number; panelRight: number; broken: string[] }>(`(() => {
      const panel = document.querySelector('.drun-panel:not([hidden])');
      const table = panel.querySelector('.drun-usage-table');
      const lines = (cell) => { const range = document.createRange(); range.selectNodeContents(cell); return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size; };
      return {
        overflow: panel.scrollWidth - panel.clientWidth,
        tableRight: table.getBoundingClientRect().right,
        panelRight: panel.getBoundingClientRect().right,
        broken: [...table.querySelectorAll('tbody th, tbody td:nth-child(2), .drun-number')].filter((cell) => lines(cell) > 1).map((cell) => cell.textContent),
      };
    })()`);
    assert.equal(layout.overflow, 0, 'the drawer scrolls sideways');
    assert.ok(layout.tableRight <= layout.panelRight, 'the table is clipped on the right');
    assert.deepEqual(layout.broken, []);
  });

  it('in Chinese each usage heading keeps its words whole: no line holds a lone character (请/求/数)', async () => {
    const zh = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
    const usageColumns = zh['Day|Requests|Tokens (prompt + completion)|Cost (MaaS)'];
    assert.ok(usageColumns, 'the Chinese bundle has the usage headings');
    await send(view.page, { type: 'config', config: { model: 'public/deepseek-r1', endpointLabel: 'chat.d.run', hasApiKey: true, strings: { ...STRINGS, usageColumns } } });
    await view.page.getByRole('button', { name: STRINGS.usageButton }).click();
    await send(view.page, {
      type: 'usageSummary',
      days: [{ day: '2026-11-26', requests: 1, promptTokens: 104, completionTokens: 57, totalTokens: 161, costCny: 0.0007, unpricedRequests: 0 }],
    });
    await settle(view.page);
    // Each heading's text, split into the lines the browser laid it out on.
    const headingLines = await view.page.evaluate<string[][]>(`(() => {
      const lines = (cell) => {
        const text = cell.firstChild;
        const byTop = new Map();
        for (let index = 0; index < text.length; index++) {
          const range = document.createRange();
          range.setStart(text, index);
          range.setEnd(text, index + 1);
          const top = Math.round(range.getBoundingClientRect().top);
          byTop.set(top, (byTop.get(top) ?? '') + text.data[index]);
        }
        return [...byTop.values()].map((line) => line.trim()).filter(Boolean);
      };
      return [...document.querySelectorAll('.drun-panel:not([hidden]) .drun-usage-table thead th')].map(lines);
    })()`);
    const stacked = headingLines.filter((lines) => lines.some((line) => [...line].length === 1));
    assert.deepEqual(stacked, [], `headings laid out as ${JSON.stringify(headingLines)}`);
  });

  it('the model picker keeps its title and Close button in sight while its list scrolls', async () => {
    await view.page.locator('.drun-header .drun-model').click();
    const options = Array.from({ length: 40 }, (_, index) => ({ id: `u-1100a15812cc/model-${index}`, group: 'instance', listed: true }));
    await send(view.page, { type: 'models', current: options[0].id, loading: false, options });
    await settle(view.page);
    const panel = view.page.locator('.drun-panel:not([hidden])');
    await panel.evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await settle(view.page);
    const [panelBox, closeBox] = [await panel.boundingBox(), await panel.getByRole('button', { name: STRINGS.close }).boundingBox()];
    assert.ok(panelBox && closeBox);
    assert.ok(closeBox.y >= panelBox.y && closeBox.y + closeBox.height <= panelBox.y + panelBox.height, JSON.stringify({ panelBox, closeBox }));
    assert.ok(await panel.getByRole('button', { name: STRINGS.close }).isVisible());
    const hit = await view.page.evaluate<string | undefined>(`document.elementFromPoint(${closeBox.x + closeBox.width / 2}, ${closeBox.y + closeBox.height / 2})?.textContent`);
    assert.equal(hit, STRINGS.close, 'the Close button is on top, not covered by the list');
  });

  it('in custom mode the picker has one "Your server" heading over all the server\'s models', async () => {
    await send(view.page, { type: 'config', config: { model: 'llama3', endpointLabel: 'llm.example.com', hasApiKey: true, strings: { ...STRINGS, groupMaas: 'Your server', groupInstance: 'Your server' } } });
    await view.page.locator('.drun-header .drun-model').click();
    await send(view.page, {
      type: 'models',
      current: 'llama3',
      loading: false,
      options: [
        { id: 'public/deepseek-v3', group: 'maas', listed: true },
        { id: 'llama3', group: 'instance', listed: true },
      ],
    });
    await settle(view.page);
    const panel = view.page.locator('.drun-panel:not([hidden])');
    assert.deepEqual(await panel.locator('.drun-group-heading').allInnerTexts(), ['Your server']);
    assert.deepEqual(await panel.locator('.drun-model-name').allInnerTexts(), ['public/deepseek-v3', 'llama3']);
  });
});
