// The chat webview in real Chromium: the real bundle (media/dist/chat.js) and stylesheet, the webview's
// CSP, and a fake acquireVsCodeApi that records what the view posts. Build the bundle first.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import {
  BUNDLE_PATH,
  CSS_PATH,
  ROOT,
  clearPosted,
  openView,
  posted,
  send,
  settle,
  startServer,
  useChromiumView,
  type Server,
} from './harness';
import { answerSel, config, isOpen, STRINGS, turn, turnSel, waitFor } from './viewFixtures';

describe('chat webview (Chromium)', function () {
  this.timeout(60_000);

  before(() => {
    const bundle = path.join(ROOT, 'media', 'dist', 'chat.js');
    assert.ok(fs.existsSync(bundle), 'build the webview bundle first: node esbuild.js');
  });

  const view = useChromiumView();

  it('builds the UI and posts the ready handshake on load', async () => {
    await openView(view.page, view.server);
    assert.deepEqual(await posted(view.page), [{ type: 'ready' }]);
    assert.equal(await view.page.getByRole('textbox').count(), 1);
    assert.equal(await view.page.locator('.drun-transcript').getAttribute('aria-live'), 'polite');
  });

  it('shows model and endpoint, and an empty state whose button asks for the API key', async () => {
    await openView(view.page, view.server);
    await send(view.page, config(false, 'public/qwen3-coder'));
    await settle(view.page);
    assert.equal(await view.page.locator('.drun-header .drun-model').innerText(), 'public/qwen3-coder');
    assert.equal(await view.page.locator('.drun-header .drun-endpoint').innerText(), 'chat.d.run');
    assert.ok(await view.page.locator('.drun-header').isVisible());
    assert.ok(await view.page.getByText(STRINGS.emptyTitle).isVisible());
    assert.equal(await view.page.locator('.drun-empty-hint').innerText(), STRINGS.emptyHintNoKey);
    assert.equal(await view.page.getByRole('textbox').getAttribute('aria-label'), STRINGS.placeholder);
    await clearPosted(view.page);
    await view.page.getByRole('button', { name: STRINGS.setApiKey }).click();
    assert.deepEqual(await posted(view.page), [{ type: 'runAction', action: 'setApiKey' }]);

    await send(view.page, config(true));
    await settle(view.page);
    assert.equal(await view.page.getByRole('button', { name: STRINGS.setApiKey }).count(), 0, 'no key button once a key is set');
    assert.equal(await view.page.locator('.drun-empty-hint').innerText(), STRINGS.emptyHint);
  });

  it('renders streamed deltas as markdown and ends with the complete text and usage', async () => {
    await openView(view.page, view.server);
    await send(view.page, config(true, 'public/qwen3-coder'));
    // The extension names the answering model only later; until then the configured one is shown.
    await send(view.page, { type: 'turnStarted', turn: turn('t1', 'Why is **this** slow?', { model: '' }) });
    await settle(view.page);
    assert.equal(await view.page.locator(`${turnSel('t1')} .drun-question-body strong`).innerText(), 'this');
    assert.ok(await view.page.locator(turnSel('t1')).getByText('public/qwen3-coder').isVisible());

    const answer = 'It is **bold** and `inline`.\n\n```ts\nconst a = 1;\n```\n\n- one\n- two\n\nThe end.';
    for (let i = 0; i < answer.length; i += 3) {
      await send(view.page, { type: 'delta', turnId: 't1', content: answer.slice(i, i + 3) });
    }
    await settle(view.page);
    assert.equal(await view.page.locator(`${answerSel('t1')} strong`).innerText(), 'bold');
    assert.equal(await view.page.locator(`${answerSel('t1')} pre code.language-ts`).textContent(), 'const a = 1;\n');

    await send(view.page, {
      type: 'turnEnded',
      turnId: 't1',
      status: 'done',
      usage: { promptTokens: 12, completionTokens: 34, totalTokens: 46 },
    });
    await settle(view.page);
    // The text a reader sees, without the code block's button bar.
    const text = await view.page.evaluate<string>(`(() => {
      const body = document.querySelector('${answerSel('t1')}');
      const bars = [...body.querySelectorAll('.drun-code-toolbar')];
      bars.forEach((bar) => (bar.hidden = true));
      const seen = body.innerText;
      bars.forEach((bar) => (bar.hidden = false));
      return seen;
    })()`);
    assert.match(text, /^It is bold and inline\.\s+const a = 1;\s+one\s+two\s+The end\.$/);
    assert.equal(await view.page.locator(`${turnSel('t1')} .drun-usage`).innerText(), 'tokens: 12 prompt + 34 completion = 46');
    assert.equal(await view.page.locator(`${turnSel('t1')} .drun-stopped`).isVisible(), false);
  });

  it('re-renders at most once per frame however fast deltas arrive', async () => {
    await openView(view.page, view.server);
    await send(view.page, { type: 'turnStarted', turn: turn('t1', 'long') });
    await settle(view.page);
    await view.page.evaluate(`(() => {
      const body = document.querySelector('${answerSel('t1')}');
      window.__renders = 0;
      new MutationObserver((records) => {
        window.__renders += records.filter((r) => r.target === body).length;
      }).observe(body, { childList: true });
      for (let i = 0; i < 600; i++) {
        window.postMessage({ type: 'delta', turnId: 't1', content: 'word' + i + ' ' }, '*');
      }
    })()`);
    await waitFor(view.page, `document.querySelector('${answerSel('t1')}').textContent.includes('word599')`);
    const renders = await view.page.evaluate<number>('window.__renders');
    assert.ok(renders >= 1 && renders < 60, `600 deltas caused ${renders} renders`);
    const words = (await view.page.locator(answerSel('t1')).innerText()).trim().split(/\s+/);
    assert.equal(words.length, 600);
  });

  it('shows reasoning in an open Thinking section that folds away when the answer starts', async () => {
    await openView(view.page, view.server);
    await send(view.page, config());
    await send(view.page, { type: 'turnStarted', turn: turn('r1', 'Prove it') });
    for (const piece of ['Let me ', 'think about *this*', ' carefully.']) {
      await send(view.page, { type: 'delta', turnId: 'r1', reasoning: piece });
    }
    await settle(view.page);
    const details = view.page.locator(`${turnSel('r1')} details.drun-thinking`);
    assert.ok(await details.isVisible());
    assert.equal(await details.locator('summary').innerText(), STRINGS.thinking);
    assert.equal(await isOpen(details), true);
    assert.ok(await view.page.getByText('carefully.').isVisible(), 'reasoning text is visible while thinking');
    assert.equal(await details.locator('em').innerText(), 'this');

    await send(view.page, { type: 'delta', turnId: 'r1', content: 'The **answer**.' });
    await settle(view.page);
    assert.equal(await isOpen(details), false);
    assert.equal(await view.page.getByText('carefully.').isVisible(), false);
    assert.equal(await view.page.locator(`${answerSel('r1')} strong`).innerText(), 'answer');

    // Once the reader opens it again, more content does not fold it away.
    await details.locator('summary').click();
    await send(view.page, { type: 'delta', turnId: 'r1', content: ' More.' });
    await send(view.page, { type: 'turnEnded', turnId: 'r1', status: 'done' });
    await settle(view.page);
    assert.equal(await isOpen(details), true);
    assert.ok(await view.page.getByText('carefully.').isVisible());
  });

  it('sends on Enter, inserts a newline on Shift+Enter, and stops with the Stop button and Escape', async () => {
    await openView(view.page, view.server);
    await send(view.page, config());
    await settle(view.page);
    await clearPosted(view.page);
    const input = view.page.getByRole('textbox', { name: STRINGS.placeholder });
    await input.click();
    await view.page.keyboard.type('first line');
    await view.page.keyboard.press('Shift+Enter');
    await view.page.keyboard.type('second line');
    assert.equal(await input.inputValue(), 'first line\nsecond line');
    assert.deepEqual(await posted(view.page), [], 'Shift+Enter does not send');
    await view.page.keyboard.press('Enter');
    assert.deepEqual(await posted(view.page), [{ type: 'ask', text: 'first line\nsecond line' }]);
    assert.equal(await input.inputValue(), '');
    await view.page.keyboard.press('Enter');
    assert.equal((await posted(view.page)).length, 1, 'an empty input sends nothing');

    assert.ok(await view.page.getByRole('button', { name: STRINGS.send }).isVisible());
    await send(view.page, { type: 'turnStarted', turn: turn('t1', 'first line\nsecond line') });
    await settle(view.page);
    assert.equal(await view.page.getByRole('button', { name: STRINGS.send }).count(), 0);
    const stop = view.page.getByRole('button', { name: STRINGS.stop });
    assert.ok(await stop.isVisible(), 'Send became Stop while streaming');
    await clearPosted(view.page);
    await stop.click();
    assert.deepEqual(await posted(view.page), [{ type: 'stop' }]);
    await clearPosted(view.page);
    await input.focus();
    await view.page.keyboard.press('Escape');
    assert.deepEqual(await posted(view.page), [{ type: 'stop' }]);

    await send(view.page, { type: 'delta', turnId: 't1', content: 'Partial ans' });
    await send(view.page, { type: 'turnEnded', turnId: 't1', status: 'stopped' });
    await settle(view.page);
    assert.ok(await view.page.getByText(STRINGS.stopped).isVisible(), 'a stopped marker is shown');
    assert.equal(await view.page.locator(answerSel('t1')).innerText(), 'Partial ans', 'what arrived is kept');
    assert.ok(await view.page.getByRole('button', { name: STRINGS.send }).isVisible(), 'Stop is Send again');
    await clearPosted(view.page);
    await view.page.keyboard.press('Escape');
    assert.deepEqual(await posted(view.page), [], 'Escape posts nothing when idle');
  });

  it('shows an error sentence with a working fix button', async () => {
    await openView(view.page, view.server);
    await send(view.page, config());
    await send(view.page, { type: 'turnStarted', turn: turn('e1', 'hello') });
    await send(view.page, {
      type: 'turnEnded',
      turnId: 'e1',
      status: 'error',
      error: { message: 'D.run rejected the API key. Set a new key.', action: 'setApiKey', actionLabel: 'Set API Key Now' },
    });
    await settle(view.page);
    const alert = view.page.getByRole('alert');
    assert.match(await alert.innerText(), /D\.run rejected the API key\. Set a new key\./);
    await clearPosted(view.page);
    await alert.getByRole('button', { name: 'Set API Key Now' }).click();
    assert.deepEqual(await posted(view.page), [{ type: 'runAction', action: 'setApiKey' }]);
    assert.ok(await view.page.getByRole('button', { name: STRINGS.send }).isVisible());
  });

  it('restores a transcript, replacing every turn, and ignores malformed messages', async () => {
    await openView(view.page, view.server);
    await send(view.page, config());
    await send(view.page, { type: 'turnStarted', turn: turn('old', 'old question') });
    await send(view.page, {
      type: 'transcript',
      turns: [
        turn('a', 'first *q*', { answer: 'first answer', status: 'done', reasoning: 'hmm' }),
        turn('b', 'second q', {
          answer: 'cut',
          status: 'error',
          error: { message: 'Network down.', action: 'retry', actionLabel: 'Retry' },
          usage: { promptTokens: 1, completionTokens: 2, totalTokens: 3 },
        }),
      ],
    });
    for (const bad of [
      null,
      'turnStarted',
      [],
      { type: 'delta', turnId: 7, content: 'x' },
      { type: 'delta', turnId: 'a', content: 5 },
      { type: 'turnStarted', turn: { id: 'x' } },
      { type: 'transcript', turns: [{ id: 'z' }] },
      { type: 'turnEnded', turnId: 'b', status: 'streaming' },
      { type: 'turnEnded', turnId: 'b', status: 'error', error: { message: 'x', action: 'rm -rf' } },
      { type: 'config', config: { model: 'm' } },
      { type: 'notice' },
      { type: 'unknown' },
    ]) {
      await send(view.page, bad);
    }
    await settle(view.page);
    assert.equal(await view.page.locator('article.drun-turn').count(), 2);
    assert.equal(await view.page.locator(turnSel('old')).count(), 0);
    assert.equal(await view.page.locator(`${turnSel('a')} .drun-question-body em`).innerText(), 'q');
    assert.equal(await isOpen(view.page.locator(`${turnSel('a')} details.drun-thinking`)), false);
    assert.equal(await view.page.locator(`${turnSel('b')} .drun-usage`).innerText(), 'tokens: 1 prompt + 2 completion = 3');
    await clearPosted(view.page);
    await view.page.getByRole('button', { name: 'Retry' }).click();
    assert.deepEqual(await posted(view.page), [{ type: 'runAction', action: 'retry' }]);
    assert.equal(await view.page.getByText(STRINGS.emptyTitle).isVisible(), false, 'no empty state with turns');
  });

  it('keeps only the input draft in webview state and restores it', async () => {
    await openView(view.page, view.server);
    await view.page.getByRole('textbox').fill('half a question');
    assert.deepEqual(await view.page.evaluate('window.__state'), { draft: 'half a question' });
    await openView(view.page, view.server, { state: { draft: 'restored draft' } });
    assert.equal(await view.page.getByRole('textbox').inputValue(), 'restored draft');
    await view.page.getByRole('textbox').press('Enter');
    assert.deepEqual(await view.page.evaluate('window.__state'), { draft: '' });
  });

  it('follows the stream to the bottom until the reader scrolls up', async () => {
    await openView(view.page, view.server);
    await send(view.page, { type: 'turnStarted', turn: turn('t1', 'long') });
    for (let i = 0; i < 80; i++) {
      await send(view.page, { type: 'delta', turnId: 't1', content: `Paragraph ${i}.\n\n` });
    }
    await settle(view.page);
    const gap = 'document.querySelector(".drun-transcript").scrollHeight - document.querySelector(".drun-transcript").scrollTop - document.querySelector(".drun-transcript").clientHeight';
    assert.ok((await view.page.evaluate<number>(gap)) < 2, 'pinned to the bottom');
    await view.page.locator('.drun-transcript').hover();
    await view.page.mouse.wheel(0, -600);
    await waitFor(view.page, `${gap} > 300`);
    const top = await view.page.evaluate<number>('document.querySelector(".drun-transcript").scrollTop');
    for (let i = 80; i < 100; i++) {
      await send(view.page, { type: 'delta', turnId: 't1', content: `Paragraph ${i}.\n\n` });
    }
    await settle(view.page);
    assert.equal(await view.page.evaluate<number>('document.querySelector(".drun-transcript").scrollTop'), top, 'left where the reader is');
  });

  it('shows a transient notice', async () => {
    await openView(view.page, view.server);
    await send(view.page, { type: 'notice', message: 'Model switched to public/qwen3.' });
    await settle(view.page);
    const status = view.page.getByRole('status');
    assert.equal(await status.innerText(), 'Model switched to public/qwen3.');
    assert.ok(await status.isVisible());
  });

  it('never navigates when a link in an answer is clicked, but asks the extension to open it', async () => {
    const elsewhere = await startServer(() => ({ type: 'text/html', body: 'gone' }));
    try {
      await openView(view.page, view.server);
      await send(view.page, { type: 'turnStarted', turn: turn('t1', 'links?') });
      await send(view.page, { type: 'delta', turnId: 't1', content: `See [the docs](${elsewhere.origin}/docs) or ${elsewhere.origin}/auto.` });
      await send(view.page, { type: 'turnEnded', turnId: 't1', status: 'done' });
      await settle(view.page);
      const url = view.page.url();
      const links = view.page.locator(`${answerSel('t1')} a`);
      assert.equal(await links.count(), 2, 'explicit and linkified links render');
      await clearPosted(view.page);
      await links.first().click();
      await links.nth(1).click({ button: 'middle' });
      await links.nth(1).click({ modifiers: ['ControlOrMeta'] });
      await settle(view.page);
      assert.deepEqual(await posted(view.page), [
        { type: 'openLink', href: `${elsewhere.origin}/docs` },
        { type: 'openLink', href: `${elsewhere.origin}/auto` },
        { type: 'openLink', href: `${elsewhere.origin}/auto` },
      ]);
      assert.equal(view.page.url(), url);
      assert.deepEqual(elsewhere.hits, []);
      assert.equal(view.watch.popups, 0);
    } finally {
      await elsewhere.close();
    }
  });

  describe('hostile model output', () => {
    let attacker: Server;

    before(async () => {
      attacker = await startServer(() => ({ type: 'text/plain', body: 'x' }));
    });

    after(async () => {
      await attacker?.close();
    });

    // The corpus: test/fixtures/xss-payloads.json. `{{E}}` is the attacker's origin, `{{E_HOST}}` its host:
    // anything that reaches it is a leak.
    const payloads = loadPayloads();
    const expand = (md: string): string => md.replaceAll('{{E}}', attacker.origin).replaceAll('{{E_HOST}}', new URL(attacker.origin).host);

    for (const csp of [true, false]) {
      it(`neutralises the ${payloads.length} XSS payloads of the corpus in answers, reasoning and questions (${csp ? 'with the webview CSP' : 'sanitiser alone, no CSP'})`, async function () {
        this.timeout(300_000);
        await openView(view.page, view.server, { csp });
        await send(view.page, config());
        const origin = view.server.origin;
        for (const [index, payload] of payloads.entries()) {
          const id = `x${index}`;
          const md = expand(payload.md);
          await send(view.page, { type: 'turnStarted', turn: turn(id, md) });
          // Streamed in three pieces, each drawn, so partial (unbalanced) markup is rendered too.
          const piece = Math.ceil(md.length / 3);
          for (let i = 0; i < md.length; i += piece) {
            await view.page.evaluate(`(() => {
              window.postMessage(${JSON.stringify({ type: 'delta', turnId: id, reasoning: md.slice(i, i + piece) })}, '*');
              window.postMessage(${JSON.stringify({ type: 'delta', turnId: id, content: md.slice(i, i + piece) })}, '*');
            })()`);
            await settle(view.page);
          }
          await send(view.page, { type: 'turnEnded', turnId: id, status: 'done' });
          await view.page.waitForSelector(`${turnSel(id)}[data-status="done"]`);
          await settle(view.page);

          const answer = view.page.locator(answerSel(id));
          const seen = await answer.innerText();
          assert.ok(seen.trim().length > 0, `${payload.name}: the reader sees something`);
          if (payload.shows) {
            assert.ok(seen.includes(payload.shows), `${payload.name}: shown as text, got ${JSON.stringify(seen)}`);
          }
          // Click every link, as a curious reader would.
          for (const link of await view.page.locator(`${turnSel(id)} a`).all()) {
            await link.click({ force: true });
          }
          await view.page.hover(answerSel(id));
          // Press every code-block button: each may only post its block's text to the extension.
          const blocks = await view.page.evaluate<Array<{ code: string; actions: Array<Record<string, unknown>> }>>(`(() =>
            [...document.querySelectorAll('${answerSel(id)} .drun-code-block')].map((block) => {
              window.__posted.length = 0;
              block.querySelectorAll('.drun-code-toolbar button').forEach((button) => button.click());
              return { code: block.querySelector('pre code').textContent, actions: [...window.__posted] };
            }))()`);
          for (const { code, actions } of blocks) {
            assert.deepEqual(actions.map((message) => message.action), ['copy', 'insert', 'apply', 'newFile'], payload.name);
            for (const message of actions) {
              assert.deepEqual(Object.keys(message).sort(), ['action', 'code', 'language', 'type'], payload.name);
              assert.equal(message.type, 'codeAction');
              assert.equal(message.code, code, `${payload.name}: the block's own text`);
              assert.match(String(message.language), /^[\w+#.-]{0,40}$/, payload.name);
            }
          }
        }
        await settle(view.page);
        await view.page.waitForTimeout(300);

        assert.equal(await view.page.evaluate('typeof window.__pwned'), 'undefined', 'no payload script ran');
        assert.deepEqual(view.watch.dialogs, []);
        assert.equal(view.watch.popups, 0);
        assert.deepEqual(attacker.hits, [], 'nothing reached the attacker');
        const allowed = new Set([`${origin}${BUNDLE_PATH}`, `${origin}${CSS_PATH}`]);
        const unexpected = view.watch.requests.filter((url) => !allowed.has(url) && !url.startsWith(`${origin}/view.html?`));
        assert.deepEqual(unexpected, [], 'no request left the page except the bundle and stylesheet');
        assert.ok(view.page.url().startsWith(`${origin}/view.html?`), 'still on the view');
        if (csp) {
          assert.deepEqual(await view.page.evaluate('window.__violations'), [], 'nothing even tried what the CSP forbids');
        }

        const dom = await view.page.evaluate<{ handlers: string[]; badHrefs: string[]; badSrcs: string[]; tags: string[]; styles: number; classes: string[] }>(`(() => {
          const nodes = [...document.querySelectorAll('.drun-transcript *')];
          return {
            handlers: nodes.flatMap((n) => [...n.attributes].filter((a) => /^on/i.test(a.name)).map((a) => n.tagName + ' ' + a.name)),
            badHrefs: nodes.filter((n) => n.hasAttribute('href') && !/^(https?:|mailto:)/i.test(n.getAttribute('href'))).map((n) => n.getAttribute('href')),
            badSrcs: nodes.filter((n) => n.hasAttribute('src') && !/^data:image\\/(png|gif|jpeg|webp);/i.test(n.getAttribute('src'))).map((n) => n.getAttribute('src')),
            tags: [...new Set(nodes.map((n) => n.tagName.toLowerCase()))].filter((t) => /^(script|style|svg|math|iframe|form|input|object|embed|meta|base|noscript|img|link)$/.test(t)),
            styles: nodes.filter((n) => n.hasAttribute('style')).length,
            classes: [...new Set([...document.querySelectorAll('.drun-markdown *')].flatMap((n) => [...n.classList]))],
          };
        })()`);
        assert.deepEqual(dom.handlers, [], 'no on* attributes');
        assert.deepEqual(dom.badHrefs, [], 'no javascript:, data: or other non-web hrefs');
        assert.deepEqual(dom.badSrcs, [], 'no remote or non-image sources');
        assert.deepEqual(dom.tags, [], 'no dangerous elements');
        assert.equal(dom.styles, 0, 'no style attributes');
        // Markup may carry only highlight, language and alignment classes; the code-block bar is the view's own.
        const ownClasses = new Set(['drun-code-block', 'drun-code-toolbar', 'drun-code-button', 'drun-code-language', 'drun-copied']);
        assert.deepEqual(
          dom.classes.filter((name) => !ownClasses.has(name) && !/^(hljs(-[a-z0-9_-]+)?|language-[\w+#.-]{1,40}|md-align-(left|center|right))$/.test(name)),
          [],
          'no class from the payloads',
        );
        assert.equal(await view.page.locator('.drun-transcript a[href]').count() > 0, true, 'safe web links still render');
      });
    }

    // markdown-it (html: false) escapes raw HTML, so the bundle never hands DOMPurify a tag from the model.
    // This test checks the second layer on its own: the real sanitiser module, fed raw hostile HTML, no CSP.
    it('sanitiser alone neutralises raw hostile HTML (defence in depth, no CSP)', async function () {
      this.timeout(120_000);
      const probe = esbuild.buildSync({
        stdin: {
          contents: `
            import { sanitizeHtml } from './src/webview/chat/sanitize';
            const list = document.createElement('main');
            list.className = 'drun-transcript';
            document.getElementById('app').append(list);
            window.__sanitizeInto = (html) => {
              const box = document.createElement('div');
              box.className = 'drun-markdown';
              box.append(sanitizeHtml(html));
              list.append(box);
              return box.innerHTML;
            };`,
          resolveDir: ROOT,
          loader: 'ts',
        },
        bundle: true,
        write: false,
        format: 'iife',
        platform: 'browser',
        target: 'chrome114',
        logLevel: 'silent',
      }).outputFiles[0].text;
      view.server.extra.set('/probe.js', { type: 'text/javascript', body: probe });
      try {
        await openView(view.page, view.server, { csp: false, script: '/probe.js' }, '#app main');
        const E = attacker.origin;
        const raw = [
          ...payloads.map((payload) => expand(payload.md)),
          '<a href="javascript:window.__pwned=1">a</a><a href=" &#x09;javascript:window.__pwned=1">b</a><a href="JAVASCRIPT&colon;window.__pwned=1">c</a>',
          '<a href="data:text/html,&lt;script&gt;window.__pwned=1&lt;/script&gt;">d</a><a href="file:///etc/passwd">f</a>',
          `<img src="${E}/raw.png" alt="remote alt"><img srcset="${E}/s.png 1x" src="data:image/png;base64,iVBORw0KGgo=" alt="srcset">`,
          '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9IndpbmRvdy5fX3B3bmVkPTEiLz4=" alt="svg data">',
          `<p style="background:url(${E}/st.png)">styled</p><table background="${E}/tb.png"><tr><td style="color:red">cell</td></tr></table>`,
          `<video poster="${E}/v.png" src="${E}/v.mp4"></video><audio src="${E}/a.mp3"></audio><link rel="stylesheet" href="${E}/l.css"><input type="image" src="${E}/i.png">`,
          '<pre><code class="language-ts drun-turn drun-error">x</code></pre><p class="drun-notice">p</p>',
          '<a id="app" name="acquireVsCodeApi">clobber</a><form name="body"><input name="attributes"></form>',
          '<svg><a xlink:href="javascript:window.__pwned=1"><text>s</text></a></svg><math><a href="javascript:window.__pwned=1">m</a></math>',
          '<form><button formaction="javascript:window.__pwned=1">b</button></form><div onclick="window.__pwned=1" tabindex="0">div</div>',
          '<!--<img src=x onerror=window.__pwned=1>--><p>after comment</p><img src=x onerror=window.__pwned=1',
          '<select><template><style><!--</style><img src=x onerror=window.__pwned=1>--></style></template></select>',
          '<svg></p><style><a id="</style><img src=1 onerror=window.__pwned=1>">',
        ];
        for (const html of raw) {
          await view.page.evaluate(`window.__sanitizeInto(${JSON.stringify(html)})`);
        }
        for (const link of await view.page.locator('.drun-transcript a').all()) {
          await link.click({ force: true, noWaitAfter: true, timeout: 2000 }).catch(() => undefined);
        }
        await view.page.mouse.move(10, 10);
        await view.page.mouse.move(200, 300);
        await view.page.waitForTimeout(300);

        assert.equal(await view.page.evaluate('typeof window.__pwned'), 'undefined', 'no payload script ran');
        assert.deepEqual(view.watch.dialogs, []);
        assert.deepEqual(attacker.hits, [], 'nothing reached the attacker');
        assert.equal(await view.page.evaluate('typeof window.acquireVsCodeApi'), 'function', 'no DOM clobbering of globals');
        const dom = await view.page.evaluate<{ attrs: string[]; tags: string[]; classes: string[]; text: string }>(`(() => {
          const nodes = [...document.querySelectorAll('.drun-transcript *')];
          return {
            attrs: [...new Set(nodes.flatMap((n) => [...n.attributes].map((a) => a.name)))].sort(),
            tags: [...new Set(nodes.map((n) => n.tagName.toLowerCase()))].sort(),
            classes: [...new Set(nodes.flatMap((n) => [...n.classList]))].sort(),
            text: document.querySelector('.drun-transcript').textContent,
          };
        })()`);
        const allowedAttrs = new Set(['href', 'title', 'src', 'alt', 'class', 'start']);
        assert.deepEqual(dom.attrs.filter((name) => !allowedAttrs.has(name)), [], 'only allow-listed attributes');
        assert.deepEqual(
          dom.tags.filter((tag) => /^(script|style|svg|math|iframe|form|input|button|object|embed|meta|base|noscript|link|video|audio|template|select|details)$/.test(tag)),
          [],
          'no dangerous elements',
        );
        assert.deepEqual(dom.classes, ['drun-markdown', 'language-ts'], 'only code-language classes survive');
        const srcs = await view.page.evaluate<string[]>(`[...document.querySelectorAll('.drun-transcript [src]')].map((n) => n.getAttribute('src'))`);
        assert.deepEqual(srcs, ['data:image/png;base64,iVBORw0KGgo='], 'only the inline raster image keeps a source');
        const hrefs = await view.page.evaluate<string[]>(`[...document.querySelectorAll('.drun-transcript [href]')].map((n) => n.getAttribute('href'))`);
        assert.deepEqual(hrefs.filter((href) => !href.startsWith(`${E}/`)), [], 'only web links keep an href');
        for (const visible of ['styled', 'cell', 'clobber', 'after comment', 'remote alt']) {
          assert.ok(dom.text.includes(visible), `text "${visible}" survives`);
        }
      } finally {
        view.server.extra.delete('/probe.js');
      }
    });

    it('keeps inline raster data images (nothing is fetched)', async () => {
      await openView(view.page, view.server);
      const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
      await send(view.page, { type: 'turnStarted', turn: turn('i1', 'img') });
      await send(view.page, { type: 'delta', turnId: 'i1', content: `![dot](data:image/png;base64,${png})` });
      await send(view.page, { type: 'turnEnded', turnId: 'i1', status: 'done' });
      await settle(view.page);
      assert.equal(await view.page.locator(`${answerSel('i1')} img`).getAttribute('alt'), 'dot');
      assert.deepEqual(await view.page.evaluate('window.__violations'), []);
    });
  });

  it('looks native in a dark VS Code theme (screenshot)', async () => {
    try {
      // The theme must come from the view's own origin: the CSP allows no other stylesheet.
      view.server.extra.set('/theme-dark.css', { type: 'text/css', body: DARK_THEME });
      await view.reopen({ viewport: { width: 440, height: 900 }, deviceScaleFactor: 1 });
      await openView(view.page, view.server, { themeCss: '/theme-dark.css', bodyClass: 'vscode-dark' });
      await send(view.page, config(true, 'public/deepseek-r1'));
      await send(view.page, {
        type: 'transcript',
        turns: [
          turn('s1', 'How do I debounce a function in **TypeScript**?', {
            status: 'done',
            reasoning: 'The user wants a debounce helper. Keep it generic and typed.',
            answer:
              'Wrap the function and reset a timer on every call:\n\n```ts\nfunction debounce<A extends unknown[]>(fn: (...a: A) => void, ms: number) {\n  let t: ReturnType<typeof setTimeout> | undefined;\n  return (...a: A) => {\n    clearTimeout(t);\n    t = setTimeout(() => fn(...a), ms);\n  };\n}\n```\n\n| Option | Default |\n| --- | ---: |\n| `ms` | 300 |\n\nSee [MDN](https://developer.mozilla.org/) for `setTimeout`.',
            usage: { promptTokens: 812, completionTokens: 164, totalTokens: 976 },
          }),
          turn('s2', 'And with a leading call?', {
            status: 'error',
            answer: 'Call `fn` at once, then',
            error: { message: 'The request timed out after 60 s. Check your network or raise drun.requestTimeoutSeconds.', action: 'openSettings', actionLabel: 'Open Settings' },
          }),
        ],
      });
      await send(view.page, { type: 'turnStarted', turn: turn('s3', 'Explain `useEffect` cleanup') });
      await send(view.page, { type: 'delta', turnId: 's3', reasoning: 'Cleanup runs before the next effect and on unmount…' });
      await send(view.page, { type: 'notice', message: 'Using public/deepseek-r1 on chat.d.run.' });
      await view.page.getByRole('textbox').fill('Also show a test for it');
      await settle(view.page);

      const colours = await view.page.evaluate<{ body: string; input: string; button: string; code: string }>(`(() => {
        const c = (sel, prop) => getComputedStyle(document.querySelector(sel))[prop];
        return { body: c('body', 'color'), input: c('.drun-input', 'backgroundColor'), button: c('.drun-send', 'backgroundColor'), code: c('.drun-markdown pre', 'backgroundColor') };
      })()`);
      assert.deepEqual(colours, {
        body: 'rgb(204, 204, 204)',
        input: 'rgb(49, 49, 49)',
        button: 'rgb(49, 49, 49)',
        code: 'rgb(43, 43, 43)',
      }, 'colours come from the theme variables (Stop uses the secondary button colours)');

      const dir = path.join(ROOT, '.test-run', 'screenshots');
      fs.mkdirSync(dir, { recursive: true });
      await view.page.screenshot({ path: path.join(dir, 'webview-dark.png') });
    } finally {
      view.server.extra.delete('/theme-dark.css');
    }
  });
});

interface Payload {
  name: string;
  md: string;
  /** Text the reader must see (the payload shown as text, not run). */
  shows?: string;
}

function loadPayloads(): Payload[] {
  const payloads = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'xss-payloads.json'), 'utf8')) as Payload[];
  assert.ok(payloads.length >= 100, 'the corpus holds at least 100 payloads');
  return payloads;
}

/** A subset of VS Code's Dark Modern colours, as VS Code sets them on the webview's <html>. */
const DARK_THEME = `
html {
  --vscode-font-family: system-ui, "Segoe UI", "Ubuntu", "Droid Sans", sans-serif;
  --vscode-font-size: 13px;
  --vscode-font-weight: normal;
  --vscode-editor-font-family: "DejaVu Sans Mono", Consolas, "Courier New", monospace;
  --vscode-editor-font-size: 13px;
  --vscode-foreground: #cccccc;
  --vscode-descriptionForeground: #9d9d9d;
  --vscode-errorForeground: #f85149;
  --vscode-focusBorder: #0078d4;
  --vscode-sideBar-background: #181818;
  --vscode-editor-background: #1f1f1f;
  --vscode-input-background: #313131;
  --vscode-input-foreground: #cccccc;
  --vscode-input-border: #3c3c3c;
  --vscode-input-placeholderForeground: #989898;
  --vscode-button-background: #0078d4;
  --vscode-button-foreground: #ffffff;
  --vscode-button-hoverBackground: #026ec1;
  --vscode-button-border: rgba(255, 255, 255, 0.07);
  --vscode-button-secondaryBackground: #313131;
  --vscode-button-secondaryForeground: #cccccc;
  --vscode-button-secondaryHoverBackground: #3c3c3c;
  --vscode-textCodeBlock-background: #2b2b2b;
  --vscode-textLink-foreground: #4daafc;
  --vscode-textLink-activeForeground: #4daafc;
  --vscode-textBlockQuote-background: #2b2b2b;
  --vscode-textBlockQuote-border: #616161;
  --vscode-widget-border: #313131;
  --vscode-panel-border: #2b2b2b;
  --vscode-inputValidation-errorBackground: #5a1d1d;
  --vscode-inputValidation-errorBorder: #be1100;
  --vscode-inputValidation-infoBackground: #063b49;
  --vscode-inputValidation-infoBorder: #007acc;
  --vscode-editorCursor-foreground: #aeafad;
  background: var(--vscode-sideBar-background);
}
`;
