/**
 * The credentials found in one token list, and the one way to report a value: a span of a
 * token's text that is checked (quotes and blanks trimmed, references and switches dropped)
 * and kept unless an earlier finding already covers it.
 */
import { isCommandSubstitution, isVariableOnly, judgeSecretValue } from '../scan.js';
import { isBlank, type Tok } from './lexer.js';

export interface Found {
  tok: number;
  start: number;
  end: number;
  via: string;
  description: string;
  viaVariable: boolean;
}

export class Findings {
  readonly found: Found[] = [];
  private readonly byTok = new Map<number, Found[]>();

  constructor(readonly toks: readonly Tok[]) {}

  add(f: Found): void {
    this.found.push(f);
    const list = this.byTok.get(f.tok);
    if (list) list.push(f);
    else this.byTok.set(f.tok, [f]);
  }

  /** A finding of token k that overlaps [s, e). */
  overlapping(k: number, s: number, e: number): Found | undefined {
    return this.byTok.get(k)?.find((f) => s < f.end && f.start < e);
  }

  /** Report text[start, end) of token k as a credential, unless it is empty, a reference or a switch. */
  report(k: number, start: number, end: number, via: string, description: string): void {
    const t = this.toks[k];
    let s = start;
    let e = end;
    // quotes that survived (exec form: `-p"x"` is passed as is) are not part of the secret
    while (s < e && (t.text[s] === '"' || t.text[s] === "'") && t.text[e - 1] === t.text[s]) {
      s++;
      e--;
    }
    while (s < e && isBlank(t.text[s])) s++;
    while (e > s && isBlank(t.text[e - 1])) e--;
    if (e <= s) return;
    const value = t.text.slice(s, e);
    if (this.overlapping(k, s, e)) return;
    if (isVariableOnly(value)) {
      this.add({ tok: k, start: s, end: e, via, description, viaVariable: true });
      return;
    }
    if (isCommandSubstitution(value) || judgeSecretValue(value) !== 'literal') return;
    this.add({ tok: k, start: s, end: e, via, description, viaVariable: false });
  }

  /** Report the whole of token k (a password given as its own argument). */
  reportToken(k: number, via: string, description: string): void {
    this.report(k, 0, this.toks[k].text.length, via, description);
  }

  /** The findings in token order. */
  sorted(): Found[] {
    return this.found.sort((a, b) => a.tok - b.tok || a.start - b.start);
  }
}
