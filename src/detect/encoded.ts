import { findEmbeddedAssignments } from './embedded.js';
import { scanValue } from './scan.js';

/**
 * A whole value that is a JSON document encoded in base64 (Zammad's `AUTOWIZARD_JSON`, a
 * Kubernetes-style `*_CONFIG_B64`): the encoding hides nothing, and a credential inside the
 * document is a credential in the value. JWTs have dots and are not read here.
 */
const BASE64_JSON = /^(?:eyJ|eyA|ewo|ewog|W3s|WyJ|Wwo)[A-Za-z0-9+/]{29,}={0,2}$/;

/** Decoded documents longer than this are data, not a configuration value. */
const MAX_DECODED = 64 * 1024;

/** Whether `text` is base64 of a JSON document holding a credential (a password setting, a known token, a URL password). */
export function hasEncodedCredentials(text: string): boolean {
  const v = text.trim();
  if (v.length > (MAX_DECODED * 4) / 3 + 4 || !BASE64_JSON.test(v)) return false;
  const decoded = Buffer.from(v, 'base64').toString('utf8');
  // not text: a binary that happens to start like JSON
  if (decoded.includes('\uFFFD') || /[\u0000-\u0008\u000E-\u001F]/.test(decoded)) return false;
  // scanValue finds URL passwords too
  return scanValue(decoded).length > 0 || findEmbeddedAssignments(decoded).some((a) => !a.viaVariable);
}
