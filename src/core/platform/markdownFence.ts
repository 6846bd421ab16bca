// Markdown code fences around text we do not control (attached files, documents with a gap).

/** A fence longer than any backtick run inside the code, so the code cannot close it. */
export function fenceFor(code: string): string {
  const longest = Math.max(2, ...Array.from(code.matchAll(/`+/g), (match) => match[0].length));
  return '`'.repeat(longest + 1);
}
