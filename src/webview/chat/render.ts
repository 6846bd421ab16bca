// Markdown → sanitised DOM. The only way markup enters the view; used for questions, answers and reasoning.
import MarkdownIt from 'markdown-it';
import { highlightCode } from './highlight';
import { sanitizeHtml } from './sanitize';

// Tables align columns with style attributes, which the sanitiser (and the CSP) refuse: use classes instead.
function alignTablesWithClasses(markdown: InstanceType<typeof MarkdownIt>): InstanceType<typeof MarkdownIt> {
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
  return markdown;
}

const OPTIONS = { html: false, linkify: true, breaks: false, typographer: false } as const;
const highlighted = alignTablesWithClasses(new MarkdownIt({ ...OPTIONS, highlight: highlightCode }));
/** While an answer streams it is drawn again every frame: highlighting waits for its end. */
const plain = alignTablesWithClasses(new MarkdownIt(OPTIONS));

/** Renders untrusted markdown into `target`, replacing what was there. */
export function renderMarkdown(target: Element, source: string, { highlight = true } = {}): void {
  target.replaceChildren(sanitizeHtml((highlight ? highlighted : plain).render(source)));
}
