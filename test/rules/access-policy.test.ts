/** The access policy (RBAC): its validation, and the two rules that hold a project to it. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/lint.js';
import { LoadError } from '../../src/load/parse.js';
import { policyFromText } from '../../src/policy/policy.js';
import { emptySettings } from '../../src/settings.js';
import { REPO } from '../helpers.js';

const POLICY = `# .compose-secrets.yaml
policy:
  roles:
    admin: ["*"]
    service-a: ["db-username"]
    service-b: ["db-password", "cache-*"]
  services:            # service name -> roles
    api: [service-a]
    worker: [service-b]
  roleLabel: com.example.role   # optional: a service label whose value names its role
`;

const secrets =
  'secrets:\n  db-username:\n    environment: DB_USERNAME\n  db-password:\n    environment: DB_PASSWORD\n  cache-token:\n    environment: CACHE_TOKEN\n  cache-key:\n    environment: CACHE_KEY\n';

async function findings(compose: string, policy = POLICY): Promise<string[]> {
  const settings = { ...emptySettings(), policy: policyFromText(policy, '.compose-secrets.yaml', 'section') };
  const result = await lintText('compose.yaml', compose, { settings, rules: ['secret-access-denied', 'secret-access-unused-grant'] });
  expect(result.errors).toEqual([]);
  return result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.ruleId}: ${f.message}`);
}

function policyError(text: string): string {
  try {
    policyFromText(text, 'p.yaml', 'section-or-file');
  } catch (err) {
    if (err instanceof LoadError) return `${err.line ? `${err.file}:${err.line}:${err.column}` : err.file}: ${err.message}`;
    throw err;
  }
  return 'no error';
}

describe('access policy', () => {
  it('allows what the roles grant: by services, by role label, admin "*", globs', async () => {
    const compose = `services:
  api:
    image: x
    secrets: [db-username]
  worker:
    image: x
    secrets: [db-password, cache-token]
    build:
      context: .
      secrets: [cache-key]
  ops:
    image: x
    labels:
      com.example.role: admin
    secrets: [db-password, db-username]
${secrets}`;
    expect(await findings(compose)).toEqual([]);
  });

  it('denies at the mount what no role grants, a build secret too; a service without a role once; an unknown label role', async () => {
    const compose = `services:
  api:
    image: x
    secrets: [db-username, db-password]
    build:
      context: .
      secrets: [cache-key]
  worker:
    image: x
    labels:
      com.example.role: service-z
    secrets: [db-password, cache-token]
  cron:
    image: x
    secrets: [cache-token, cache-key]
  quiet:
    image: x
  ops:
    image: x
    labels: ["com.example.role=admin"]
    secrets: [db-username]
${secrets}`;
    expect(await findings(compose)).toEqual([
      'compose.yaml:4:28 error secret-access-denied: service api mounts secret "db-password", which its roles (service-a) do not grant',
      'compose.yaml:7:17 error secret-access-denied: the build of service api uses secret "cache-key", which its roles (service-a) do not grant',
      'compose.yaml:11:25 error secret-access-denied: the com.example.role label of service worker names role "service-z", which the access policy does not define',
      'compose.yaml:13:3 error secret-access-denied: service cron has no role in the access policy, so it may use no secret; it uses cache-token, cache-key',
    ]);
  });

  it('notes grants and roles no service uses, and warns of grants matching no secret of the project', async () => {
    const policy = `policy:
  roles:
    admin: ["*"]
    reader: [db-username, db-usrname, "cache-*"]
  services:
    api: [reader]
`;
    const compose = `services:\n  api:\n    image: x\n    secrets: [db-username]\n${secrets}`;
    expect(await findings(compose, policy)).toEqual([
      '.compose-secrets.yaml:3:5 info secret-access-unused-grant: role "admin" is held by no service of this project',
      '.compose-secrets.yaml:4:27 warning secret-access-unused-grant: role "reader" grants "db-usrname", which matches no secret this project defines',
      '.compose-secrets.yaml:4:39 info secret-access-unused-grant: role "reader" grants "cache-*", which no service with that role uses',
    ]);
  });

  it('without a policy the rules do nothing', async () => {
    const result = await lintText('compose.yaml', `services:\n  api:\n    image: x\n    secrets: [db-username]\n${secrets}`, {
      rules: ['secret-access-denied', 'secret-access-unused-grant'],
      settings: emptySettings(),
    });
    expect(result.findings).toEqual([]);
  });

  it('is validated with one clear, located line', () => {
    expect(policyError('policy:\n  roles:\n    a: [x]\n  services:\n    api: [b]\n')).toBe('p.yaml:5:11: service "api" names an unknown role "b" (roles: "a")');
    expect(policyError('policy:\n  roles:\n    a: []\n')).toBe('p.yaml:3:5: role "a" is empty: it grants no secret (remove it, or list its secrets)');
    expect(policyError('policy:\n  roles: {}\n')).toBe('p.yaml:2:10: "policy.roles" must map role names to lists of secret names');
    expect(policyError('policy:\n  roles:\n    a: [x]\n  rolelabel: x\n')).toBe('p.yaml:4:3: unknown policy setting "rolelabel" (roles, services, roleLabel)');
    expect(policyError('policy:\n  roles:\n    a: [{x: 1}]\n')).toBe('p.yaml:3:9: role "a" must list secret names (strings)');
    expect(policyError('policy:\n  roles:\n    a: [x]\n  services:\n    api: []\n')).toBe('p.yaml:5:5: service "api" lists no role');
    expect(policyError('policy:\n  roles:\n    a: [x]\n  roleLabel: 3\n')).toBe('p.yaml:4:14: "policy.roleLabel" must be a label name');
    expect(policyError('roles:\n  a: [x]\n')).toBe('no error');
    expect(policyError('')).toBe('p.yaml: the policy file is empty');
  });

  it('comes from the settings file or --policy FILE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-policy-'));
    writeFileSync(join(dir, 'compose.yaml'), `services:\n  api:\n    image: x\n    secrets: [db-username, db-password]\n${secrets}`);
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [join(REPO, 'dist/cli.js'), 'lint', '--format', 'json', '--rule', 'secret-access-denied', ...args], {
        cwd: dir,
        encoding: 'utf8',
      });
    const messages = (r: ReturnType<typeof cli>) => JSON.parse(r.stdout).findings.map((f: { message: string }) => f.message);
    expect(messages(cli())).toEqual([]);
    writeFileSync(join(dir, '.compose-secrets.json'), '{"policy": {"roles": {"a": ["db-username"]}, "services": {"api": ["a"]}}}');
    expect(messages(cli())).toEqual(['service api mounts secret "db-password", which its roles (a) do not grant']);
    writeFileSync(join(dir, 'policy.yaml'), POLICY);
    expect(messages(cli('--policy', 'policy.yaml'))).toEqual(['service api mounts secret "db-password", which its roles (service-a) do not grant']);
    writeFileSync(join(dir, '.compose-secrets.json'), '{"policy": {"roles": {"a": ["db-username"]}, "services": {"api": ["b"]}}}');
    expect(cli()).toMatchObject({ status: 2, stderr: 'compose-secrets: .compose-secrets.json:1:67: service "api" names an unknown role "b" (roles: "a")\n' });
  });
});
