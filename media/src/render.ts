// Markdown → sanitised DOM. The only way markup enters the view; used for questions, answers and reasoning.
import MarkdownIt from 'markdown-it';
import { highlightCode } from './highlight';
import { sanitizeHtml } from './sanitize';

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: false, typographer: false, highlight: highlightCode });

// Tables align columns with style attributes, which the sanitiser (and the CSP) refuse: use classes instead.
markdown.core.ruler.push('drun_table_align', (state) => {
  for (const token of state.tokens) {
    if (token.type !== 'th_open' && token.type !== 'td_open') {
      continue;
    }
    const align = /text-align:\s*(left|center|right)/.exec(String(token.attrGet('style') ?? ''));
    token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
    if (align) {
      token.attrJoin('class', `md-align-${align[1]}`);
    }
  }
  return true;
});

/** Renders untrusted markdown into `target`, replacing what was there. */
export function renderMarkdown(target: Element, source: string): void {
  target.replaceChildren(sanitizeHtml(markdown.render(source)));
}
