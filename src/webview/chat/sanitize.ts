// Second line of defence after markdown-it (which already escapes raw HTML): an explicit allow-list
// of what markdown can produce. Model output is treated as hostile.
import DOMPurify, { type Config } from 'dompurify';

const ALLOWED_TAGS = [
  'a', 'b', 'blockquote', 'br', 'code', 'del', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img',
  'kbd', 'li', 'ol', 'p', 'pre', 's', 'span', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
];
const ALLOWED_ATTR = ['href', 'title', 'src', 'alt', 'class', 'start'];
/** Listed for the reader; the allow-list above already excludes them. */
const FORBID_TAGS = ['style', 'script', 'svg', 'math', 'iframe', 'frame', 'object', 'embed', 'form', 'input', 'button', 'textarea', 'select', 'link', 'meta', 'base', 'template'];

/** Links may only point to the web or to mail. */
const ALLOWED_URI = /^(?:https?|mailto):/i;
/** Images must be inline raster data: nothing is ever fetched from the network. */
const SAFE_IMAGE_SRC = /^data:image\/(?:png|gif|jpeg|webp);base64,[a-z0-9+/=\s]*$/i;
/** The only classes markdown output may carry: code languages, table alignment and highlight.js tokens. */
const SAFE_CLASS = /^(?:language-[\w+#.-]{1,40}|md-align-(?:left|center|right)|hljs(?:-[a-z][a-z0-9_]{0,30}(?:-[a-z0-9_]{1,30})?)?)$/;

const CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  FORBID_TAGS,
  FORBID_ATTR: ['style'],
  ALLOWED_URI_REGEXP: ALLOWED_URI,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ALLOW_SELF_CLOSE_IN_ATTR: false,
  RETURN_DOM_FRAGMENT: true,
};

let purifier: ReturnType<typeof DOMPurify> | undefined;

function getPurifier(): ReturnType<typeof DOMPurify> {
  if (purifier) {
    return purifier;
  }
  // A private instance so these hooks never leak into anyone else's use of DOMPurify.
  const instance = DOMPurify(window);
  instance.addHook('uponSanitizeAttribute', (_node, data) => {
    if (data.attrName === 'class') {
      const kept = data.attrValue.split(/\s+/).filter((name) => SAFE_CLASS.test(name));
      data.attrValue = kept.join(' ');
      data.keepAttr = kept.length > 0;
    }
  });
  instance.addHook('afterSanitizeAttributes', (node) => {
    // Runs while the markup still lives in DOMPurify's inert document, so a remote src never starts a fetch.
    if (node.nodeName === 'IMG' && !SAFE_IMAGE_SRC.test(node.getAttribute('src') ?? '')) {
      node.removeAttribute('src');
    }
  });
  purifier = instance;
  return instance;
}

/** Sanitises HTML into a fragment that is safe to insert into the live document. */
export function sanitizeHtml(html: string): DocumentFragment {
  const fragment = getPurifier().sanitize(html, CONFIG);
  // Images whose source was refused are replaced by their alt text, so the reader still sees something.
  for (const img of Array.from(fragment.querySelectorAll('img:not([src])'))) {
    img.replaceWith(document.createTextNode(img.getAttribute('alt') ?? ''));
  }
  return fragment;
}
