/**
 * Whether a word is shaped like a password someone chose or generated: what lets a value be
 * recognised by itself where the syntax around it says little (an unknown program's `-p x`, a
 * bare `password x` argument). Mixed-case letters and digits (or letters of both cases as a generator writes them),
 * 8 to 128 printable characters, no blank, not a path, URL, reference, option or `host:port`.
 */
export function isPasswordShaped(word: string): boolean {
  let v = word;
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) v = v.slice(1, -1);
  if (v.length < 8 || v.length > 128 || !/^[\x21-\x7e]+$/.test(v)) return false;
  if (/^[-$/{%<@~]/.test(v) || v.includes('/') || v.includes('://') || /^[\w.-]+:\d+$/.test(v)) return false;
  // or letters alone as a generator writes them (`GheInVSiLXcb`: an alphabet with digits gives none in twelve characters
  // about one time in eight)
  return (/[a-z]/.test(v) && /[A-Z]/.test(v) && /\d/.test(v)) || isRandomLetters(v);
}

/**
 * A password where the syntax says one stands (a login's `user / …`, the second of an auth pair): 8 to 128 printable
 * characters, no path, of three of the four kinds of character (lower case, upper case, digits, signs: `Ro^oqvLZuJcM`,
 * `Maple1981?`), not a word or a name (`bearer-token`).
 */
export function isMixedPassword(word: string): boolean {
  if (word.length < 8 || word.length > 128 || !/^[\x21-\x7e]+$/.test(word) || word.includes('/')) return false;
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((kind) => kind.test(word)).length >= 3;
}

/** The name of a cipher, a hash or an encoding, letters and digits too (`chacha20poly1305`, `sha256sum`, `base64url`). */
const ALGORITHM_NAME = /^(?:chacha|aes|sha|md5|blake|argon|pbkdf|scrypt|bcrypt|x25519|ed25519|ed448|curve|poly1305|utf|base\d|ipv|rsa|ecdsa|secp|hmac|crc)/i;
/** Words run together, each capitalised (`OpenShift`, `PostgreSql`): a name. */
const CAMEL_CASE = /^[A-Z]?[a-z]{2,}(?:[A-Z][a-z]{2,})+$/;

/**
 * A word a generator wrote from a smaller alphabet, where a sentence or a login says a password stands: letters of one
 * case and digits mixed (`d34r3vehk7`, `ldn05npzwu`: two runs of digits or more, or one inside ten characters or more; not a
 * word and its number, `welcome123`), or ten letters or more of both cases, the case changing three times or more and not
 * words run together (`hUgJbTJOjt`).
 */
export function isGeneratorWord(word: string): boolean {
  // (hex digits as long as a digest are a checksum's: `Release checksum we pin: bc9e…`)
  if (word.length < 8 || word.length > 64 || ALGORITHM_NAME.test(word) || /^[0-9a-f]{32,}$/.test(word)) return false;
  if (/^[a-z0-9]+$/.test(word) || /^[A-Z0-9]+$/.test(word)) {
    const runs = word.match(/\d+/g) ?? [];
    const letters = word.replace(/\d/g, '').length;
    if (letters < 3 || runs.length === 0) return false;
    return runs.length >= 2 || (word.length >= 10 && /^[A-Za-z]/.test(word) && /[A-Za-z]$/.test(word));
  }
  if (word.length < 10 || !/^[A-Za-z]+$/.test(word) || !/[a-z]/.test(word) || !/[A-Z]/.test(word) || CAMEL_CASE.test(word)) return false;
  return caseChanges(word) >= 3;
}

/** Written as a password or a token is: of a password's shape (a chosen one is too) or a generator's literal. */
export function isShapedOrGenerated(value: string): boolean {
  return isPasswordShaped(value) || isGeneratedLiteral(value);
}

/** A password chosen by a person, as people are told to: password-shaped (`isPasswordShaped`) with a sign (`Stadt2016!`). */
export function isChosenPassword(word: string): boolean {
  return isPasswordShaped(word) && /[^A-Za-z0-9]/.test(word);
}

/** A UUID as written (`ba12e4a6-faa9-4d1f-8457-75dee8662b95`): a resource's id, or an API key or token a service generated. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Letters and digits, both, as a generator writes them: 16 to 128 of them, `-` and `_` allowed (a UUID is one). */
export function isGeneratedToken(value: string): boolean {
  return GENERATED_TOKEN.test(value);
}

const GENERATED_TOKEN = /^(?=[^\s]*\d)(?=[^\s]*[A-Za-z])[A-Za-z0-9_-]{16,128}$/;

/**
 * A literal a generator wrote, signs allowed: 16 or more characters of both cases and digits (or 32+ of hex), no blank,
 * no path or URL (a source file's `const fallbackPassword = "Chhr…"`, not its `"X-Api-Key"` or a word).
 */
export function isGeneratedLiteral(value: string): boolean {
  if (value.length < 16 || value.length > 512 || /\s|:\/\/|^\//.test(value)) return false;
  if (/^(?:0x)?[0-9a-f]{32,}$/i.test(value)) return true;
  if (isSingleCaseRandom(value) || isHexTailed(value)) return true;
  return /^[\x21-\x7e]+$/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value) && /\d/.test(value);
}

/**
 * A word or two and a generated run of 16 hex digits or more (Nightscout's subject tokens, `loop-f105487f213be744`; a
 * service's `smoketest-375008fe3b993306`): the name its owner chose and the secret part a generator wrote.
 */
export function isHexTailed(value: string): boolean {
  return /^[a-z][a-z0-9]{1,30}(?:[-_][a-z0-9]{1,30}){0,3}[-_](?=[0-9a-f]{0,63}\d)(?=[0-9a-f]{0,63}[a-f])[0-9a-f]{16,64}$/.test(value);
}

/**
 * Letters of one case and digits as a generator writes them (base 36: GCN's `5zwozvb1rkrbmy4po24s…`): 20 or more, a
 * digit in every six characters or more, in five runs or more, or four in 24 characters or more (not a word and a year run
 * together: `partnership2024`).
 */
export function isSingleCaseRandom(value: string): boolean {
  if (value.length < 20 || !(/^[a-z0-9]+$/.test(value) || /^[A-Z0-9]+$/.test(value))) return false;
  const digits = value.replace(/\D/g, '').length;
  // (four runs in 24 characters or more: Pushover's 30-character tokens have six on average, four often)
  const runs = value.match(/\d+/g)?.length ?? 0;
  return digits * 6 >= value.length && (runs >= 5 || (runs >= 4 && value.length >= 24)) && /[a-zA-Z]/.test(value);
}

/**
 * Letters of both cases as a generator writes them, no digit (`ScONEUCEiXqRYsvs`): 12 to 64, the case changing at one
 * letter in three or more (`MyApplicationSecret`, words run together, changes at one in four).
 */
export function isRandomLetters(value: string): boolean {
  return /^[A-Za-z]{12,64}$/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value) && caseChangesOften(value);
}

/** Whether the case of these letters changes at one letter in three or more, as a generator writes them (not words run together). */
export function caseChangesOften(letters: string): boolean {
  return caseChanges(letters) * 3 >= letters.length;
}

/** How many times the case changes from one letter to the next. */
function caseChanges(letters: string): number {
  let changes = 0;
  for (let i = 1; i < letters.length; i++) if (letters[i] <= 'Z' !== letters[i - 1] <= 'Z') changes++;
  return changes;
}
