// Entry point of the chat webview (bundled to media/dist/chat.js).
import { connectHost } from './host';
import { parseExtensionMessage } from '../../core/chat/protocol/messages';
import { ChatView } from './view';

function start(): void {
  const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
  const host = connectHost();
  const view = new ChatView(root, host);
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = parseExtensionMessage(event.data);
    if (message) {
      view.handle(message);
    }
  });
  host.post({ type: 'ready' });
}

start();
