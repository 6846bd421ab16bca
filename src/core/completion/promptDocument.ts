// Documents with no file on disk, shaped for a prompt: untitled editors and notebook cells.
import type { CurrentDocument } from './context/repoFimPrompt';

const EXTENSION_BY_LANGUAGE: Record<string, string> = {
  typescript: '.ts', typescriptreact: '.tsx', javascript: '.js', javascriptreact: '.jsx',
  python: '.py', go: '.go', java: '.java', c: '.c', cpp: '.cpp', csharp: '.cs', rust: '.rs',
  ruby: '.rb', php: '.php', shellscript: '.sh', sql: '.sql', json: '.json', yaml: '.yaml',
  html: '.html', css: '.css', markdown: '.md', kotlin: '.kt', swift: '.swift', lua: '.lua',
};

/** "Untitled-1" in Python becomes "Untitled-1.py": the extension tells the model the language. */
export function untitledPromptPath(name: string, languageId: string): string {
  const extension = EXTENSION_BY_LANGUAGE[languageId] ?? '';
  return name.toLowerCase().endsWith(extension) ? name : `${name}${extension}`;
}

export interface NotebookCell {
  kind: 'code' | 'markup';
  text: string;
}

/**
 * A notebook as one document: its code cells joined by blank lines, the cursor inside cell
 * `cellIndex`. Markdown cells stay out (they are not code in the cell's language). The path is
 * the notebook's, with the language's extension so the model reads e.g. `analysis.ipynb.py`.
 */
export function notebookPromptDocument(notebookPath: string, languageId: string, cells: readonly NotebookCell[], cellIndex: number, offsetInCell: number): CurrentDocument {
  const separator = '\n\n';
  let text = '';
  let offset = 0;
  cells.forEach((cell, index) => {
    if (index !== cellIndex && cell.kind !== 'code') {
      return;
    }
    if (text !== '') {
      text += separator;
    }
    if (index === cellIndex) {
      offset = text.length + Math.min(Math.max(offsetInCell, 0), cell.text.length);
    }
    text += cell.text;
  });
  return { path: untitledPromptPath(notebookPath, languageId), text, offset };
}
