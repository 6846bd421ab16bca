// Shared set-up for ChatSession tests: a fake D.run server for the suite, what the session posted
// to the view, and a MaaS client that reaches the server through the stand-in origin.
import type { ExtensionToView } from '../../../../src/core/chat/protocol/messages';
import { DrunClient } from '../../../../src/core/platform/drunClient';
import { DEFAULT_API_KEY, FakeDrunServer, type FakeDrunServerOptions } from '../../../fixtures/fakeDrunServer';

export interface ChatRig {
  server: FakeDrunServer;
  /** What the session posted to the view in the current test. */
  readonly posted: ExtensionToView[];
  /** A chat.d.run client that talks to the fake server and retries without waiting. */
  client(): DrunClient;
}

/** Starts the fake server for the suite; empties its request log and `posted` before each test. */
export function useChatRig(serverOptions: FakeDrunServerOptions): ChatRig {
  const rig = {
    posted: [] as ExtensionToView[],
    client: () =>
      new DrunClient({
        endpoint: { baseUrl: 'https://chat.d.run/v1', host: 'chat.d.run', mode: 'maas', keyKind: 'drun' },
        apiKey: DEFAULT_API_KEY,
        standInOrigin: rig.server.url,
        sleep: async () => undefined,
      }),
  } as ChatRig;

  before(async () => {
    rig.server = await FakeDrunServer.start(serverOptions);
  });
  after(() => rig.server.close());
  beforeEach(() => {
    rig.server.reset();
    rig.posted.length = 0;
  });

  return rig;
}
