/**
 * The access policy (RBAC): which roles may read which secrets, and which services hold which
 * roles. Policy-as-code in the settings file, or a file of its own (`--policy FILE`):
 *
 *   policy:
 *     roles:
 *       admin: ["*"]
 *       service-a: ["db-username"]
 *       service-b: ["db-password", "cache-*"]
 *     services:            # service name -> roles
 *       api: [service-a]
 *       worker: [service-b]
 *     roleLabel: com.example.role   # optional: a service label whose value names its role
 *
 * Grants name top-level secrets (the names services mount); `*` matches any run of characters.
 * Every entry keeps where it is written, so findings about the policy point into its file.
 */
import { resolve } from 'node:path';
import { nodeHost, readHostText, type FileHost } from '../load/host.js';
import { LoadError, parseComposeText } from '../load/parse.js';
import { quoteKey } from '../load/messages.js';
import type { ServiceModel } from '../model/model.js';
import type { Origin } from '../model/origin.js';
import { get, type TreeNode } from '../model/tree.js';

export interface Grant {
  /** A secret name, or a glob of them (`cache-*`). */
  pattern: string;
  origin: Origin;
}

export interface Role {
  name: string;
  grants: Grant[];
  origin: Origin;
}

export interface Policy {
  roles: Map<string, Role>;
  /** Service name → the roles the policy gives it. */
  services: Map<string, string[]>;
  /** A service label whose value names the service's role. */
  roleLabel?: string;
  /** The file the policy was read from, as displayed. */
  file: string;
}

const POLICY_KEYS = ['roles', 'services', 'roleLabel'];

/** The policy of a settings or policy file's text: its `policy:` section (or, in a policy file, the whole file). Throws LoadError. */
export function policyFromText(text: string, file: string, whole: 'section' | 'section-or-file'): Policy | undefined {
  const parsed = parseComposeText(file, text.replace(/^\uFEFF/, ''));
  const problem = parsed.problems[0];
  if (problem) throw problem;
  const root = parsed.roots[0];
  if (!root) {
    if (whole === 'section') return undefined;
    throw new LoadError(file, 'the policy file is empty');
  }
  const section = get(root, 'policy');
  if (section) return parsePolicy(section, file);
  if (whole === 'section') return undefined;
  return parsePolicy(root, file);
}

/** Validates a policy node: clear one-line errors for a bad shape, empty or unknown roles. */
export function parsePolicy(node: TreeNode, file: string): Policy {
  const fail = (message: string, at: Origin = node.origin): never => {
    throw new LoadError(file, message, at.line, at.column);
  };
  if (node.kind !== 'map') return fail('"policy" must be a mapping of roles, services and roleLabel');
  for (const e of node.entries) if (!POLICY_KEYS.includes(e.key)) fail(`unknown policy setting ${quoteKey(e.key)} (roles, services, roleLabel)`, e.keyOrigin);
  const policy: Policy = { roles: new Map(), services: new Map(), file };
  const roles = get(node, 'roles');
  if (roles?.kind !== 'map' || !roles.entries.length) return fail('"policy.roles" must map role names to lists of secret names', roles?.origin);
  for (const r of roles.entries) {
    const grants = r.value.kind === 'scalar' && typeof r.value.value === 'string' ? [r.value] : r.value.kind === 'seq' ? r.value.items : undefined;
    if (!grants) fail(`role ${quoteKey(r.key)} must list the secrets it grants`, r.value.origin);
    if (!grants!.length) fail(`role ${quoteKey(r.key)} is empty: it grants no secret (remove it, or list its secrets)`, r.keyOrigin);
    const role: Role = { name: r.key, grants: [], origin: r.keyOrigin };
    for (const g of grants!) {
      if (g.kind !== 'scalar' || typeof g.value !== 'string' || g.value === '') fail(`role ${quoteKey(r.key)} must list secret names (strings)`, g.origin);
      role.grants.push({ pattern: String((g as { value: string }).value), origin: g.origin });
    }
    policy.roles.set(r.key, role);
  }
  const services = get(node, 'services');
  if (services !== undefined) {
    if (services.kind !== 'map') fail('"policy.services" must map service names to lists of roles', services.origin);
    for (const s of (services as { entries: { key: string; keyOrigin: Origin; value: TreeNode }[] }).entries) {
      const items = s.value.kind === 'scalar' && typeof s.value.value === 'string' ? [s.value] : s.value.kind === 'seq' ? s.value.items : undefined;
      if (!items) fail(`service ${quoteKey(s.key)} must list its roles`, s.value.origin);
      if (!items!.length) fail(`service ${quoteKey(s.key)} lists no role`, s.keyOrigin);
      const names: string[] = [];
      for (const item of items!) {
        const name = item.kind === 'scalar' && typeof item.value === 'string' ? item.value : undefined;
        if (name === undefined) return fail(`service ${quoteKey(s.key)} must list role names (strings)`, item.origin);
        if (!policy.roles.has(name))
          fail(`service ${quoteKey(s.key)} names an unknown role ${quoteKey(name)} (roles: ${[...policy.roles.keys()].map(quoteKey).join(', ')})`, item.origin);
        names.push(name);
      }
      policy.services.set(s.key, names);
    }
  }
  const label = get(node, 'roleLabel');
  if (label !== undefined) {
    if (label.kind !== 'scalar' || typeof label.value !== 'string' || !label.value) fail('"policy.roleLabel" must be a label name', label.origin);
    policy.roleLabel = String((label as { value: string }).value);
  }
  return policy;
}

/** Whether a grant's pattern matches a secret name (`*` matches any run of characters). */
export function grantMatches(pattern: string, secret: string): boolean {
  if (!pattern.includes('*')) return pattern === secret;
  const re = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`);
  return re.test(secret);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A service's roles: those the policy's `services` gives it, and the one its role label names. */
export interface ServiceRoles {
  roles: string[];
  /** The role label's value when it names a role the policy does not define. */
  unknownLabelRole?: { role: string; origin: Origin };
}

export function rolesOf(policy: Policy, service: ServiceModel): ServiceRoles {
  const roles = [...(policy.services.get(service.name) ?? [])];
  const out: ServiceRoles = { roles };
  if (policy.roleLabel) {
    const label = service.labels.find((l) => l.key === policy.roleLabel);
    const value = label?.value?.value;
    if (label?.value && typeof value === 'string' && value) {
      if (policy.roles.has(value)) {
        if (!roles.includes(value)) roles.push(value);
      } else out.unknownLabelRole = { role: value, origin: label.value.origin };
    }
  }
  return out;
}

/** The first of the roles that grants a secret, or undefined when none does. */
export function grantingRole(policy: Policy, roles: readonly string[], secret: string): string | undefined {
  return roles.find((r) => policy.roles.get(r)?.grants.some((g) => grantMatches(g.pattern, secret)));
}

/** `--policy FILE`: a YAML or JSON file holding a `policy:` section, or only the policy. Throws LoadError. */
export function loadPolicyFile(cwd: string, file: string, host: FileHost = nodeHost): Policy {
  return policyFromText(readHostText(host, resolve(cwd, file), file), file, 'section-or-file')!;
}
