/** Rule-tester cases for the `secrets:` hygiene rules that read only the model (and the in-memory host). */
import { secretExternalWithoutSwarm } from '../../rules/secret-external-without-swarm.js';
import { secretFileMissing } from '../../rules/secret-file-missing.js';
import { secretFileVarUnmounted } from '../../rules/secret-file-var-unmounted.js';
import { secretModePermissive } from '../../rules/secret-mode-permissive.js';
import { secretTargetConflict } from '../../rules/secret-target-conflict.js';
import { secretUndefined } from '../../rules/secret-undefined.js';
import { secretUnused } from '../../rules/secret-unused.js';
import { secretUnversionedExternal } from '../../rules/secret-unversioned-external.js';
import { testRule } from '../rule-tester.js';

const env = (name: string) => `  ${name}:\n    environment: ${name.toUpperCase()}\n`;

testRule(secretUndefined, {
  valid: [
    {
      name: 'a defined secret, short and long form',
      files: { 'compose.yaml': `services:\n  a:\n    image: x\n    secrets:\n      - s\n      - source: s\n        target: t\nsecrets:\n${env('s')}` },
    },
    {
      name: 'an override mounting a secret its base defines',
      files: { 'compose.yaml': `services:\n  a:\n    image: x\nsecrets:\n${env('s')}`, 'compose.override.yaml': 'services:\n  a:\n    secrets: [s]\n' },
    },
    {
      name: 'a mount named by a variable the environment does not set names no secret yet',
      files: { 'compose.yaml': `services:\n  a:\n    image: x\n    secrets:\n      - source: \${WHICH_SECRET}\nsecrets:\n${env('s')}` },
    },
  ],
  invalid: [
    {
      name: 'a mount named by a variable the environment sets to a secret nobody defines',
      files: {
        'compose.yaml': `services:\n  a:\n    image: x\n    secrets:\n      - source: \${WHICH_SECRET}\nsecrets:\n${env('s')}`,
        '.env': 'WHICH_SECRET=t\n',
      },
      errors: [{ messageId: 'mount', line: 5, column: 17, services: ['a'] }],
    },
    {
      name: 'a mount and a build secret that are not defined',
      files: {
        'compose.yaml': `services:\n  a:\n    image: x\n    secrets: [s, typo]\n    build:\n      context: .\n      secrets:\n        - source: npm\nsecrets:\n${env('s')}`,
      },
      errors: [
        { messageId: 'mount', line: 4, column: 18, services: ['a'] },
        { messageId: 'build', line: 8, column: 19, services: ['a'] },
      ],
    },
  ],
});

testRule(secretUnused, {
  valid: [
    { name: 'mounted by a service', files: { 'compose.yaml': `services:\n  a:\n    image: x\n    secrets: [s]\nsecrets:\n${env('s')}` } },
    { name: 'used by a build only', files: { 'compose.yaml': `services:\n  a:\n    build:\n      context: .\n      secrets: [s]\nsecrets:\n${env('s')}` } },
    {
      name: 'a mount named by a variable the environment does not set may be any of them',
      files: {
        'compose.yaml': `services:\n  a:\n    image: x\n    secrets:\n      - source: \${WHICH_SECRET}\nsecrets:\n${env('s')}  t:\n    external: true\n`,
      },
    },
  ],
  invalid: [
    {
      name: 'a mount named by a variable the environment sets is that secret',
      files: {
        'compose.yaml': `services:\n  a:\n    image: x\n    secrets:\n      - source: \${WHICH_SECRET}\nsecrets:\n${env('s')}  t:\n    external: true\n`,
        '.env': 'WHICH_SECRET=s\n',
      },
      errors: [{ messageId: 'unused', line: 9, column: 3, severity: 'warning' }],
    },
    {
      name: 'a secret nobody mounts, whatever its source',
      files: { 'compose.yaml': `services:\n  a:\n    image: x\n    secrets: [s]\nsecrets:\n${env('s')}  stale:\n    external: true\n` },
      errors: [{ messageId: 'unused', line: 8, column: 3, severity: 'warning' }],
    },
  ],
});

testRule(secretFileMissing, {
  valid: [
    {
      name: 'the file exists (relative to the project directory)',
      files: { 'compose.yaml': 'services:\n  a:\n    image: x\n    secrets: [s]\nsecrets:\n  s:\n    file: ./secrets/s.txt\n', 'secrets/s.txt': 'x' },
    },
    { name: 'environment and external sources have no file', files: { 'compose.yaml': `secrets:\n${env('s')}  e:\n    external: true\n` } },
  ],
  invalid: [
    {
      name: 'a file that does not exist',
      files: { 'compose.yaml': 'secrets:\n  db_creds:\n    file: ./config/db-creds.json\n' },
      errors: [{ messageId: 'missing', line: 3, column: 11, severity: 'error' }],
    },
  ],
});

testRule(secretModePermissive, {
  valid: [
    { name: 'short form (the default mode is not written)', files: { 'compose.yaml': 'services:\n  a:\n    image: x\n    secrets: [s]\n' } },
    {
      name: 'owner-only modes, octal however written',
      files: {
        'compose.yaml':
          'services:\n  a:\n    image: x\n    secrets:\n      - source: s\n        mode: 0400\n      - source: t\n        mode: "0600"\n      - source: u\n        mode: 0o440\n        target: u2\n      - source: v\n        mode: 256\n'.replace(
            '0o440',
            '0o400',
          ),
      },
    },
  ],
  invalid: [
    {
      name: 'modes readable by group or others: 0644 (YAML 1.1 octal), "0440", 0o444, 292 (decimal 0444)',
      files: {
        'compose.yaml':
          'services:\n  a:\n    image: x\n    secrets:\n      - source: s\n        mode: 0644\n      - source: t\n        mode: "0440"\n      - source: u\n        mode: 0o444\n      - source: v\n        mode: 292\n',
      },
      errors: [
        { messageId: 'permissive', line: 6, column: 15, severity: 'warning' },
        { messageId: 'permissive', line: 8, column: 15 },
        { messageId: 'permissive', line: 10, column: 15 },
        { messageId: 'permissive', line: 12, column: 15 },
      ],
    },
  ],
});

testRule(secretTargetConflict, {
  valid: [
    {
      name: 'distinct targets; the same secret listed twice',
      files: { 'compose.yaml': 'services:\n  a:\n    image: x\n    secrets:\n      - s\n      - s\n      - source: t\n        target: t2\n' },
    },
    {
      name: 'an override file replacing the mount at a target is how overriding works',
      files: {
        'compose.yaml': 'services:\n  a:\n    image: x\n    secrets:\n      - source: s\n        target: pw\n',
        'compose.override.yaml': 'services:\n  a:\n    secrets:\n      - source: t\n        target: pw\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a target equal to another secret default path, and two equal targets',
      files: {
        'compose.yaml':
          'services:\n  a:\n    image: x\n    secrets:\n      - db\n      - source: cache\n        target: /run/secrets/db\n  b:\n    image: x\n    secrets:\n      - source: s\n        target: pw\n      - source: t\n        target: pw\n',
      },
      errors: [
        { messageId: 'conflict', line: 6, column: 17, services: ['a'] },
        { messageId: 'conflict', line: 13, column: 17, services: ['b'] },
      ],
    },
  ],
});

const pgFile = 'POSTGRES_PASSWORD_FILE=/run/secrets/postgres_password\n';
testRule(secretFileVarUnmounted, {
  valid: [
    {
      name: 'mounted at the default target, and at an explicit one',
      files: {
        'compose.yaml':
          'services:\n  a:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password\n      API_KEY_FILE: /run/secrets/api\n    secrets:\n      - postgres_password\n      - source: api_key_v2\n        target: api\n',
      },
    },
    {
      name: 'a _FILE outside /run/secrets',
      files: { 'compose.yaml': 'services:\n  a:\n    image: x\n    environment:\n      CERT_FILE: /etc/ssl/cert.pem\n' },
    },
    {
      name: 'an env_file variable mounted; environment overriding an env_file one',
      files: {
        'compose.yaml':
          'services:\n  a:\n    image: postgres\n    env_file: pg.env\n    environment:\n      OTHER_FILE: /etc/x\n    secrets: [postgres_password]\n  b:\n    image: postgres\n    env_file: other.env\n    environment:\n      OTHER_FILE: /etc/x\n',
        'pg.env': pgFile,
        'other.env': 'OTHER_FILE=/run/secrets/other\n',
      },
    },
  ],
  invalid: [
    {
      name: 'from environment, from an env_file, through ${VAR} and a bare - VAR the .env fills in',
      files: {
        'compose.yaml':
          'services:\n  a:\n    image: postgres\n    env_file: pg.env\n    environment:\n      TOKEN_FILE: /run/secrets/token\n      KEY_FILE: ${KEY_PATH}\n  b:\n    image: x\n    environment:\n      - CERT_FILE\n',
        'pg.env': pgFile,
        '.env': 'KEY_PATH=/run/secrets/key\nCERT_FILE=/run/secrets/cert\n',
      },
      errors: [
        { messageId: 'environment', line: 6, column: 19, services: ['a'] },
        { messageId: 'interpolated', line: 7, column: 17, services: ['a'] },
        { messageId: 'interpolated', line: 11, column: 9, services: ['b'] },
        { messageId: 'envFile', line: 1, column: 24, file: 'pg.env', services: ['a'] },
      ],
    },
  ],
});

testRule(secretExternalWithoutSwarm, {
  valid: [
    {
      name: 'a stack file (deploy.placement)',
      files: {
        'compose.yaml':
          'services:\n  a:\n    image: x\n    deploy:\n      placement:\n        constraints: [node.role == manager]\n    secrets: [s]\nsecrets:\n  s:\n    external: true\n',
      },
    },
    {
      name: 'an overlay network',
      files: { 'compose.yaml': 'services:\n  a:\n    image: x\n    secrets: [s]\nnetworks:\n  n:\n    driver: overlay\nsecrets:\n  s:\n    external: true\n' },
    },
    { name: 'no external secret', files: { 'compose.yaml': `services:\n  a:\n    image: x\n    secrets: [s]\nsecrets:\n${env('s')}` } },
  ],
  invalid: [
    {
      name: 'external secrets in plain Compose (also the legacy external: {name})',
      files: {
        'compose.yaml':
          'services:\n  a:\n    image: x\n    deploy:\n      replicas: 2\n    secrets: [s, t]\nsecrets:\n  s:\n    external: true\n  t:\n    external:\n      name: t_v1\n',
      },
      errors: [
        { messageId: 'external', line: 8, column: 3, severity: 'info' },
        { messageId: 'external', line: 10, column: 3, severity: 'info' },
      ],
    },
  ],
});

testRule(secretUnversionedExternal, {
  valid: [
    {
      name: 'versioned names: _v3, -2, .10, a versioned key without name',
      files: {
        'compose.yaml':
          'secrets:\n  a:\n    external: true\n    name: app_db_password_v3\n  b:\n    external: true\n    name: tls-key-2\n  c:\n    external: true\n    name: api.10\n  d_v1:\n    external: true\n  e:\n    file: ./e\n',
      },
    },
  ],
  invalid: [
    {
      name: 'an unversioned name, and an unversioned key',
      files: { 'compose.yaml': 'secrets:\n  a:\n    external: true\n    name: app_db_password\n  db_password:\n    external: true\n' },
      errors: [
        { messageId: 'unversioned', line: 4, column: 11, severity: 'info' },
        { messageId: 'unversioned', line: 5, column: 3, severity: 'info' },
      ],
    },
  ],
});
