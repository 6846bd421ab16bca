// Every failure the user can meet, as data. The vscode layer turns a kind into one localised
// sentence with a fix; `detail` is for the log only and never contains the key.
import type { KeyKind } from './endpoint';

/** Something the user can do to fix an error, offered as a button. */
export type FixAction = 'setApiKey' | 'openSettings' | 'showLog' | 'retry' | 'switchMode' | 'pickModel';

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
  | 'badRegion'
  | 'noCustomBaseUrl'
  | 'badCustomBaseUrl'
  | 'customHostNotApproved'
  | 'noModel'
  | 'modelModeMismatch'
  | 'documentChanged'
  /** Not the network nor the server: a bug, or a VS Code API that threw. */
  | 'unexpected';

export interface DrunErrorContext {
  host?: string;
  model?: string;
  status?: number;
  retryAfterMs?: number;
  /** For a model that does not fit its mode: which setting to switch, and to what. */
  modeSetting?: 'mode' | 'completionMode';
  /** Which feature failed, where the fix depends on it. */
  purpose?: 'chat' | 'completion';
  region?: string;
  fittingMode?: 'maas' | 'instance';
  /** Which key was missing or refused: the fix is a different command for each. */
  keyKind?: KeyKind;
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
