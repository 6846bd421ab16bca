// Finds every English message passed to `vscode.l10n.t(...)` in src/**/*.ts and checks the
// zh-cn bundle against it.
//
//   node scripts/l10n-strings.js        lists strings missing from l10n/bundle.l10n.zh-cn.json,
//                                       bundle keys no longer used, translations whose {N}
//                                       placeholders differ from the English, and calls whose
//                                       first argument is not a string literal.
//                                       Exits 1 if anything but stale keys is found.
//
// A call counts when it is `vscode.l10n.t(<literal>, ...)`, or `<alias>(<literal>, ...)` in a file
// that declares `const <alias> = vscode.l10n.t` (usually `t`) or a parameter `<alias>: Translate`
// (core code that is handed vscode.l10n.t, such as the chat view's labels). The literal may be '...', "..." or a
// `...` template without ${}, and several literals may be joined with `+`. Comments, other
// strings and regular expressions are skipped by a small lexer, so `// vscode.l10n.t('x')` and
// `foo.t('x')` do not count.
'use strict';

const fs = require('fs');
const path = require('path');

const REPO = path.resolve(__dirname, '..');
const SRC_DIR = path.join(REPO, 'src');
const BUNDLE_PATH = path.join(REPO, 'l10n', 'bundle.l10n.zh-cn.json');

/** All .ts files under dir, sorted, skipping node_modules. */
function listTsFiles(dir) {
  const files = [];
  const walk = (current) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') {
          walk(full);
        }
      } else if (entry.isFile() && entry.name.endsWith('.ts')) {
        files.push(full);
      }
    }
  };
  walk(dir);
  return files.sort();
}

/** The value of a JS string/template escape sequence starting at text[i] === '\\'. */
function readEscape(text, i) {
  const c = text[i + 1];
  const simple = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v' };
  if (c in simple) {
    return { value: simple[c], end: i + 2 };
  }
  if (c === '0' && !/[0-9]/.test(text[i + 2] || '')) {
    return { value: '\0', end: i + 2 };
  }
  if (c === 'x') {
    return { value: String.fromCharCode(parseInt(text.slice(i + 2, i + 4), 16)), end: i + 4 };
  }
  if (c === 'u') {
    if (text[i + 2] === '{') {
      const close = text.indexOf('}', i + 3);
      return { value: String.fromCodePoint(parseInt(text.slice(i + 3, close), 16)), end: close + 1 };
    }
    return { value: String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)), end: i + 6 };
  }
  if (c === '\r') {
    return { value: '', end: text[i + 2] === '\n' ? i + 3 : i + 2 };
  }
  if (c === '\n' || c === '\u2028' || c === '\u2029') {
    return { value: '', end: i + 2 };
  }
  return { value: c, end: i + 2 };
}

/**
 * Splits TypeScript source into the tokens this scanner needs: identifiers, strings (with their
 * unescaped value), templates, and single punctuation characters. Comments and regex literals
 * are dropped. Template substitutions `${...}` are lexed as code, so calls inside them count.
 */
function tokenize(text) {
  const tokens = [];
  let i = 0;
  let line = 1;
  // Brace depth of each open template substitution, to know when `}` resumes the template.
  const templateStack = [];
  let braceDepth = 0;

  const countLines = (from, to) => {
    for (let k = from; k < to; k++) {
      if (text[k] === '\n') {
        line++;
      }
    }
  };
  const lastSignificant = () => tokens[tokens.length - 1];
  const regexAllowed = () => {
    const prev = lastSignificant();
    if (!prev) {
      return true;
    }
    if (prev.type === 'string' || prev.type === 'template' || prev.type === 'number') {
      return false;
    }
    if (prev.type === 'ident') {
      return /^(return|typeof|instanceof|in|of|new|delete|void|throw|case|do|else|yield|await)$/.test(prev.value);
    }
    return !/^[)\]}]$/.test(prev.value);
  };

  // Reads template characters from i (just after ` or the } closing a substitution).
  const readTemplatePart = (startLine) => {
    let value = '';
    while (i < text.length) {
      const c = text[i];
      if (c === '`') {
        i++;
        return { value, closed: true };
      }
      if (c === '$' && text[i + 1] === '{') {
        i += 2;
        return { value, closed: false };
      }
      if (c === '\\') {
        const esc = readEscape(text, i);
        countLines(i, esc.end);
        value += esc.value;
        i = esc.end;
        continue;
      }
      if (c === '\n') {
        line++;
      }
      value += c;
      i++;
    }
    throw new Error(`unterminated template literal starting on line ${startLine}`);
  };

  const pushTemplate = (startLine, part, hasSubstitution) => {
    tokens.push({ type: 'template', value: part.value, hasSubstitution, line: startLine });
    if (!part.closed) {
      templateStack.push(braceDepth);
    }
  };

  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '\n') {
      line++;
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else if (c === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') {
        i++;
      }
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      countLines(i, stop);
      i = stop;
    } else if (c === '\'' || c === '"') {
      const startLine = line;
      let value = '';
      i++;
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\') {
          const esc = readEscape(text, i);
          countLines(i, esc.end);
          value += esc.value;
          i = esc.end;
        } else if (text[i] === '\n') {
          throw new Error(`unterminated string on line ${startLine}`);
        } else {
          value += text[i++];
        }
      }
      i++;
      tokens.push({ type: 'string', value, line: startLine });
    } else if (c === '`') {
      const startLine = line;
      i++;
      const part = readTemplatePart(startLine);
      pushTemplate(startLine, part, !part.closed);
    } else if (c === '}' && templateStack.length > 0 && templateStack[templateStack.length - 1] === braceDepth) {
      // End of a ${...} substitution: the rest of the template follows.
      templateStack.pop();
      i++;
      const startLine = line;
      const part = readTemplatePart(startLine);
      if (!part.closed) {
        templateStack.push(braceDepth);
      }
      tokens.push({ type: 'templateTail', value: part.value, line: startLine });
    } else if (c === '/' && regexAllowed()) {
      let inClass = false;
      i++;
      while (i < text.length && text[i] !== '\n') {
        if (text[i] === '\\') {
          i += 2;
          continue;
        }
        if (text[i] === '[') {
          inClass = true;
        } else if (text[i] === ']') {
          inClass = false;
        } else if (text[i] === '/' && !inClass) {
          break;
        }
        i++;
      }
      i++;
      while (i < text.length && /[a-z]/i.test(text[i])) {
        i++;
      }
      tokens.push({ type: 'regex', value: '/regex/', line });
    } else if (/[A-Za-z_$]/.test(c)) {
      const start = i;
      while (i < text.length && /[\w$]/.test(text[i])) {
        i++;
      }
      tokens.push({ type: 'ident', value: text.slice(start, i), line });
    } else if (/[0-9]/.test(c)) {
      const start = i;
      while (i < text.length && /[\w.]/.test(text[i])) {
        i++;
      }
      tokens.push({ type: 'number', value: text.slice(start, i), line });
    } else {
      if (c === '{') {
        braceDepth++;
      } else if (c === '}') {
        braceDepth--;
      }
      tokens.push({ type: 'punct', value: c, line });
      i++;
    }
  }
  return tokens;
}

const isPunct = (token, value) => token !== undefined && token.type === 'punct' && token.value === value;
const isIdent = (token, value) => token !== undefined && token.type === 'ident' && token.value === value;

/** True when tokens[k..] spell `vscode.l10n.t`. */
function isVscodeL10nT(tokens, k) {
  return (
    isIdent(tokens[k], 'vscode') &&
    isPunct(tokens[k + 1], '.') &&
    isIdent(tokens[k + 2], 'l10n') &&
    isPunct(tokens[k + 3], '.') &&
    isIdent(tokens[k + 4], 't')
  );
}

/**
 * Reads a first argument starting at tokens[k]: one or more string literals joined by `+`,
 * ending at `,` or `)`. Returns the message, or undefined when the argument is not literal.
 */
function readLiteralArgument(tokens, k) {
  let value = '';
  for (;;) {
    const token = tokens[k];
    const literal = token && (token.type === 'string' || (token.type === 'template' && !token.hasSubstitution));
    if (!literal) {
      return undefined;
    }
    value += token.value;
    k++;
    if (isPunct(tokens[k], '+')) {
      k++;
      continue;
    }
    return isPunct(tokens[k], ',') || isPunct(tokens[k], ')') ? value : undefined;
  }
}

/**
 * Every l10n call in one file's text: { message, line } for literal calls, { message: undefined,
 * line } for calls whose first argument cannot be read statically.
 */
function scanSource(text) {
  const tokens = tokenize(text);
  const aliases = new Set();
  for (let k = 0; k + 7 < tokens.length; k++) {
    if (
      /^(const|let|var)$/.test(tokens[k].value) &&
      tokens[k].type === 'ident' &&
      tokens[k + 1].type === 'ident' &&
      isPunct(tokens[k + 2], '=') &&
      isVscodeL10nT(tokens, k + 3) &&
      !isPunct(tokens[k + 8], '(')
    ) {
      aliases.add(tokens[k + 1].value);
    }
    if (tokens[k].type === 'ident' && isPunct(tokens[k + 1], ':') && isIdent(tokens[k + 2], 'Translate') && isPunct(tokens[k - 1], '(')) {
      aliases.add(tokens[k].value);
    }
  }
  const calls = [];
  for (let k = 0; k < tokens.length; k++) {
    let open;
    if (isVscodeL10nT(tokens, k) && !isPunct(tokens[k - 1], '.')) {
      open = k + 5;
    } else if (
      tokens[k].type === 'ident' &&
      aliases.has(tokens[k].value) &&
      !isPunct(tokens[k - 1], '.') &&
      !/^(const|let|var|function)$/.test((tokens[k - 1] || {}).value)
    ) {
      open = k + 1;
    } else {
      continue;
    }
    if (!isPunct(tokens[open], '(')) {
      continue;
    }
    calls.push({ message: readLiteralArgument(tokens, open + 1), line: tokens[k].line });
  }
  return calls;
}

/** Every l10n call under srcDir: [{ file, line, message }], message undefined when not literal. */
function scanL10nCalls(srcDir = SRC_DIR) {
  const calls = [];
  for (const file of listTsFiles(srcDir)) {
    const relative = path.relative(srcDir, file).split(path.sep).join('/');
    let found;
    try {
      found = scanSource(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`${relative}: ${error.message}`);
    }
    for (const call of found) {
      calls.push({ file: relative, line: call.line, message: call.message });
    }
  }
  return calls;
}

/** The sorted unique English messages passed to vscode.l10n.t under srcDir. */
function collectL10nStrings(srcDir = SRC_DIR) {
  const messages = new Set();
  for (const call of scanL10nCalls(srcDir)) {
    if (call.message !== undefined) {
      messages.add(call.message);
    }
  }
  return [...messages].sort();
}

/** The sorted `{N}` placeholders in a message, duplicates removed. */
function placeholders(message) {
  return [...new Set(message.match(/\{\d+\}/g) || [])].sort();
}

function loadBundle(bundlePath = BUNDLE_PATH) {
  return JSON.parse(fs.readFileSync(bundlePath, 'utf8'));
}

/** Compares src with a bundle: { strings, missing, stale, placeholderMismatches, nonLiteral }. */
function checkBundle(srcDir = SRC_DIR, bundlePath = BUNDLE_PATH) {
  const calls = scanL10nCalls(srcDir);
  const strings = collectL10nStrings(srcDir);
  const bundle = loadBundle(bundlePath);
  const used = new Set(strings);
  const missing = strings.filter((s) => typeof bundle[s] !== 'string' || bundle[s].trim() === '');
  const stale = Object.keys(bundle).filter((key) => !used.has(key)).sort();
  const placeholderMismatches = strings
    .filter((s) => typeof bundle[s] === 'string' && placeholders(s).join() !== placeholders(bundle[s]).join())
    .map((s) => ({ message: s, translation: bundle[s] }));
  const nonLiteral = calls.filter((call) => call.message === undefined);
  return { strings, missing, stale, placeholderMismatches, nonLiteral };
}

module.exports = {
  collectL10nStrings,
  scanL10nCalls,
  scanSource,
  placeholders,
  loadBundle,
  checkBundle,
  SRC_DIR,
  BUNDLE_PATH,
};

if (require.main === module) {
  const result = checkBundle();
  const bundleName = path.relative(REPO, BUNDLE_PATH);
  console.log(`${result.strings.length} strings in src/, checked against ${bundleName}.`);
  const section = (title, lines) => {
    if (lines.length > 0) {
      console.log(`\n${title} (${lines.length}):`);
      for (const line of lines) {
        console.log(`  ${line}`);
      }
    }
  };
  section('Missing from the bundle', result.missing.map((s) => JSON.stringify(s)));
  section('Stale bundle keys (no longer in src/)', result.stale.map((s) => JSON.stringify(s)));
  section(
    'Placeholders differ from the English',
    result.placeholderMismatches.map((m) => `${JSON.stringify(m.message)} -> ${JSON.stringify(m.translation)}`),
  );
  section(
    'Calls whose first argument is not a string literal (cannot be translated)',
    result.nonLiteral.map((call) => `src/${call.file}:${call.line}`),
  );
  const failed = result.missing.length + result.placeholderMismatches.length + result.nonLiteral.length > 0;
  if (!failed && result.stale.length === 0) {
    console.log('All strings are translated.');
  }
  process.exitCode = failed ? 1 : 0;
}
