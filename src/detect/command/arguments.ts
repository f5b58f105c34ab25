/**
 * The shapes a secret takes inside one argument: `NAME=value`, a header `Name: value`,
 * `user:password`, an option list `username=x,password=y`. Each reads token k from an offset
 * and reports the secret part.
 */
import { classifyKey, describeKind } from '../keys.js';
import { isGeneratedToken } from '../password-shape.js';
import { AUTH_SCHEMES } from '../patterns.js';
import type { Findings } from './findings.js';

/** A session cookie's name: `sessionid`, `PHPSESSID`, `connect.sid`, `_session`. */
const SESSION_COOKIE = /sess|(?:^|[._-])sid$|^sid$/i;

export const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_.]*)=/;

/** A `NAME=value` in token k from offset whose name is sensitive; whether it was one. */
export function reportAssignment(f: Findings, k: number, offset = 0, viaPrefix = ''): boolean {
  const text = f.toks[k].text.slice(offset);
  const m = ASSIGNMENT.exec(text);
  if (!m) return false;
  // form data or a query string (`curl -d "api_key=$KEY&list_id=1"`), an option list (`-o credentials=$CRED,vers=3.0`): each
  // `&name=value` or `,name=value` pair is its own
  // (not in a word that holds a command or quoted words: `SESSION=$(curl -d "id=admin&pw=…" …)` is read as its command)
  const next = /[\s"'`()]/.test(text) ? null : QUERY_NEXT.exec(text.slice(m[0].length));
  const end = next ? offset + m[0].length + next.index : f.toks[k].text.length;
  const v = classifyKey(m[1]);
  if (v.sensitive) f.report(k, offset + m[0].length, end, `${viaPrefix}${m[1]}=`, describeKind(v.kind));
  const rest = next ? reportAssignment(f, k, end + 1, viaPrefix) : false;
  return v.sensitive || rest;
}

/** The `&` before the next pair of form data or a query string, or the `,` of an option list (`mount -o credentials=$CRED,vers=3.0`). */
const QUERY_NEXT = /[&,](?=[A-Za-z_][A-Za-z0-9_.]*=)/;

/**
 * An OpenSSL-style pass phrase source in token k (`pass:x`, `env:VAR`, `file:…`, `fd:N`, `stdin`):
 * the password after `pass:` is reported, `env:` names the variable that holds it, the others point
 * elsewhere. Whether the token was such a source.
 */
export function reportPassSource(f: Findings, k: number, via: string, description: string): boolean {
  const text = f.toks[k].text;
  const source = /^(pass|env|file|fd):|^stdin$/.exec(text);
  if (!source) return false;
  if (source[1] === 'pass') f.report(k, 5, text.length, via, description);
  else if (source[1] === 'env' && text.length > 4) f.add({ tok: k, start: 4, end: text.length, via, description, viaVariable: true });
  return true;
}

/** An Authorization header's scheme: the usual ones, curl's others, or a word of a vendor's before the credential. */
const HEADER_SCHEME = new RegExp(`^(${AUTH_SCHEMES}|Negotiate|ApiKey|Key|[A-Za-z][A-Za-z0-9-]{1,30}(?=[ \\t]+\\S))[ \\t]+`, 'i');

/** A header `Name: value` passed to -H / --header. */
export function reportHeader(f: Findings, k: number, offset: number): void {
  const text = f.toks[k].text;
  const m = /^[ \t]*([A-Za-z0-9_-]+)[ \t]*:[ \t]*/.exec(text.slice(offset));
  if (!m) return;
  const name = m[1];
  let s = offset + m[0].length;
  // Authorization, Proxy-Authorization, X-Authorization, gRPC-gateway's Grpc-Metadata-Authorization
  if (/(?:^|-)authorization$/i.test(name)) {
    // (or a scheme of its own: matrix-registration's `SharedSecret …`, a vendor's `SSWS …`)
    const scheme = HEADER_SCHEME.exec(text.slice(s));
    const kind = scheme ? scheme[1].toLowerCase() : '';
    if (scheme) s += scheme[0].length;
    const description = kind === 'basic' ? 'basic auth credentials' : kind === 'bearer' ? 'bearer token' : 'token';
    f.report(k, s, text.length, 'Authorization header', description);
    return;
  }
  // a cookie's value, each of `name=value; name=value`: a session's or a token's (by its name, or a
  // generated value), not a preference (`theme=dark`); one read from a variable is no secret written
  if (/^cookie$/i.test(name)) {
    for (const m of text.slice(s).matchAll(/([^=;\s]{1,200})=([^;]*)/g)) {
      if (!classifyKey(m[1]).sensitive && !SESSION_COOKIE.test(m[1]) && !isGeneratedToken(m[2]) && !m[2].includes('$')) continue;
      const start = s + m.index! + m[1].length + 1;
      f.report(k, start, start + m[2].length, 'Cookie header', 'cookie secret');
    }
    return;
  }
  const v = classifyKey(name);
  if (v.sensitive) f.report(k, s, text.length, `${name} header`, describeKind(v.kind));
}

/** `user<sep>password` in token k from offset: report the password part. */
export function reportUserPass(f: Findings, k: number, offset: number, via: string, sep: string): void {
  const text = f.toks[k].text;
  const at = text.indexOf(sep, offset);
  if (at < 0) return;
  // a token given as the user with a fixed word as the password (Graylog's `-u TOKEN:token`, GitHub's `TOKEN:x-oauth-basic`):
  // the word is what the API expects, the token is in the user part
  if (TOKEN_AS_USER_MARKERS.has(text.slice(at + sep.length).replace(/^["']|["']$/g, ''))) {
    f.report(k, offset, at, via, 'token');
    return;
  }
  f.report(k, at + sep.length, text.length, via, 'password');
}

const TOKEN_AS_USER_MARKERS = new Set(['token', 'x-oauth-basic', 'api_token', 'x-api-token']);

/** Comma-separated options such as mount's `username=x,password=y`. */
export function reportOptionList(f: Findings, k: number): void {
  const text = f.toks[k].text;
  let offset = 0;
  for (const part of text.split(',')) {
    const m = ASSIGNMENT.exec(part);
    if (m) {
      const v = classifyKey(m[1]);
      if (v.sensitive) f.report(k, offset + m[0].length, offset + part.length, `${m[1]}=`, describeKind(v.kind));
    }
    offset += part.length + 1;
  }
}
