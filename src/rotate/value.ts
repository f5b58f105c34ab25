/**
 * A new secret value: read from a file or standard input (`--value-from FILE|-`), or generated with
 * the operating system's cryptographic random generator, each character drawn without bias from
 * the alphabet (rejection sampling). Never printed, never on a command line.
 */
import { randomBytes } from 'node:crypto';

export const ALPHABETS = {
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  hex: '0123456789abcdef',
  base64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
  // printable ASCII without quotes, backslash and space, which break shells and config formats
  symbols: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#%+,-./:;<=>?@[]^_{|}~',
} as const;
export type AlphabetName = keyof typeof ALPHABETS;

export function randomValue(length: number, alphabet: string, random: (n: number) => Buffer = randomBytes): string {
  // an alphabet that is no string of two characters or more would make a value anyone can guess
  if (typeof alphabet !== 'string' || alphabet.length < 2 || alphabet.length > 256) throw new Error('a random value needs an alphabet of 2 to 256 characters');
  // the largest multiple of the alphabet's size below 256: bytes above it are drawn again
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const b of random(length * 2)) {
      if (b >= limit) continue;
      out += alphabet[b % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}
