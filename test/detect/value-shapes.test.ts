import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/lint.js';
import { emptySettings } from '../../src/settings.js';

/**
 * Categories of the second generalisation round (tuning set setD), each from both sides: what a
 * value of a secret-named setting must look like, secrets in scripts and config blobs, pairs of
 * user and password, key material.
 */

/** The findings of a compose text as `line:column rule`. */
async function findings(text: string): Promise<string[]> {
  const result = await lintText('compose.yaml', text, { settings: emptySettings() });
  return result.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`);
}

function service(environment: string[]): string {
  return ['services:', '  app:', '    image: example/app', '    environment:', ...environment.map((l) => `      ${l}`), ''].join('\n');
}

describe('a loosely secret name holding a word or a name', () => {
  it('*_AUTH, *_CREDENTIALS and a vague *_KEY holding a word, a file name or a number hold a setting or an identifier', async () => {
    const text = service([
      'KAFKA_SSL_CLIENT_AUTH: requested',
      'KAFKA_SSL_KEYSTORE_CREDENTIALS: keystore_creds',
      'AUTH_GOOGLE_IDENTIFIER_KEY: email',
      'LDAP_SYNC_SSH_KEYS: sshPublicKey',
      'CLOUDINARY_KEY: "630440435940679"',
      'TENANT_API_KEY: acme-prod',
      'SECRET_PERSISTENCE: VAULT',
    ]);
    expect(await findings(text)).toEqual([]);
  });

  it('the same names holding something shaped like a secret are reported, and a password stays a password whatever it looks like', async () => {
    const text = service([
      'KAFKA_SSL_CLIENT_AUTH: Wq8-zt1Lp0',
      'KAFKA_SSL_KEYSTORE_CREDENTIALS: keystore_Creds7',
      'CLOUDINARY_SECRET: "630440435940679"',
      'TENANT_API_KEY: acme-prod-7f3k2',
      'SECRET_PERSISTENCE: Vault-92x',
      'POSTGRES_PASSWORD: postgres',
      'ADMIN_PASSWORD: CHANGEME',
      'PIN_PASSWORD: "123456"',
    ]);
    expect(await findings(text)).toEqual([
      '5:30 secret-in-environment',
      '6:39 secret-in-environment',
      '7:26 secret-in-environment',
      '8:23 secret-in-environment',
      '9:27 secret-in-environment',
      '10:26 secret-in-environment',
      '11:23 secret-in-environment',
      '12:21 secret-in-environment',
    ]);
  });
});

describe('values that are a placeholder, a route pattern or a namespace', () => {
  it('`<redacted>`, a basic-auth route `/*` and a salt that is a cache namespace are not secrets', async () => {
    const text = [
      'services:',
      '  app:',
      '    image: example/app',
      '    command: sh -c \'echo "login ok token=<redacted>"\'',
      '    labels:',
      '      caddy.basicauth: /*',
      '    environment:',
      '      WORDPRESS_CONFIG_EXTRA: |',
      "        define('WP_CACHE_KEY_SALT', 'wcshop_prod_');",
      "        define('AUTH_SALT', 'x7#Lq2!vRt9pZ0');",
      '',
    ].join('\n');
    expect(await findings(text)).toEqual(['10:30 secret-in-environment']);
  });
});

describe('secrets in scripts: a shell entrypoint with the script as command, JSON bodies, SQL, JAAS', () => {
  it('a script given as `command` to an `sh -c` entrypoint is read as a script: JSON body, rpk -p, escaped JSON, SET PASSWORD', async () => {
    const text = [
      'services:',
      '  init:',
      '    image: example/tools',
      '    entrypoint: ["/bin/sh", "-c"]',
      '    command:',
      '      - |',
      "        curl -X PUT http://connect:8083/connectors/x/config -d '{",
      '          "database.user": "cdc",',
      '          "database.password": "Cdc-Pw-77x!",',
      '          "database.port": "5432"',
      "        }'",
      "        rpk security user create app -p 'Rpk.Pw.1234'",
      '        curl -u "elastic:$${ELASTIC_PASSWORD}" http://es:9200/_security/user/w -d "{\\"password\\":\\"Es-Pw-9q8w\\",\\"roles\\":[\\"w\\"]}"',
      '        mysql -uroot -e "SET PASSWORD = PASSWORD(\'My-Root-88z\');"',
      '',
    ].join('\n');
    expect(await findings(text)).toEqual([
      '9:33 hardcoded-credential',
      '12:42 hardcoded-credential',
      '13:100 hardcoded-credential',
      '14:51 hardcoded-credential',
    ]);
  });

  it('the same script under a non-shell entrypoint, and references in its place, are not reported', async () => {
    const text = [
      'services:',
      '  init:',
      '    image: example/tools',
      '    entrypoint: ["/usr/bin/tini", "--"]',
      '    command:',
      '      - |',
      "        curl -d '{",
      '          "database.password": "Cdc-Pw-77x!"',
      "        }'",
      '  init2:',
      '    image: example/tools',
      '    entrypoint: ["/bin/sh", "-c"]',
      '    command:',
      '      - |',
      '        curl -d \'{"database.password": "$${env:DB_PASSWORD}"}\'',
      '        rpk security user create app -p "$$APP_PASSWORD"',
      '        curl -d "{\\"password\\":\\"$$PW\\"}"',
      '        mysql -e "SET PASSWORD = PASSWORD(@new_password)"',
      '',
    ].join('\n');
    expect(await findings(text)).toEqual([]);
  });

  it('JAAS `user_<name>` entries are passwords; other assignments of that file are not', async () => {
    const text = [
      'configs:',
      '  jaas:',
      '    content: |',
      '      KafkaServer {',
      '        org.apache.kafka.common.security.plain.PlainLoginModule required',
      '        username="broker"',
      '        user_broker="Jaas-Pw-7781"',
      '        user_connect="$${env:CONNECT_PASSWORD}";',
      '      };',
      '  other:',
      '    content: |',
      '      user_name="broker"',
      '',
    ].join('\n');
    expect(await findings(text)).toEqual(['7:22 hardcoded-credential']);
  });
});

describe('URLs in a list and URLs without a host', () => {
  it('the password of the first URL of a comma-separated list, and of a URL whose host is empty, are found', async () => {
    const text = service([
      'NATS_URL: nats://app:${NATS_APP_PASSWORD}@nats-1:4222,nats://nats-2:4222',
      "AIRFLOW_CONN_DW: 'snowflake://ETL:Sn0w-Pw-41@/DB/RAW?account=xy1'",
    ]);
    expect(await findings(text)).toEqual(['5:28 secret-via-environment', '6:41 secret-in-environment']);
  });

  it('a list of URLs without passwords, and an `@` in a path, are not credentials', async () => {
    const text = service(['NATS_URL: nats://nats-1:4222,nats://nats-2:4222', 'DOCS_URL: https://example.org/a:b@/c', 'SEEDS: mongodb://h1:27017,h2:27017/db']);
    expect(await findings(text)).toEqual([]);
  });
});

describe('options mixing a literal and a variable under a secret-named key', () => {
  it('each credential among the options is reported on its own line, with its own class', async () => {
    const text = service([
      'ZK_CREDS_AND_ACLS: >-',
      '  -DzkACLProvider=org.example.DigestProvider',
      '  -DzkDigestUsername=admin -DzkDigestPassword=Zk-Lit-Pw-31',
      '  -DzkDigestReadonlyUsername=ro -DzkDigestReadonlyPassword=${ZK_RO_PASSWORD}',
    ]);
    expect(await findings(text)).toEqual(['7:53 secret-in-environment', '8:66 secret-via-environment']);
  });

  it('a secret-named key whose value is one password, or one variable, is reported at the key as before', async () => {
    const text = service(['ZK_CREDS: Zk-Lit-Pw-31', 'ZK_RO_CREDS: ${ZK_RO_PASSWORD}']);
    expect(await findings(text)).toEqual(['5:17 secret-in-environment', '6:7 secret-via-environment']);
  });
});

describe('user:password pairs', () => {
  it('a *_USER or *_USER_INFO value naming a user with its password, and a secret-named config of key:secret:role lines', async () => {
    const text = [
      'services:',
      '  app:',
      '    image: example/app',
      '    environment:',
      '      RP_BOOTSTRAP_USER: "superuser:Boot-Pw-8812"',
      '      SR_BASIC_AUTH_USER_INFO: connect:${SR_CONNECT_PASSWORD}',
      'configs:',
      '  api_keys:',
      '    content: |',
      '      ci-deployer:7ae3E4Ud2ufLXZ3Re72sCkZa:administrator',
      '',
    ].join('\n');
    expect(await findings(text)).toEqual(['5:37 secret-in-environment', '6:40 secret-via-environment', '10:19 hardcoded-credential']);
  });

  it('a user alone, a uid:gid, a principal list, a host:port and a config not named for secrets are not pairs', async () => {
    const text = [
      'services:',
      '  app:',
      '    image: example/app',
      '    environment:',
      '      POSTGRES_USER: superuser',
      '      RUN_AS_USER: "1000:1000"',
      '      KAFKA_SUPER_USERS: User:broker;User:ANONYMOUS',
      '      PROXY_USER: proxy:${PROXY_HOST_PORT}',
      'configs:',
      '  hosts:',
      '    content: |',
      '      ci-deployer:7ae3E4Ud2ufLXZ3Re72sCkZa:administrator',
      '',
    ].join('\n');
    expect(await findings(text)).toEqual([]);
  });
});

describe('letters of one case and digits as a generator writes them (set BN)', () => {
  it('base 36 of twenty characters or more, digits all through it, is generated; a word and a number, or a hostname, is not', async () => {
    const { isGeneratedLiteral, isSingleCaseRandom } = await import('../../src/detect/password-shape.js');
    expect(isSingleCaseRandom('5zwozvb1rkrbmy4po24slbsy54cr3kh0cfvl8x1r0af9otvc3m5g')).toBe(true);
    expect(isGeneratedLiteral('a0hhdsqnp6h79anpq14e33v8hmoxk0')).toBe(true);
    expect(isSingleCaseRandom('ztfpartnershipfilter2024')).toBe(false);
    expect(isSingleCaseRandom('db01prod02eu03west04')).toBe(false);
    expect(isSingleCaseRandom('abcdefghij0123456789')).toBe(false);
  });
});

describe('a name and generated hex digits (set BU)', () => {
  it('a word or two and sixteen hex digits or more with a digit and a letter are generated; fewer, or no letter among them, are not', async () => {
    const { isGeneratedLiteral, isHexTailed } = await import('../../src/detect/password-shape.js');
    expect(isHexTailed('loop-f105487f213be744')).toBe(true);
    expect(isGeneratedLiteral('smoketest-375008fe3b993306')).toBe(true);
    expect(isHexTailed('release-2024-0610abcd')).toBe(false);
    expect(isHexTailed('build-1234567890123456')).toBe(false);
    expect(isHexTailed('Loop-f105487f213be744')).toBe(false);
  });
});
