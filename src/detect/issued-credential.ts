import type { ComposeModel } from '../model/model.js';
import { describeKind } from './keys.js';
import { isStockDefault } from './placeholder.js';

/**
 * A credential an outside provider issues, named for the provider (`RESEND_API_KEY`, `GOOGLE_CLIENT_SECRET`,
 * `SLACK_BOT_TOKEN`), holding a placeholder (`placeholder`, `your-resend-api-key`): the provider never issued that
 * value, so it authenticates nothing; the stack runs without the feature. A placeholder for a secret the stack
 * chooses itself is another matter: a signing key, a database's password, an API key of a service in the stack
 * (`TYPESENSE_API_KEY` beside a `typesense` service) is what the stack runs with, and is reported.
 */
export function isIssuedCredentialPlaceholder(name: string | undefined, kind: string, value: string, stack: StackWords): boolean {
  if (name === undefined || !ISSUED_KINDS.has(kind) || isStockDefault(value)) return false;
  const m = ISSUED_NAME.exec(name);
  if (!m) return false;
  const provider = m[1].toLowerCase();
  return !GENERIC_QUALIFIERS.has(provider) && !stack.has(provider);
}

/** The kinds, as a verdict words them (keys.ts' describeKind), of credentials a provider issues. */
const ISSUED_KINDS: ReadonlySet<string> = new Set((['api-key', 'client-secret', 'token'] as const).map(describeKind));

/**
 * The provider's word, then the credential's: an API key or token, an OAuth client's secret, a bot's or an account's
 * token. Not `*_SECRET_KEY` or a bare `*_KEY` (a framework's own signing key), not `*_SECRET_ACCESS_KEY` (an object
 * store's, often the stack's own MinIO).
 */
const ISSUED_NAME =
  /(?:^|[_.-])([A-Za-z][A-Za-z0-9]{2,})[_.-]?(?:API[_.-]?KEY|API[_.-]?TOKEN|CLIENT[_.-]?SECRET|ACCESS[_.-]?TOKEN|BOT[_.-]?TOKEN|AUTH[_.-]?TOKEN)$/i;

/** Words before a credential's that name no provider: the credential is the stack's own (`ADMIN_API_KEY`, `INTERNAL_API_TOKEN`). */
const GENERIC_QUALIFIERS = new Set([
  'app',
  'application',
  'api',
  'admin',
  'internal',
  'service',
  'services',
  'server',
  'client',
  'default',
  'master',
  'root',
  'secret',
  'shared',
  'public',
  'private',
  'web',
  'backend',
  'frontend',
  'init',
  'auth',
  'oauth',
  'oauth2',
  'oidc',
  'sso',
  'jwt',
  'session',
  'access',
  'user',
  'system',
  'local',
  'global',
  'proxy',
  'gateway',
  'worker',
  'core',
  'main',
  'remote',
  'custom',
  'external',
  'site',
  'cluster',
  'node',
  'runner',
  'agent',
  'sync',
  'metrics',
  'monitoring',
  'bot',
  'my',
  'the',
  'read',
  'write',
  'readonly',
  'upload',
  'download',
  'deploy',
  'registration',
  'manager',
  'management',
  'dashboard',
  'integration',
  'plugin',
  'provider',
  'primary',
  'secondary',
  'backup',
  'test',
  'dev',
  'prod',
  'staging',
  'live',
]);

/** The words that name the stack's own services: their names and their images' path parts (`getmeili/meilisearch`). */
export class StackWords {
  private readonly words: string[];
  constructor(model: ComposeModel) {
    const words = new Set<string>();
    for (const service of model.services) {
      const image = service.image?.replace(/[:@].*$/, '') ?? '';
      for (const text of [service.name, image]) for (const w of text.toLowerCase().split(/[^a-z0-9]+/)) if (w.length >= 3) words.add(w);
    }
    this.words = [...words];
  }

  /** Whether a provider's word names a service of the stack, or a part of one (`meili` of `meilisearch`). */
  has(provider: string): boolean {
    return this.words.some((w) => w === provider || (provider.length >= 4 && w.includes(provider)) || (w.length >= 4 && provider.includes(w)));
  }
}
