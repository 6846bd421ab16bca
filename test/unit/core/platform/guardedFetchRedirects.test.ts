import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { DrunClient } from '../../../../src/core/platform/drunClient';
import { Endpoint } from '../../../../src/core/platform/endpoint';
import { DrunError } from '../../../../src/core/platform/errors';
import { createGuardedFetch, MAX_REDIRECTS } from '../../../../src/core/platform/guardedFetch';
import { DEFAULT_API_KEY, FakeDrunServer } from '../../../fixtures/fakeDrunServer';

interface Seen {
  method: string;
  host: string;
  path: string;
  authorization?: string;
  body: string;
}

type Answer = { status: number; location: string } | { status: 200 };

/** A loopback server that answers each `host + path` from a plan and records what reached it. */
class RecordingServer {
  readonly seen: Seen[] = [];
  plan = new Map<string, Answer>();

  private constructor(private readonly server: http.Server, readonly url: string) {}

  static async start(): Promise<RecordingServer> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const recorder = new RecordingServer(server, `http://127.0.0.1:${port}`);
    server.on('request', (req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const host = String(req.headers['x-forwarded-host'] ?? req.headers.host);
        recorder.seen.push({ method: req.method ?? '', host, path: req.url ?? '', authorization: req.headers.authorization, body });
        const answer = recorder.plan.get(host + req.url) ?? { status: 200 };
        if (answer.status === 200) {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ answeredBy: host + req.url }));
        } else {
          res.writeHead(answer.status, { location: (answer as { location: string }).location }).end('moved');
        }
      });
    });
    return recorder;
  }

  get host(): string {
    return new URL(this.url).host;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const BODY = JSON.stringify({ model: 'public/deepseek-v3', messages: [{ role: 'user', content: 'def secret_code(): ...' }] });
const POST: RequestInit = { method: 'POST', body: BODY, headers: { authorization: 'Bearer drun-key', 'content-type': 'application/json' } };

async function rejection(run: Promise<unknown>): Promise<DrunError> {
  try {
    await run;
  } catch (error) {
    assert.ok(error instanceof DrunError, `expected a DrunError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the request to fail');
}

describe('guarded fetch and redirects', () => {
  let standIn: RecordingServer;
  let outsider: RecordingServer;

  before(async () => {
    standIn = await RecordingServer.start();
    outsider = await RecordingServer.start();
  });
  after(async () => {
    await standIn.close();
    await outsider.close();
  });
  beforeEach(() => {
    for (const server of [standIn, outsider]) {
      server.seen.length = 0;
      server.plan.clear();
    }
  });

  const drunFetch = () => createGuardedFetch({ keyKind: 'drun', approvedCustomHosts: [], standInOrigin: standIn.url });

  for (const status of [301, 302, 307, 308]) {
    it(`follows a ${status} within chat.d.run with the same method, body and key`, async () => {
      standIn.plan.set('chat.d.run/v1/chat/completions', { status, location: '/v2/chat/completions' });
      const response = await drunFetch()('https://chat.d.run/v1/chat/completions', POST);
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { answeredBy: 'chat.d.run/v2/chat/completions' });
      const last = standIn.seen[1];
      assert.equal(standIn.seen.length, 2);
      assert.deepEqual([last.method, last.authorization, last.body], ['POST', 'Bearer drun-key', BODY]);
    });

    it(`refuses a ${status} to a host the D.run key may not go to, and sends it nothing`, async () => {
      standIn.plan.set('chat.d.run/v1/chat/completions', { status, location: `${outsider.url}/v1/chat/completions` });
      const error = await rejection(drunFetch()('https://chat.d.run/v1/chat/completions', POST));
      assert.equal(error.kind, 'redirectBlocked');
      assert.equal(error.context.host, 'chat.d.run');
      assert.equal(error.context.redirectHost, outsider.host);
      assert.match(error.detail, new RegExp(`HTTP ${status} chat\\.d\\.run -> ${outsider.host}`));
      assert.deepEqual(outsider.seen, []);
    });
  }

  it('follows a redirect from chat.d.run to another D.run host, checked by the same rule', async () => {
    standIn.plan.set('chat.d.run/v1/chat/completions', { status: 307, location: 'https://sh-02.d.run/v1/chat/completions' });
    const response = await drunFetch()('https://chat.d.run/v1/chat/completions', POST);
    assert.deepEqual(await response.json(), { answeredBy: 'sh-02.d.run/v1/chat/completions' });
    assert.deepEqual(
      standIn.seen.map((seen) => [seen.host, seen.authorization, seen.body]),
      [
        ['chat.d.run', 'Bearer drun-key', BODY],
        ['sh-02.d.run', 'Bearer drun-key', BODY],
      ],
    );
  });

  it('refuses a redirect from https to plain http, even on a D.run host', async () => {
    standIn.plan.set('chat.d.run/v1/models', { status: 301, location: 'http://chat.d.run/v1/models' });
    const error = await rejection(drunFetch()('https://chat.d.run/v1/models', { method: 'GET' }));
    assert.equal(error.kind, 'redirectBlocked');
    assert.equal(standIn.seen.length, 1);
  });

  it('refuses a redirect to a look-alike host', async () => {
    standIn.plan.set('chat.d.run/v1/models', { status: 302, location: 'https://chat.d.run.evil.example/v1/models' });
    const error = await rejection(drunFetch()('https://chat.d.run/v1/models', { method: 'GET' }));
    assert.deepEqual([error.kind, error.context.redirectHost], ['redirectBlocked', 'chat.d.run.evil.example']);
  });

  it('turns a 303 into a GET without the body', async () => {
    standIn.plan.set('chat.d.run/v1/chat/completions', { status: 303, location: '/v1/answer' });
    await drunFetch()('https://chat.d.run/v1/chat/completions', POST);
    assert.deepEqual([standIn.seen[1].method, standIn.seen[1].body], ['GET', '']);
  });

  it(`stops a redirect loop after ${MAX_REDIRECTS} hops`, async () => {
    standIn.plan.set('chat.d.run/v1/models', { status: 307, location: '/v1/models' });
    const error = await rejection(drunFetch()('https://chat.d.run/v1/models', { method: 'GET' }));
    assert.equal(error.kind, 'tooManyRedirects');
    assert.equal(standIn.seen.length, MAX_REDIRECTS + 1);
    assert.equal(error.detail.split('HTTP 307 chat.d.run -> chat.d.run').length - 1, MAX_REDIRECTS + 1, 'the log lists every hop');
  });

  it('follows a custom server only to another approved host', async () => {
    const custom = (approved: string[]) => createGuardedFetch({ keyKind: 'custom', approvedCustomHosts: approved });
    standIn.plan.set(`${standIn.host}/v1/chat/completions`, { status: 307, location: `${outsider.url}/v1/chat/completions` });

    const error = await rejection(custom([standIn.host])(`${standIn.url}/v1/chat/completions`, POST));
    assert.deepEqual([error.kind, error.context.host, error.context.redirectHost], ['redirectBlocked', standIn.host, outsider.host]);
    assert.equal(outsider.seen.length, 0);

    const response = await custom([standIn.host, outsider.host])(`${standIn.url}/v1/chat/completions`, POST);
    assert.equal(response.status, 200);
    assert.deepEqual([outsider.seen[0].authorization, outsider.seen[0].body], ['Bearer drun-key', BODY]);
  });

  it('a chat against a MaaS stand-in that answers 307 to another origin ends in redirectBlocked, and the code never leaves', async () => {
    const maas: Endpoint = { baseUrl: 'https://chat.d.run/v1', host: 'chat.d.run', mode: 'maas', keyKind: 'drun' };
    const fake = await FakeDrunServer.start();
    try {
      standIn.plan.set('chat.d.run/v1/chat/completions', { status: 307, location: `${fake.url}/v1/chat/completions` });
      const client = new DrunClient({ endpoint: maas, apiKey: DEFAULT_API_KEY, standInOrigin: standIn.url, maxRetries: 0 });
      const error = await rejection(client.streamChat({ model: 'public/deepseek-v3', messages: [{ role: 'user', content: 'def secret_code(): ...' }] }, new AbortController().signal, () => undefined));
      assert.equal(error.kind, 'redirectBlocked');
      assert.deepEqual(fake.requests, []);
    } finally {
      await fake.close();
    }
  });
});
