// Extracts the English messages of src/**/*.ts with @vscode/l10n-dev (the extractor behind
// `npx @vscode/l10n-dev export`) and checks l10n/bundle.l10n.zh-cn.json against them.
//
//   node scripts/l10n-strings.js   (npm run l10n)  lists strings missing from the bundle, bundle
//                                  keys no longer used, translations whose {N} placeholders differ
//                                  from the English, and calls whose message is not a literal.
//                                  Exits 1 if anything but stale keys is found.
//
// l10n-dev misses two things we need, so a short pass over the TypeScript syntax tree covers them:
// it does not follow an alias (`const t = vscode.l10n.t; t('…')`, used across src/vscode), and it
// silently skips a call whose message is not a literal. The pass finds every l10n call; aliased ones
// go to l10n-dev rewritten as `vscode.l10n.t(…)`, non-literal ones are reported.
'use strict';

const fs = require('fs');
const path = require('path');
const ts = require('typescript');
const { getL10nJson } = require('@vscode/l10n-dev');

const REPO = path.resolve(__dirname, '..');
const SRC_DIR = path.join(REPO, 'src');
const BUNDLE_PATH = path.join(REPO, 'l10n', 'bundle.l10n.zh-cn.json');

/** All .ts files under dir, sorted. */
function listTsFiles(dir) {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** The literal message of an l10n call's first argument (a string, or `{ message: string }`). */
function literalMessage(argument) {
  if (argument && (ts.isStringLiteral(argument) || ts.isNoSubstitutionTemplateLiteral(argument))) {
    return argument.text;
  }
  if (argument && ts.isObjectLiteralExpression(argument)) {
    const message = argument.properties.find(
      (property) => ts.isPropertyAssignment(property) && property.name.getText() === 'message',
    );
    return message ? literalMessage(message.initializer) : undefined;
  }
  return undefined;
}

/**
 * The l10n calls in one TypeScript source: [{ line, message, aliased, argumentsText }], message
 * undefined when the first argument is not a literal. A call counts when its callee is
 * `<vscode>.l10n.t`, `l10n.t` with l10n imported from 'vscode', or a name declared as one of those.
 */
function scanSource(text, fileName = 'source.ts') {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const namespaces = new Set(); // import * as vscode from 'vscode'
  const l10nNames = new Set(); // import { l10n } from 'vscode'
  const aliases = new Set(); // const t = vscode.l10n.t
  const isVscodeModule = (node) => ts.isStringLiteral(node) && node.text === 'vscode';
  const isL10n = (node) =>
    (ts.isPropertyAccessExpression(node) &&
      node.name.text === 'l10n' &&
      ts.isIdentifier(node.expression) &&
      namespaces.has(node.expression.text)) ||
    (ts.isIdentifier(node) && l10nNames.has(node.text));
  const isL10nT = (node) => ts.isPropertyAccessExpression(node) && node.name.text === 't' && isL10n(node.expression);

  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && isVscodeModule(statement.moduleSpecifier)) {
      const bindings = statement.importClause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) {
        namespaces.add(bindings.name.text);
      } else if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) {
          if ((element.propertyName ?? element.name).text === 'l10n') {
            l10nNames.add(element.name.text);
          }
        }
      }
    } else if (
      ts.isImportEqualsDeclaration(statement) &&
      ts.isExternalModuleReference(statement.moduleReference) &&
      isVscodeModule(statement.moduleReference.expression)
    ) {
      namespaces.add(statement.name.text);
    }
  }

  const findAliases = (node) => {
    if (ts.isVariableDeclaration(node) && node.initializer) {
      if (ts.isIdentifier(node.name) && isL10nT(node.initializer)) {
        aliases.add(node.name.text);
      } else if (ts.isObjectBindingPattern(node.name) && isL10n(node.initializer)) {
        for (const element of node.name.elements) {
          if (((element.propertyName ?? element.name).getText()) === 't' && ts.isIdentifier(element.name)) {
            aliases.add(element.name.text);
          }
        }
      }
    }
    // Core code handed vscode.l10n.t as a parameter `t: Translate` (the chat view's labels).
    if (ts.isParameter(node) && ts.isIdentifier(node.name) && node.type && ts.isTypeReferenceNode(node.type) && node.type.typeName.getText() === 'Translate') {
      aliases.add(node.name.text);
    }
    ts.forEachChild(node, findAliases);
  };
  findAliases(source);

  const calls = [];
  const findCalls = (node) => {
    if (ts.isCallExpression(node)) {
      const aliased = ts.isIdentifier(node.expression) && aliases.has(node.expression.text);
      if (aliased || isL10nT(node.expression)) {
        calls.push({
          line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
          message: literalMessage(node.arguments[0]),
          aliased,
          argumentsText: node.arguments.map((argument) => argument.getText(source)).join(', '),
        });
      }
    }
    ts.forEachChild(node, findCalls);
  };
  findCalls(source);
  return calls;
}

/** Every l10n call under srcDir: [{ file, line, message, aliased, argumentsText }]. */
function scanL10nCalls(srcDir = SRC_DIR) {
  return listTsFiles(srcDir).flatMap((file) => {
    const relative = path.relative(srcDir, file).split(path.sep).join('/');
    return scanSource(fs.readFileSync(file, 'utf8'), file).map((call) => ({ file: relative, ...call }));
  });
}

/**
 * The bundle l10n-dev makes from srcDir ({ key: message or { message, comment } }), with the
 * aliased calls handed to it as `vscode.l10n.t(…)`.
 */
async function extractL10nJson(srcDir = SRC_DIR) {
  const files = listTsFiles(srcDir).map((file) => ({ contents: fs.readFileSync(file, 'utf8'), extension: '.ts' }));
  const aliased = scanL10nCalls(srcDir).filter((call) => call.aliased);
  if (aliased.length > 0) {
    const rewritten = aliased.map((call) => `vscode.l10n.t(${call.argumentsText});`);
    files.push({ contents: ["import * as vscode from 'vscode';", ...rewritten].join('\n'), extension: '.ts' });
  }
  return getL10nJson(files);
}

/** The sorted keys VS Code looks up in a translated bundle for the messages under srcDir. */
async function collectL10nStrings(srcDir = SRC_DIR) {
  return Object.keys(await extractL10nJson(srcDir)).sort();
}

/** The sorted `{N}` placeholders in a message, duplicates removed. */
function placeholders(message) {
  return [...new Set(message.match(/\{\d+\}/g) || [])].sort();
}

function loadBundle(bundlePath = BUNDLE_PATH) {
  return JSON.parse(fs.readFileSync(bundlePath, 'utf8'));
}

/** Compares src with a bundle: { strings, missing, stale, placeholderMismatches, nonLiteral }. */
async function checkBundle(srcDir = SRC_DIR, bundlePath = BUNDLE_PATH) {
  const strings = await collectL10nStrings(srcDir);
  const bundle = loadBundle(bundlePath);
  const used = new Set(strings);
  const missing = strings.filter((s) => typeof bundle[s] !== 'string' || bundle[s].trim() === '');
  const stale = Object.keys(bundle).filter((key) => !used.has(key)).sort();
  const placeholderMismatches = strings
    .filter((s) => typeof bundle[s] === 'string' && placeholders(s).join() !== placeholders(bundle[s]).join())
    .map((s) => ({ message: s, translation: bundle[s] }));
  const nonLiteral = scanL10nCalls(srcDir).filter((call) => call.message === undefined);
  return { strings, missing, stale, placeholderMismatches, nonLiteral };
}

module.exports = {
  collectL10nStrings,
  extractL10nJson,
  scanL10nCalls,
  scanSource,
  placeholders,
  loadBundle,
  checkBundle,
  SRC_DIR,
  BUNDLE_PATH,
};

async function main() {
  const result = await checkBundle();
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
    'Calls whose message is not a string literal (cannot be translated)',
    result.nonLiteral.map((call) => `src/${call.file}:${call.line}`),
  );
  const failed = result.missing.length + result.placeholderMismatches.length + result.nonLiteral.length > 0;
  if (!failed && result.stale.length === 0) {
    console.log('All strings are translated.');
  }
  return failed ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.error(error.message);
      process.exitCode = 1;
    },
  );
}
