// Every failure the user can meet, as data. The vscode layer turns a kind into one localised
// sentence with a fix; `detail` is for the log only and never contains the key.
import type { KeyKind } from './endpoint';

/** Something the user can do to fix an error, offered as a button. */
export type FixAction = 'setApiKey' | 'openSettings' | 'showLog' | 'retry' | 'switchMode' | 'pickModel' | 'useChatTemplate';

/** An error as the user sees it. */
export interface ErrorInfo {
  /** One sentence that says what went wrong and how to fix it (already localised). */
  message: string;
  action?: FixAction;
  /** Localised label for the action button. */
  actionLabel?: string;
}

export type DrunErrorKind =
  | 'noApiKey'
  | 'unauthorized'
  | 'keyExpired'
  | 'forbidden'
  | 'modelNotFound'
  /** The server has no such API route (a 404 that names the path, not the model). */
  | 'routeNotFound'
  | 'badRequest'
  | 'rateLimited'
  | 'quotaExceeded'
  | 'serverError'
  | 'instanceUnavailable'
  | 'network'
  | 'timeout'
  | 'streamDropped'
  | 'malformedStream'
  | 'cancelled'
  | 'hostNotAllowed'
  /** A server redirected the request to a host the key may not go to. */
  | 'redirectBlocked'
  | 'tooManyRedirects'
  /** TLS could not verify the server: a TLS-inspecting proxy's CA, or a self-signed server. */
  | 'certificateUntrusted'
  /** The configured HTTP(S) proxy refused, failed or could not be reached. */
  | 'proxyFailed'
  | 'badRegion'
  | 'noCustomBaseUrl'
  | 'badCustomBaseUrl'
  | 'customHostNotApproved'
  | 'noModel'
  | 'modelModeMismatch'
  | 'documentChanged'
  /** Not the network nor the server: a bug, or a VS Code API that threw. */
  | 'unexpected';

/** The OpenAI API routes the client calls. */
export type ApiRoute = 'chat' | 'completions' | 'models';

export interface DrunErrorContext {
  host?: string;
  /** Where a refused redirect pointed. */
  redirectHost?: string;
  model?: string;
  route?: ApiRoute;
  status?: number;
  /** The server's own words, where it sent an error inside an answer stream (key removed). */
  serverMessage?: string;
  retryAfterMs?: number;
  /** For a model that does not fit its mode: which setting to switch, and to what. */
  modeSetting?: 'mode' | 'completionMode';
  /** Which feature failed, where the fix depends on it. */
  purpose?: 'chat' | 'completion';
  region?: string;
  fittingMode?: 'maas' | 'instance';
  /** Which key was missing or refused: the fix is a different command for each. */
  keyKind?: KeyKind;
  /** No model is set and the custom server lists none to use instead. */
  serverListsNone?: boolean;
}

export class DrunError extends Error {
  constructor(
    readonly kind: DrunErrorKind,
    readonly detail: string,
    readonly context: DrunErrorContext = {},
  ) {
    super(`${kind}: ${detail}`);
    this.name = 'DrunError';
  }
}

export function isDrunError(error: unknown, kind?: DrunErrorKind): error is DrunError {
  return error instanceof DrunError && (kind === undefined || error.kind === kind);
}
