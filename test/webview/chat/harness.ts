// Serves the real webview bundle and stylesheet to a real Chromium the way the extension does:
// one page with #app, a nonce'd script, the stylesheet and (optionally) the same CSP. A second
// "attacker" server stands for every remote host hostile model output may point at.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const NONCE = 'dGVzdC1ub25jZS0xMjM0NTY3OA';

/** The same Chromium, flags and all, that the host tests drive code-server with. */
export function launchChromium(): Promise<Browser> {
  const codeServer = require(path.join(ROOT, 'scripts', 'lib', 'codeServer.js')) as { launchBrowser(): Promise<Browser> };
  return codeServer.launchBrowser();
}

export interface Server {
  origin: string;
  /** Paths requested so far, in order. */
  hits: string[];
  /** Extra files served from memory, by path. */
  extra: Map<string, { type: string; body: string }>;
  close(): Promise<void>;
}

export async function startServer(handler?: (url: string) => { type: string; body: string } | undefined): Promise<Server> {
  const hits: string[] = [];
  const extra = new Map<string, { type: string; body: string }>();
  const server = http.createServer((request, response) => {
    const url = request.url ?? '/';
    hits.push(url);
    const found = extra.get(url.split('?')[0]) ?? handler?.(url);
    if (found) {
      response.writeHead(200, { 'content-type': found.type, 'cache-control': 'no-store' });
      response.end(found.body);
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    extra,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface PageOptions {
  /** Apply the webview's Content-Security-Policy (default true). */
  csp?: boolean;
  /** What getState() returns on load, as a restored webview would see it. */
  state?: unknown;
  /** Extra stylesheet path on the origin, e.g. a theme. */
  themeCss?: string;
  bodyClass?: string;
  /** Script path to load instead of the chat bundle. */
  script?: string;
}

export const BUNDLE_PATH = '/media/dist/chat.js';
export const CSS_PATH = '/media/chat.css';

/** A webview-like HTML page for `origin`. */
export function webviewHtml(origin: string, options: PageOptions = {}): string {
  // The same directives as src/vscode/chat/viewHtml.ts, with this server standing for webview.cspSource.
  const csp = [
    "default-src 'none'",
    `style-src ${origin}`,
    `font-src ${origin}`,
    `img-src ${origin} data:`,
    `script-src 'nonce-${NONCE}'`,
    "connect-src 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
  ].join('; ');
  const state = JSON.stringify(options.state ?? null).replace(/</g, '\\u003c');
  // The fake VS Code API records what the view posts; it can be acquired once, like the real one.
  const fakeApi = `
    window.__posted = [];
    window.__state = ${state};
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(e.violatedDirective + ' ' + e.blockedURI);
    });
    let acquired = false;
    window.acquireVsCodeApi = () => {
      if (acquired) { throw new Error('acquireVsCodeApi may only be called once'); }
      acquired = true;
      return {
        postMessage: (m) => { window.__posted.push(JSON.parse(JSON.stringify(m))); },
        getState: () => window.__state,
        setState: (s) => { window.__state = JSON.parse(JSON.stringify(s)); return s; },
      };
    };`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
${options.csp === false ? '' : `<meta http-equiv="Content-Security-Policy" content="${csp}">`}
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${options.themeCss ? `<link rel="stylesheet" href="${origin}${options.themeCss}">` : ''}
<link rel="stylesheet" href="${origin}${CSS_PATH}">
</head>
<body class="${options.bodyClass ?? 'vscode-dark'}">
<div id="app"></div>
<script nonce="${NONCE}">${fakeApi}</script>
<script nonce="${NONCE}" src="${origin}${options.script ?? BUNDLE_PATH}"></script>
</body>
</html>`;
}

/** Serves the page at /view.html?o=<options> plus the real bundle and stylesheet, read fresh from disk. */
export async function startWebviewServer(): Promise<Server> {
  const files: Record<string, { file: string; type: string }> = {
    [BUNDLE_PATH]: { file: path.join(ROOT, 'media', 'dist', 'chat.js'), type: 'text/javascript' },
    [CSS_PATH]: { file: path.join(ROOT, 'media', 'chat.css'), type: 'text/css' },
  };
  let origin = '';
  const server = await startServer((url) => {
    const parsed = new URL(url, 'http://localhost');
    if (parsed.pathname === '/view.html') {
      const options = JSON.parse(parsed.searchParams.get('o') ?? '{}') as PageOptions;
      return { type: 'text/html', body: webviewHtml(origin, options) };
    }
    if (parsed.pathname === '/favicon.ico') {
      // Chromium asks for it itself (it is not a page request); answer so no 404 shows in the console.
      return { type: 'image/x-icon', body: '' };
    }
    const entry = files[parsed.pathname];
    return entry ? { type: entry.type, body: fs.readFileSync(entry.file, 'utf8') } : undefined;
  });
  origin = server.origin;
  return server;
}

/** Opens the webview page and waits until the bundle has built its UI. */
export async function openView(page: Page, server: Server, options: PageOptions = {}, readySelector = '#app textarea'): Promise<void> {
  await page.goto(`${server.origin}/view.html?o=${encodeURIComponent(JSON.stringify(options))}`);
  await page.waitForSelector(readySelector);
}

/** Everything a page did that a test may want to check. */
export interface PageWatch {
  requests: string[];
  dialogs: string[];
  errors: string[];
  popups: number;
}

export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { requests: [], dialogs: [], errors: [], popups: 0 };
  page.on('request', (request) => watch.requests.push(request.url()));
  page.on('dialog', (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  page.on('pageerror', (error) => watch.errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') {
      watch.errors.push(`console: ${message.text()}`);
    }
  });
  page.on('popup', () => {
    watch.popups += 1;
  });
  return watch;
}

/** Delivers an ExtensionToView message the way VS Code does: a window 'message' event. */
export async function send(page: Page, message: unknown): Promise<void> {
  await page.evaluate(`window.postMessage(${JSON.stringify(message)}, '*')`);
}

/** Waits until pending message events and at least two animation frames have run. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(
    'new Promise((resolve) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(() => resolve(undefined))), 0))',
  );
}

export function posted(page: Page): Promise<Array<Record<string, unknown>>> {
  return page.evaluate<Array<Record<string, unknown>>>('window.__posted');
}

export function clearPosted(page: Page): Promise<void> {
  return page.evaluate<void>('void (window.__posted.length = 0)');
}

/** What every webview test works with; `page` and `watch` are fresh for each test. */
export interface ChromiumView {
  server: Server;
  page: Page;
  watch: PageWatch;
  /** Replaces the page with a fresh one in a new browser context (say, another viewport). */
  reopen(options?: BrowserContextOptions): Promise<void>;
}

const PANEL_VIEWPORT: BrowserContextOptions = { viewport: { width: 420, height: 700 } };

/**
 * Registers the hooks the webview test files share: one webview server and Chromium per file, a
 * fresh page per test (opened by `open`, if given), and no page errors by the end of each test.
 * A file's own hooks registered before this call run before these, hook by hook.
 */
export function useChromiumView(open?: (page: Page, server: Server) => Promise<void>): ChromiumView {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  const view = {
    async reopen(options: BrowserContextOptions = PANEL_VIEWPORT): Promise<void> {
      await context?.close();
      context = await browser!.newContext(options);
      view.page = await context.newPage();
      view.watch = watchPage(view.page);
    },
  } as ChromiumView;

  before(async () => {
    view.server = await startWebviewServer();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await view.server?.close();
  });

  beforeEach(async () => {
    await view.reopen();
    await open?.(view.page, view.server);
  });

  afterEach(async () => {
    const errors = view.watch.errors;
    await context?.close();
    context = undefined;
    assert.deepEqual(errors, [], 'the page must not throw or log errors');
  });

  return view;
}
