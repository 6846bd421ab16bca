// Shared set-up for ChatSession tests: a fake D.run server for the suite, the events the session
// emitted, and a MaaS client that reaches the server through the stand-in origin.
import { ChatSession, type ChatSessionDependencies, type ChatSessionEvent } from '../../../../src/core/chat/session';
import { DrunClient } from '../../../../src/core/platform/drunClient';
import { DEFAULT_API_KEY, FakeDrunServer, type FakeDrunServerOptions } from '../../../fixtures/fakeDrunServer';

export interface ChatRig {
  server: FakeDrunServer;
  /** The events the sessions emitted in the current test. */
  readonly posted: ChatSessionEvent[];
  /** A chat.d.run client that talks to the fake server and retries without waiting. */
  client(): DrunClient;
  /** A session on conversation `conversationId` whose events go to `posted` (and then to `onEvent`). */
  session(deps: ChatSessionDependencies, conversationId?: string, onEvent?: (event: ChatSessionEvent) => void): ChatSession;
}

/** Starts the fake server for the suite; empties its request log and `posted` before each test. */
export function useChatRig(serverOptions: FakeDrunServerOptions): ChatRig {
  const rig = {
    posted: [] as ChatSessionEvent[],
    session: (deps: ChatSessionDependencies, conversationId = 'conversation-1', onEvent?: (event: ChatSessionEvent) => void) => {
      const session = new ChatSession(deps, conversationId);
      session.onDidChange((event) => {
        rig.posted.push(event);
        onEvent?.(event);
      });
      return session;
    },
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
