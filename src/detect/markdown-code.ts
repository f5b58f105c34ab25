/**
 * What a Markdown document shows, each view kept in place with the rest blanked out, so that offsets into it are offsets
 * into the document. Its commands: its shell code blocks (```` ```sh ````, ```` ```console ```` lines after a prompt, a
 * block without a language, an indented block) and its inline code spans (`` `mysql -u app -p'…' db` ``), which a
 * command's reader reads as a script (other languages' blocks, YAML or JSON, are their own readers' business). Its prose:
 * sentences, list items, tables and headings, where a note says a login or a token (`the break-glass login is admin / …`).
 */

/** A fence's language that holds shell commands; an empty one is taken as shell (most READMEs leave it out). */
const SHELL_LANGUAGE = /^(?:|sh|bash|shell|zsh|console|shell-session|shellsession|terminal|powershell|ps1|pwsh|cmd|bat)$/i;
/** A prompt before a command in a console block (`$ `, `# `, `> `, `user@host:~$ `). */
const PROMPT = /^[ \t]*(?:[\w.@-]{1,60}:[~\w./-]{0,80})?[$#>%][ \t]+/;
const MAX_INLINE_LINE = 4000;
const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})[ \t]*([\w+-]*)[^\n]*$/;

/** A Markdown document's commands and its prose (above), from one reading of its lines. */
export function markdownParts(text: string): { commands: string; prose: string } {
  const commands: string[] = [];
  const prose: string[] = [];
  for (const { line, kind } of markdownLines(text)) {
    prose.push(kind === 'prose' ? line : blank(line));
    if (kind === 'shell') commands.push(line);
    else if (kind === 'console') {
      // a console block: its commands follow a prompt, the rest is what they printed
      const prompt = PROMPT.exec(line);
      commands.push(prompt ? ' '.repeat(prompt[0].length) + line.slice(prompt[0].length) : blank(line));
    } else commands.push(kind === 'prose' ? inlineCode(line) : blank(line));
  }
  return { commands: commands.join('\n'), prose: prose.join('\n') };
}

/** What a line of a Markdown document is: prose, a fence (`fence`), a shell block's line, a console block's, another block's. */
type LineKind = 'prose' | 'fence' | 'shell' | 'console' | 'other-code';

function markdownLines(text: string): { line: string; kind: LineKind }[] {
  const out: { line: string; kind: LineKind }[] = [];
  let fence: { marker: string; shell: boolean; console: boolean } | undefined;
  let indented = false;
  let previousBlank = true;
  for (const line of text.split('\n')) {
    if (fence) {
      if (line.trimStart().startsWith(fence.marker) && line.trim().replace(/[`~]/g, '') === '') {
        fence = undefined;
        out.push({ line, kind: 'fence' });
      } else out.push({ line, kind: !fence.shell ? 'other-code' : fence.console ? 'console' : 'shell' });
      continue;
    }
    // an indented code block: four spaces or a tab, after a blank line or more of the block
    if (/^(?: {4}|\t)/.test(line) && line.trim() && (indented || previousBlank)) {
      out.push({ line, kind: 'shell' });
      indented = true;
      previousBlank = false;
      continue;
    }
    indented = false;
    previousBlank = !line.trim();
    const opening = FENCE.exec(line);
    if (opening) {
      const language = opening[2];
      fence = { marker: opening[1], shell: SHELL_LANGUAGE.test(language), console: /^(?:console|shell-session|shellsession|terminal)$/i.test(language) };
      out.push({ line, kind: 'fence' });
      continue;
    }
    out.push({ line, kind: 'prose' });
  }
  return out;
}

/** The line's characters as blanks (a `\r` kept). */
function blank(line: string): string {
  return line.replace(/[^\r]/g, ' ');
}

/** A line's inline code spans, each its own command (its backticks become `;`), the prose around them blanked. */
function inlineCode(line: string): string {
  // a line of prose is short: a longer one (a table, minified text) is not read for commands
  if (!line.includes('`') || line.length > MAX_INLINE_LINE) return blank(line);
  let result = '';
  let at = 0;
  for (const m of line.matchAll(/(`+)([^`]+?)\1(?!`)/g)) {
    result += blank(line.slice(at, m.index));
    const ticks = ';'.repeat(m[1].length);
    result += ticks + m[2] + ticks;
    at = m.index! + m[0].length;
  }
  return result + blank(line.slice(at));
}
