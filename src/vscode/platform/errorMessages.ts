// One localised sentence and one fix for every DrunError.
import * as vscode from 'vscode';
import type { RetryNotice } from '../../core/platform/drunClient';
import { DrunError, ErrorInfo, FixAction } from '../../core/platform/errors';

export function describeError(error: DrunError): ErrorInfo {
  const info = describeKind(error);
  const said = error.context.serverMessage;
  // badRequest quotes the server already.
  return said && error.kind !== 'badRequest' ? { ...info, message: vscode.l10n.t('{0} The server said: "{1}"', info.message, clip(said)) } : info;
}

function describeKind(error: DrunError): ErrorInfo {
  const host = error.context.host ?? 'D.run';
  const model = error.context.model ?? '';
  const seconds = Math.ceil((error.context.retryAfterMs ?? 0) / 1000);
  const t = vscode.l10n.t;
  switch (error.kind) {
    case 'noApiKey':
      return error.context.keyKind === 'custom'
        ? { message: t('No API key is set for your custom server {0}. Run "D.run: Set Custom Server API Key".', host), action: 'setApiKey', actionLabel: t('Set Custom Server API Key') }
        : withAction(t('No D.run API key is set. Set your API key to start.'), 'setApiKey');
    case 'unauthorized':
      return withAction(t('{0} rejected the API key (401). Set a valid API key.', host), 'setApiKey');
    case 'keyExpired':
      return withAction(t('Your API key has expired. Create a new key in the D.run console and set it.'), 'setApiKey');
    case 'forbidden':
      return withAction(t('{0} refused access (403): the key may lack permission or quota for this model. Check it in the D.run console.', host), 'setApiKey');
    case 'modelNotFound':
      return withAction(t('Model "{0}" was not found on {1}. Pick a model that exists there.', model, host), 'openSettings');
    case 'badRequest':
      return withAction(t('{0} did not accept the request: {1}', host, error.context.serverMessage ? clip(error.context.serverMessage) : firstSentence(error.detail)), 'showLog');
    case 'routeNotFound':
      switch (error.context.route) {
        case 'completions':
          return withAction(t('{0} has no completions route (/v1/completions), so the qwen-fim template cannot work there. Use the chat template to complete with a chat model.', host), 'useChatTemplate');
        case 'models':
          return { message: t('{0} does not list its models (it has no /v1/models route).', host) };
        default:
          return withAction(t('{0} has no chat route (/v1/chat/completions): check that the server address in the settings is an OpenAI-compatible API.', host), 'openSettings');
      }
    case 'rateLimited':
      return seconds > 0
        ? withAction(t('Rate limited by {0}; it asks to wait {1} s. Try again then.', host, seconds), 'retry')
        : withAction(t('Rate limited by {0}. Wait a moment and try again.', host), 'retry');
    case 'quotaExceeded':
      return withAction(t('Your D.run token quota is used up. Top up or raise the quota in the D.run console.'), 'showLog');
    case 'serverError':
      return withAction(t('{0} had a server error. Try again in a moment.', host), 'retry');
    case 'instanceUnavailable':
      return withAction(t('Your instance at {0} is not answering: it may be stopped or not deployed. Start it in the D.run console, or check drun.region.', host), 'openSettings');
    case 'network':
      return withAction(t('Cannot reach {0}. Check your network or proxy.', host), 'retry');
    case 'timeout':
      return withAction(t('{0} did not answer in time. Try again, or raise drun.requestTimeoutSeconds.', host), 'retry');
    case 'streamDropped':
      return withAction(t('The connection to {0} dropped before the answer finished. Try again.', host), 'retry');
    case 'malformedStream':
      return withAction(t('{0} sent a reply that could not be read. Try again; the log has details.', host), 'showLog');
    case 'cancelled':
      return { message: t('Stopped.') };
    case 'hostNotAllowed':
      return withAction(t('Refused to send your API key to {0}: it is not a D.run host or an approved custom server.', host), 'openSettings');
    case 'redirectBlocked':
      return withAction(
        t('{0} redirected the request to {1}, where your API key may not go, so nothing was sent there. Check the server address in your settings.', host, error.context.redirectHost ?? ''),
        'openSettings',
      );
    case 'tooManyRedirects':
      return withAction(t('{0} redirected the request too many times. Check the server address; the log lists the hops.', host), 'showLog');
    case 'certificateUntrusted':
      return withAction(
        t('The certificate of {0} is not trusted (a company proxy or a self-signed server?). Add its CA to the system store with http.systemCertificates on, or set NODE_EXTRA_CA_CERTS to the CA file and restart VS Code.', host),
        'openSettings',
      );
    case 'proxyFailed':
      return withAction(t('The proxy could not connect to {0}. Check http.proxy or HTTPS_PROXY, the proxy\'s credentials, and http.noProxy.', host), 'openSettings');
    case 'badRegion':
      return withAction(t('The region "{0}" is not valid. Set drun.region to your instance\'s region, for example sh-02.', error.context.region ?? ''), 'openSettings');
    case 'noCustomBaseUrl':
      return withAction(t('Custom mode needs drun.customBaseUrl, set in the User tab of Settings (not Workspace or Remote).'), 'openSettings');
    case 'badCustomBaseUrl':
      return withAction(t('drun.customBaseUrl is not usable: use https://, or http:// only for localhost.'), 'openSettings');
    case 'customHostNotApproved':
      return withAction(t('You have not approved {0} to receive your custom server key.', host), 'openSettings');
    case 'noModel':
      if (error.context.serverListsNone) {
        return error.context.purpose === 'completion'
          ? withAction(t('No completion model is set, and {0} lists no models to use instead. Set drun.completion.model to a model it serves.', host), 'openSettings')
          : withAction(t('No chat model is set, and {0} lists no models to use instead. Pick a model, or set drun.chat.model to one it serves.', host), 'pickModel');
      }
      return withAction(t('No completion model is set. Set drun.completion.model to your Qwen2.5-Coder instance, for example u-xxxx/qwen2-coder.'), 'openSettings');
    case 'modelModeMismatch':
      return {
        message: model.startsWith('public/')
          ? t('"{0}" is a MaaS model, but requests go to your instance. Switch to MaaS, or pick an instance model.', model)
          : t('"{0}" is not a MaaS model (MaaS names start with public/). Switch to Instance, or pick a public/ model.', model),
        action: 'switchMode',
        actionLabel: error.context.fittingMode === 'instance' ? t('Switch to Instance') : t('Switch to MaaS'),
      };
    case 'documentChanged':
      return { message: t('The document changed while the completion was on its way, so nothing was inserted.') };
    case 'unexpected':
      return withAction(t('Something went wrong in D.run. The log has the details.'), 'showLog');
  }
}

function withAction(message: string, action: FixAction): ErrorInfo {
  return { message, action, actionLabel: actionLabel(action) };
}

export function actionLabel(action: FixAction): string {
  switch (action) {
    case 'setApiKey':
      return vscode.l10n.t('Set API Key');
    case 'openSettings':
      return vscode.l10n.t('Open Settings');
    case 'showLog':
      return vscode.l10n.t('Show Log');
    case 'retry':
      return vscode.l10n.t('Retry');
    case 'switchMode':
      return vscode.l10n.t('Switch Mode');
    case 'pickModel':
      return vscode.l10n.t('Pick a Model');
    case 'useChatTemplate':
      return vscode.l10n.t('Use Chat Template');
  }
}

function firstSentence(detail: string): string {
  return clip(detail.replace(/^HTTP \d+:\s*/, ''));
}

function clip(text: string): string {
  return text.length > 160 ? text.slice(0, 157) + '…' : text;
}

/** What the user reads while we wait to retry. */
export function retryMessage(notice: RetryNotice): string {
  const seconds = Math.ceil(notice.delayMs / 1000);
  return notice.kind === 'rateLimited'
    ? vscode.l10n.t('Rate limited, retrying in {0} s.', seconds)
    : vscode.l10n.t('Server error, retrying in {0} s.', seconds);
}
