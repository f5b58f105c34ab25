/** Secret names: `POSTGRES_PASSWORD` → `postgres_password`, made unique when two values would share a name. */

/** A Compose (and Swarm) friendly secret name from a variable or key name. */
export function secretName(variable: string): string {
  const s = variable
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[_.-]+|[_.-]+$/g, '');
  // Swarm names are at most 64 characters; keep room for `_v1` and a `_2` suffix
  return (s || 'secret').slice(0, 54).replace(/[_.-]+$/, '');
}

/** The Swarm name of a secret's first version: `postgres_password_v1`. */
export function versionedName(name: string, version = 1): string {
  return `${name}_v${version}`;
}

/**
 * The first free name among `base`, `<service>_<base>` (when one service receives the value) and
 * `base_2`, `base_3`, …; `taken(name)` says whether a name is already used by a different secret.
 */
export function uniqueName(base: string, service: string | undefined, taken: (name: string) => boolean): string {
  const candidates = [base];
  if (service) candidates.push(secretName(`${service}_${base}`));
  for (const c of candidates) if (!taken(c)) return c;
  for (let i = 2; ; i++) {
    const c = `${base}_${i}`;
    if (!taken(c)) return c;
  }
}

/** A shell (and Compose) variable name: what fix writes into the provisioning script and `<VAR>_FILE` keys. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Docker's rule for secret names (daemon/cluster/convert: `^[a-zA-Z0-9]+(?:[a-zA-Z0-9-_.]*[a-zA-Z0-9])?$`, at most 64). */
export const DOCKER_SECRET_NAME = /^[a-zA-Z0-9]+(?:[a-zA-Z0-9_.-]*[a-zA-Z0-9])?$/;

export function isVariableName(s: string): boolean {
  return VARIABLE_NAME.test(s);
}

/** A key fix may rewrite to `<KEY>_FILE`: a variable name, or a property-style one with dots and dashes (`canal.admin-passwd`). */
export function isEnvironmentKey(s: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(s);
}

export function isDockerSecretName(s: string): boolean {
  return s.length <= 64 && DOCKER_SECRET_NAME.test(s);
}
