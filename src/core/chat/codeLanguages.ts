// Code fences name languages loosely ("ts", "py", "sh"); VS Code wants its language ids.

const FENCE_ALIASES: Record<string, string> = {
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascriptreact',
  ts: 'typescript',
  tsx: 'typescriptreact',
  py: 'python',
  python3: 'python',
  rb: 'ruby',
  rs: 'rust',
  golang: 'go',
  kt: 'kotlin',
  cs: 'csharp',
  'c#': 'csharp',
  'c++': 'cpp',
  cxx: 'cpp',
  cc: 'cpp',
  hpp: 'cpp',
  h: 'c',
  sh: 'shellscript',
  bash: 'shellscript',
  zsh: 'shellscript',
  shell: 'shellscript',
  console: 'shellscript',
  ps1: 'powershell',
  pwsh: 'powershell',
  yml: 'yaml',
  md: 'markdown',
  htm: 'html',
  xml: 'xml',
  svg: 'xml',
  jsonc: 'jsonc',
  json5: 'json',
  make: 'makefile',
  mk: 'makefile',
  docker: 'dockerfile',
  text: 'plaintext',
  txt: 'plaintext',
  plain: 'plaintext',
  '': 'plaintext',
};

/** The VS Code language id for a fence's language tag; unknown tags are passed through lower-cased. */
export function languageIdForFence(fence: string): string {
  const tag = fence.trim().toLowerCase();
  return FENCE_ALIASES[tag] ?? tag;
}
