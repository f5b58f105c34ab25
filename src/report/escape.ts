/**
 * The one escaping function of every text output (stylish, fix's report, error lines, SARIF
 * texts; later formats reuse it). A key or a file name can hold any character: printed raw, an
 * ANSI escape recolours or rewrites the terminal, a carriage return or a line break forges
 * lines. Each such character becomes a visible escape, so one field stays on one line.
 */

/** C0 and C1 controls, DEL, line and paragraph separators, and the Unicode bidirectional controls. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

/** Text made safe to print as one line: control characters become `\n`, `\e`, `\x07`, `\u202e`… */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const cp = c.charCodeAt(0);
    return cp < 0x100 ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
  });
}

/** Like escapeControl for each line of a text we laid out ourselves: its line breaks are kept. */
export function escapeLines(text: string): string {
  return text
    .split('\n')
    .map((line) => escapeControl(line))
    .join('\n');
}
