import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, lintText } from '../../src/lint.js';
import { isPlaceholder } from '../../src/detect/placeholder.js';
import { classifyKey } from '../../src/detect/keys.js';
import { REPO } from '../helpers.js';
import { emptySettings } from '../../src/settings.js';
import { ALNUM, B64, B64URL, BASE32, BECH32, DIGITS, fake, HEX, LOWER_ALNUM, UPPER_ALNUM } from './fake.js';

/**
 * The categories of misses and false alarms of the generalisation issue, each from both sides:
 * the case that must fire next to the look-alike that must not.
 */

/** The findings of a compose text as `line:column rule`. */
async function findings(text: string): Promise<string[]> {
  const result = await lintText('compose.yaml', text, { settings: emptySettings() });
  return result.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`);
}

/** A compose text whose config `app` holds `content` as a block scalar (its lines start at line 8). */
function config(content: string[]): string {
  return [
    'services:',
    '  app:',
    '    image: example/app',
    '    configs: [app]',
    'configs:',
    '  app:',
    '    content: |',
    ...content.map((l) => `      ${l}`),
    '',
  ].join('\n');
}

/** The findings of a project written to a fresh directory (`files` by relative path), as `file:line:column rule redacted`. */
async function projectFindings(files: Record<string, string>): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cs-categories-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const result = await lint([dir], { cwd: dir, settings: emptySettings() });
  return result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.redacted}`);
}

function service(environment: string[]): string {
  return ['services:', '  app:', '    image: example/app', '    environment:', ...environment.map((l) => `      ${l}`), ''].join('\n');
}

describe('a literal next to variables', () => {
  it('a URL password written next to an interpolated host is reported; one from a variable is not hardcoded', async () => {
    const text = service(['DATABASE_URL: postgres://admin:Pw0rd123@${DB_HOST}/db', 'REPLICA_URL: postgres://admin:${DB_PASSWORD}@${DB_HOST}/db']);
    expect(await findings(text)).toEqual(['5:38 secret-in-environment', '6:37 secret-via-environment']);
  });

  it('the text of ${VAR:+text} is written in the file', async () => {
    const text = service([
      'OTHER_URL: ${OTHER:+postgres://u:LiteralPw9@h/db}',
      'DB_PASSWORD: ${USE_DEMO:+Demo-Pass-31}',
      'API_TOKEN: ${API_TOKEN:+${REAL_TOKEN}}',
    ]);
    expect(await findings(text)).toEqual(['5:40 secret-in-environment', '6:20 secret-in-environment', '7:7 secret-via-environment']);
  });
});

describe('secrets inside scripts and config blobs', () => {
  it('finds an SQL password in a heredoc and a .pgpass line, not a shell variable or an IPv6 network', async () => {
    const text = [
      'services:',
      '  db:',
      '    image: postgres:16',
      '    command:',
      '      - sh',
      '      - -c',
      '      - |',
      '        psql <<SQL',
      "        CREATE ROLE app LOGIN PASSWORD 'RoleP4ss!';",
      "        CREATE ROLE ro LOGIN PASSWORD '$$RO_PASSWORD';",
      '        SQL',
      '        echo "db:5432:app:app:PgPassLine1" > ~/.pgpass',
      '    environment:',
      '      IPV6_NETWORK: fd4d:6169:6c63:6f77::/64',
      '',
    ].join('\n');
    expect(await findings(text)).toEqual(['9:41 hardcoded-credential', '12:31 hardcoded-credential']);
  });

  it('finds every credential of a query string, not only the first assignment', async () => {
    const text = service(['STORAGE_CONFIG: minio|minio?accessKey=minio-user&secretKey=Qx81-secret-value']);
    expect(await findings(text)).toEqual(['5:66 secret-in-environment']);
  });

  it('finds an Oracle connect string password; an Oracle URL without one is clean', async () => {
    const text = service([
      'ORACLE_URL: jdbc:oracle:thin:scott/Tiger4711@//db.example.com:1521/ORCL',
      'ORACLE_RO_URL: jdbc:oracle:thin:@//db.example.com:1521/ORCL',
    ]);
    expect(await findings(text)).toEqual(['5:42 secret-in-environment']);
  });

  it('reads a bare name in code as a variable, and a YAML value as a literal', async () => {
    const text = [
      'configs:',
      '  settings:',
      '    content: |',
      '      module.exports = { credentialSecret: process.env.NODE_RED_SECRET, password: myPasswordVar };',
      '      const hPass = process.env.MONGO_PASSWORD;',
      '  app:',
      '    content: |',
      '      smtp:',
      '        password: Yaml-Literal-88',
      'services:',
      '  app:',
      '    image: example/app',
      '',
    ].join('\n');
    expect(await findings(text)).toEqual(['9:19 hardcoded-credential']);
  });
});

describe('URLs whose token is the credential', () => {
  it('reports a webhook URL with a random id and a token as a URL user; not a plain base URL', async () => {
    const text = service([
      'MATTERMOST_WEBHOOK_URL: https://chat.example.org/hooks/we7xsbqr4kbgr6mjgssdwyvwvn',
      `WATCHTOWER_NOTIFICATION_URL: discord://Pce9${fake(ALNUM, 60)}@4827478537803487784`,
      'WEBHOOK_URL: https://n8n.example.org/',
      'GIT_URL: https://deploy-bot@git.example.org/org/repo.git',
    ]);
    expect(await findings(text)).toEqual(['5:62 secret-in-environment', '6:46 secret-in-environment']);
  });

  it("a DSN or a webhook URL passed through a variable is a secret via the environment; a plain *_URL is not, nor a browser's Sentry DSN", async () => {
    const text = service([
      'MAILER_DSN: ${MAILER_DSN}',
      'SLACK_WEBHOOK_URL: ${SLACK_WEBHOOK_URL}',
      'MONGO_URL: ${MONGO_URL}',
      'WEBHOOK_URL: ${WEBHOOK_URL}',
      'SENTRY_DSN: ${SENTRY_DSN}',
      'NEXT_PUBLIC_SENTRY_DSN: ${NEXT_PUBLIC_SENTRY_DSN}',
      'SENTRY_FRONTEND_DSN: ${SENTRY_FRONTEND_DSN}',
    ]);
    expect(await findings(text)).toEqual(['5:7 secret-via-environment', '6:7 secret-via-environment', '9:7 secret-via-environment']);
  });

  it("a server's Sentry DSN written with its key or passed with an empty default is a secret; a browser's is public by design", async () => {
    const key = fake(HEX, 32);
    const text = service([
      `SENTRY_DSN: https://${key}@o420641.ingest.sentry.io/5846790`,
      `SENTRY_LARAVEL_DSN: "https://${fake(HEX, 32)}@sentry.internal.example.org/3"`,
      `NEXT_PUBLIC_SENTRY_DSN: https://${fake(HEX, 32)}@o420641.ingest.sentry.io/5846791`,
      `SENTRY_PUBLIC_DSN: https://${fake(HEX, 32)}@o420641.ingest.sentry.io/5846792`,
      'OS_SENTRY_DSN: ${OS_SENTRY_DSN:-}',
      'SENTRY_DSN_ENABLED: "true"',
      'RAVEN_DSN:',
    ]);
    expect(await findings(text)).toEqual([
      '5:19 secret-in-environment',
      '6:27 secret-in-environment',
      '9:7 secret-via-environment',
      '11:7 secret-via-environment',
    ]);
  });
});

describe('identifiers and keys in another sense', () => {
  it('access key ids are identifiers; the secret access key is the secret', async () => {
    const text = service([
      `AWS_ACCESS_KEY_ID: AKIA${fake(BASE32, 16)}`,
      'AWS_ACCESS_KEY: backup-user',
      'MINIO_ACCESS_KEY: minioadmin',
      `AWS_SECRET_ACCESS_KEY: ${fake(ALNUM, 40)}`,
    ]);
    expect(await findings(text)).toEqual(['8:30 secret-in-environment']);
  });

  it('a Vault AppRole secret id is a secret; a Kafka key converter is a class name', async () => {
    const text = service([
      'VAULT_APPROLE_SECRET_ID: ${VAULT_APPROLE_SECRET_ID}',
      'VAULT_APPROLE_ROLE_ID: ${VAULT_APPROLE_ROLE_ID}',
      'CONNECT_KEY_CONVERTER: org.apache.kafka.connect.storage.StringConverter',
      'KAFKA_KEY_SERIALIZER: io.confluent.kafka.serializers.KafkaAvroSerializer',
    ]);
    expect(await findings(text)).toEqual(['5:7 secret-via-environment']);
  });

  it('the key of a key pair set beside its secret is the identifying half; alone it is a secret', async () => {
    const paired = service([
      `VONAGE_API_KEY: ${fake(HEX, 8)}`,
      `VONAGE_API_SECRET: ${fake(ALNUM, 16)}`,
      `PUSHER_APP_KEY: ${fake(HEX, 20)}`,
      `PUSHER_APP_SECRET: ${fake(HEX, 20)}`,
    ]);
    expect(await findings(paired)).toEqual(['6:26 secret-in-environment', '8:26 secret-in-environment']);
    // no secret beside it, an empty one, a key that is a secret itself, a reference, or Laravel's APP_KEY (Vonage's API key
    // names the account even alone: KEY_ID_VENDORS)
    const unpaired = service([
      `SINCH_API_KEY: ${fake(HEX, 8)}`,
      `IMGPROXY_KEY: ${fake(HEX, 64)}`,
      'IMGPROXY_SECRET: ""',
      `AIRFLOW_FERNET_KEY: ${fake(B64URL, 43)}=`,
      'AIRFLOW_FERNET_KEY_SECRET: airflow/config/fernet_key',
      `APP_KEY: base64:${fake(B64, 43)}=`,
      `APP_SECRET: ${fake(HEX, 32)}`,
      'MAILJET_API_KEY: ${MAILJET_API_KEY}',
      'MAILJET_SECRET_KEY: ${MAILJET_SECRET_KEY}',
    ]);
    expect(await findings(unpaired)).toEqual([
      '5:22 secret-in-environment',
      '6:21 secret-in-environment',
      '8:27 secret-in-environment',
      '10:16 secret-in-environment',
      '11:19 secret-in-environment',
      '12:7 secret-via-environment',
      '13:7 secret-via-environment',
    ]);
  });
});

describe("a vendor's name glued to KEY, and a PHP cast", () => {
  it('a generated token under FR24KEY is a key; a UUID, a word or a monkey is not', async () => {
    const text = service([`- FR24KEY=${fake(HEX, 16)}`, '- RBKEY=550e8400-e29b-41d4-a716-446655440000', '- SHAREKEY=enabled', `- MONKEY=${fake(HEX, 16)}`]);
    expect(await findings(text)).toEqual(['5:17 secret-in-environment']);
  });

  it("a PHP cast is a type, not a setting's value", async () => {
    const text = config(['<?php', 'return [', "  'apiSecretKeys' => (object) [],", "  'passwordSalt' => 'Kq3vXn8Lp2Rt',", '];']);
    expect(await findings(text)).toEqual(['11:28 hardcoded-credential']);
  });
});

describe('a JSON document encoded in base64', () => {
  it('holding a credential is a credential; holding settings is not; a JWT is not read as one', async () => {
    const text = service([
      'AUTOWIZARD_JSON: eyJVc2VycyI6IFt7ImxvZ2luIjogIm9wcyIsICJwYXNzd29yZCI6ICJPdHRlci1RdWlsdC01OCJ9XX0=',
      'FEATURE_FLAGS: eyJiZXRhX3NlYXJjaCI6IHRydWUsICJuZXdfZWRpdG9yIjogZmFsc2V9',
    ]);
    expect(await findings(text)).toEqual(['5:24 secret-in-environment']);
  });
});

describe('a default compose never uses', () => {
  it('a URL password in the default of a variable set in .env is not reported; in the default of an unset one it is', async () => {
    const result = await lint(['fixtures/project/unused-default'], { cwd: REPO });
    expect(result.findings.filter((f) => f.ruleId !== 'secret-file-tracked').map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`)).toEqual([
      'fixtures/project/unused-default/.env:1:14 secret-in-env-file',
      'fixtures/project/unused-default/compose.yaml:6:54 secret-in-environment',
    ]);
  });
});

describe('a short number under a name', () => {
  it("is a count under a token's or a key's name, a weak password under a password's", async () => {
    const text = service(['CHUNK_TOKENS: 512', 'SIGNING_KEY: "4096"', 'SIP_PASSWORD: "1003"', `API_TOKEN: "${fake(DIGITS, 8)}"`]);
    expect(await findings(text)).toEqual(['7:21 secret-in-environment', '8:18 secret-in-environment']);
  });
});

describe('lists of keys in a config blob', () => {
  it('a list under a secret-named key, under a secret-named section or named keys holds secrets when its items look generated', async () => {
    const text = config([
      'secrets:',
      '  cipher:',
      `    - ${fake(ALNUM, 32)}`,
      'cluster:',
      '  keys:',
      `    - '${fake(HEX, 32)}'`,
      'data_encryption:',
      '  keyring:',
      `    - ${fake(ALNUM, 14)}x7`,
      'routing:',
      '  keys:',
      '    - orders.created',
      '    - 550e8400-e29b-41d4-a716-446655440000',
      'public:',
      '  keys:',
      `    - ${fake(HEX, 32)}`,
      'plugins:',
      '  list:',
      `    - ${fake(HEX, 32)}`,
    ]);
    expect(await findings(text)).toEqual(['10:13 hardcoded-credential', '13:14 hardcoded-credential', '16:13 hardcoded-credential']);
  });
});

describe('name/value pairs', () => {
  it('reads a Keycloak credential, a JSON pair and a Kubernetes env entry by the name they give', async () => {
    const text = [
      'configs:',
      '  realm:',
      '    content: |',
      '      { "type": "password", "value": "Welcome2024!", "temporary": true }',
      '      { "type": "otp", "value": "123456" }',
      '      {"name": "DB_HOST", "value": "db.internal"}',
      '  manifest:',
      '    content: |',
      '      env:',
      '        - name: DB_PASSWORD',
      '          value: KubeSecret1',
      '        - name: API_TOKEN',
      '          value: "$${API_TOKEN}"',
      'services:',
      '  app:',
      '    image: example/app',
      '',
    ].join('\n');
    expect(await findings(text)).toEqual(['4:39 hardcoded-credential', '11:18 hardcoded-credential']);
  });
});

describe('a name that says nothing', () => {
  it('is judged by the secret-named variable whose literal default it holds; without a default the name decides', async () => {
    const text = service([
      'HPW: ${HUB_PASSWORD:-ChangeThisHubPassword}',
      'LIC: ${CARBONE_KEY}',
      'PORT: ${APP_PORT:-8080}',
      'POSTGRES_DB: ${POSTGRES_DB_PASSWORD}',
    ]);
    expect(await findings(text)).toEqual(['5:12 secret-in-environment']);
  });
});

describe('a switch name holding a generated token', () => {
  it('a flag word before the noun makes a switch of a switch value, not of a generated token', async () => {
    const text = service([
      'AUTO_IMPORT_SECRET: I13TfNDIc9Hu033d',
      'MASK_API_TOKEN: 9f8e7d6c5b4a39281706f5e4d3c2b1a0',
      'AUTO_IMPORT_SECRET_ENABLED: "true"',
      'GENERATE_SECRET: "yes"',
      'MAX_TOKENS: 4096',
      'ALLOW_EMPTY_PASSWORD: "1"',
      'SKIP_PASSWORD: admin',
    ]);
    expect(await findings(text)).toEqual(['5:27 secret-in-environment', '6:23 secret-in-environment']);
  });
});

describe('settings a config syntax writes as calls or users sections', () => {
  it('a call whose last two string arguments are a secret-named setting and its value', async () => {
    const text = config([
      'modparam("auth", "secret", "Y2j1hh1KdqCe7Dp0fyJtkctO")',
      'modparam("htable", "htable", "apikeys=>size=4;dbtable=api_keys;")',
      "$config->set('db_password', 'Gravel-Harbor-21');",
      "define('WP_CACHE_KEY_SALT', 'wcshop_prod_');",
      "setenv('API_TOKEN', getenv('X'));",
    ]);
    expect(await findings(text)).toEqual(['8:35 hardcoded-credential', '10:36 hardcoded-credential']);
  });

  it('passwords of a users section or object, not its settings or hashed passwords', async () => {
    const text = config([
      '[main]',
      'securityManager.sessionManager.globalSessionTimeout = 3600000',
      '[users]',
      'admin = Meadow.jasper.66, root',
      'auditor = 46dnvVgCnzNBsSCBX0zQumkNsmQwrP+SKV8cfiqAzzIQuZwiUbg3dIL5opwbLt2gtx0sc7GDdmNxxqTmueH3lw==, ro',
      'default_theme = dark',
      'ops = password, root, finance',
      '[roles]',
      'root = *',
      '{ "RegisteredUsers": { "admin": "YarrowOrbit51!", "viewer": "viewer" } }',
      // CouchDB's local.ini: a password in clear until the server hashes it at start
      '[admins]',
      'ops = Winter2018!',
      'admin = -pbkdf2-6a0b4e8c21f3d97b5e0c4a1f8d2b7e6c9a3f5d01,5c2a9e7f1b3d8c604e1a7f9b2d5c3e80,10',
    ]);
    expect(await findings(text)).toEqual([
      '11:15 hardcoded-credential',
      '14:13 hardcoded-credential',
      '17:40 hardcoded-credential',
      '19:13 hardcoded-credential',
    ]);
  });
});

describe('settings commented out', () => {
  it('a commented-out setting holding a secret is committed; prose, placeholders and references in comments are not', async () => {
    const text = [
      'services:',
      '  app:',
      '    image: example/app',
      '    environment:',
      '      # - DB_PASSWORD=Quartz-Badger-26',
      '      # ADMIN_PASSWORD: initial admin password (8-72 characters)',
      '      # SMTP_PASSWORD: changeme',
      '      # API_TOKEN: ${API_TOKEN}',
      '    # command: redis-server --requirepass Otter-Pepper-95',
      '# the token is in the password manager',
      '      # NOTIFICATION_URLS: smtp://radio%40x.example:Falcon_Meadow_16@smtp.example.com:587/?to=ops@x.example',
      '',
    ].join('\n');
    expect(await findings(text)).toEqual(['5:23 hardcoded-credential', '9:43 hardcoded-credential', '11:53 hardcoded-credential']);
  });
});

describe('a script variable named for authentication holding user:password', () => {
  it('the password of AUTH="user:password" in a script; not a variable pair, a switch or a port', async () => {
    const text = [
      'services:',
      '  bootstrap:',
      '    image: curlimages/curl',
      '    entrypoint: [sh, -c]',
      '    command:',
      '      - |',
      '        AUTH="admin:Meadow.jasper.66"',
      '        RO_AUTH="$${RO_USER}:$${RO_PASSWORD}"',
      '        BASIC_AUTH=on',
      '        PROXY_AUTH=proxy:3128',
      '        curl -u "$$AUTH" http://killbill:8080/1.0/kb/tenants',
      '',
    ].join('\n');
    expect(await findings(text)).toEqual(['7:21 hardcoded-credential']);
  });
});

describe('config files: lifespans, digests, scheme prefixes, .netrc, environment lookups', () => {
  it('a token lifespan and a SHA-512 password digest are not secrets; a $plaintext$ client secret and a .netrc password are', async () => {
    const text = config([
      'lifespans:',
      '  access_token: 1h',
      '  refresh_token: 90m',
      'users:',
      '  admin:',
      `    password: ${'4346999b50c8bdd2'.repeat(8)}`,
      'clients:',
      "  - client_secret: '$plaintext$2DK77hej7YiTviKPHg7c2FX9gSxzmqL2mBSQw1AHZ5ST435e'",
      'machine urs.earthdata.nasa.gov login eolab password Copper.cobalt.45',
    ]);
    expect(await findings(text)).toEqual(['15:27 hardcoded-credential', '16:59 hardcoded-credential']);
  });

  it("an environment lookup's placeholder fallback is not a secret; a real fallback is", async () => {
    const text = config([
      "define( 'DB_PASSWORD', getenv_docker('WORDPRESS_DB_PASSWORD', 'example password') );",
      "define( 'AUTH_KEY', getenv_docker('WORDPRESS_AUTH_KEY', 'put your unique phrase here') );",
      "define( 'NONCE_KEY', getenv_docker('WORDPRESS_NONCE_KEY', 'q8Zr3Lx7Vn2Wp5Tb9Kc4Hd1Fg6Jm0Sy') );",
    ]);
    expect(await findings(text)).toEqual(['10:66 hardcoded-credential']);
  });
});

describe('a token where a commented setting has its name', () => {
  it('is not put in the message', async () => {
    const name = 'ghp_R2d4F6h8J0k2L4m6N8p0Q2r4S6t8V0w2X4y6';
    const text = ['services:', '  app:', '    image: example/app', `# ${name}: ghp_A1b2C3d4E5f6G7h8J9k0L1m2N3p4Q5r6S7t8`, ''].join('\n');
    const result = await lintText('compose.yaml', text, { settings: emptySettings() });
    expect(result.findings.map((f) => `${f.line} ${f.message}`)).toEqual([
      '4 a commented-out setting holds a hardcoded GitHub personal access token: the comment is committed with the file',
    ]);
  });
});

describe('XML settings named by an attribute, proxy header directives, numbered and cookie names, identifiers, Solr hashes', () => {
  it('reads <entry key> and <add key value>, a header a proxy sets and a numbered password; not their look-alikes', async () => {
    const text = config([
      "<entry key='database.password'>ThistleGinger!63</entry>",
      "<entry key='database.user'>traccar</entry>",
      '<add key="ApiKey" value="k9Wm3Xn7Lp2Rb5Vt9Ck4Hd6Q"/>',
      '<add key="ApiKeyHeader" value="X-Api-Key"/>',
      '<property name="hibernate.connection.password" value="${KEYSTORE_PASS}"/>',
      'proxy_set_header X-Api-Key "8e974ec873b7245d5f158d6eba9296fb9d036148";',
      'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
      'add_header X-Frame-Options SAMEORIGIN;',
      'password2 = iRJLiefsl7uqymnTfRBOX6qp3enfc',
    ]);
    // (compose interpolates `${KEYSTORE_PASS}` in a config's content: a variable's secret in the file)
    expect(await findings(text)).toEqual([
      '8:38 hardcoded-credential',
      '10:32 hardcoded-credential',
      '12:61 secret-via-environment',
      '13:35 hardcoded-credential',
      '16:19 hardcoded-credential',
    ]);
  });

  it("a session cookie's name, a Stripe price id, an analytics id, a Twilio key SID and a Solr hash are not secrets; an Erlang cookie is", async () => {
    const text = service([
      'SESSION_COOKIE: lexdesk_session',
      'STRIPE_PRICE_SEASON_PASS: price_1PmhU9AKMSgX0Wyyv17AkD3w',
      'GOOGLE_ANALYTICS_API_KEY: UA-90175360-1',
      'TWILIO_API_KEY: SK75dba7a187abb1ca06c494184957078e',
      'SOLR_ADMIN_CREDENTIALS: "OaaW0cbVLNGbkIzt0Ercj7hfAyGBZgE9sNtzeqTQZxw= 4Q1EoBKyllQZr6oSqadP95WkduwxkDjrbYpiMi49CKM="',
      'RABBITMQ_ERLANG_COOKIE: QWHZKPLSXMYTNRVBEFJC',
    ]);
    expect(await findings(text)).toEqual(['10:31 secret-in-environment']);
  });
});

describe('access keys, masks, names under a key or a cookie, a password holding `=`', () => {
  it("an object store's access key is its account's id; another vendor's, holding a generated value or given from the host, is its secret", async () => {
    const text = service([
      `MESSAGEBIRD_ACCESS_KEY: ${fake(ALNUM, 24)}`,
      `S3_ACCESS_KEY: ${fake(ALNUM, 24)}`,
      'HEALTH_ACCESS_KEY: LVM2ZR1DPAQ0AXFFQ9TR',
      'REPORTS_ACCESS_KEY: labelstudio',
      `PUSH_ACCESS_KEY: ${fake(ALNUM, 24)}`,
      `PUSH_SECRET_KEY: ${fake(ALNUM, 32)}`,
      'FEED_ACCESS_KEY: ${FEED_ACCESS_KEY}',
    ]);
    expect(await findings(text)).toEqual(['5:31 secret-in-environment', '10:24 secret-in-environment', '11:7 secret-via-environment']);
  });

  it('a masked value holds no credential; a password with a run of x in it is still one', async () => {
    const text = service([
      'STRIPE_SECRET_KEY: sk_live_xxxxxxxxxxxxxxxxxxxxxxxx',
      'SHOPIFY_ADMIN_ACCESS_TOKEN: "shpat_********************************"',
      'SLACK_URL: https://hooks.slack.com/services/TXXXXXXXX/BXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX',
      'WEBHOOK_SECRET: xxxxxxxx',
      'DATABASE_URL: postgres://app:xxxxxxxx@db/app',
      'DB_PASSWORD: Pxxxxxx9Kq',
    ]);
    expect(await findings(text)).toEqual(['10:20 secret-in-environment']);
  });

  it("a *_KEY that says nothing of a secret holding a name, and a cookie's name, are settings; generated values are secrets", async () => {
    const text = service([
      'SCENARIO_KEY: "Utrecht-Centraal-1994"',
      'OBS_SCENE_KEY: "Sermon"',
      'PAYLOAD_MODEL_KEY: cat-793f',
      'AUTH_COOKIE: field_sid',
      `SCENARIO_KEY_V2: ${fake(ALNUM, 20)}`,
      `AUTH_COOKIE_V2: ${fake(ALNUM, 32)}`,
      'SITE_PASSWORD: Basalt-Falcon-40',
    ]);
    expect(await findings(text)).toEqual(['9:24 secret-in-environment', '10:23 secret-in-environment', '11:22 secret-in-environment']);
  });

  it('a password holding `=` is a password; a lone `name=value` setting in one case is a setting', async () => {
    const text = service(["SITEMINDER_PASSWORD: 'IbvMEN4y3ecch=InZO6%'", 'SMTP_AUTH_KEY: mode=login']);
    expect(await findings(text)).toEqual(['5:28 secret-in-environment']);
  });

  it('a command-line option named like a loose key holding a name is a setting, as in an environment', async () => {
    const text = [
      'services:',
      '  scan:',
      '    image: sonarsource/sonar-scanner-cli',
      `    command: sonar-scanner -Dsonar.projectKey=arkona_payments-api -Dsonar.token=${fake(HEX, 40)}`,
      '',
    ].join('\n');
    expect(await findings(text)).toEqual(['4:81 hardcoded-credential']);
  });
});

describe("a .env's password taken whole under a name that says nothing", () => {
  it('is reported where .env writes it; the same variable with no value in .env passes nothing the name says', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-categories-'));
    writeFileSync(join(dir, '.env'), 'VMQ_INGEST_PASSWORD=Kelp-Vole38\nVMQ_PORT=1883\n');
    writeFileSync(
      join(dir, 'compose.yaml'),
      service(['DOCKER_VERNEMQ_USER_ingest: ${VMQ_INGEST_PASSWORD}', 'LISTENER_PORT: ${VMQ_PORT}', 'BROKER_OPS: ${VMQ_OPS_PASSWORD}']),
    );
    const result = await lint([dir], { cwd: dir, settings: emptySettings() });
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`)).toEqual(['.env:1:21 secret-in-env-file']);
  });
});

describe("an image's convention: VerneMQ's users", () => {
  it("DOCKER_VERNEMQ_USER_<name> holds the password of user <name>; the image's other settings are settings", async () => {
    const text = service(['DOCKER_VERNEMQ_USER_haultruck: Basalt.Falcon.40', 'DOCKER_VERNEMQ_ALLOW_ANONYMOUS: "off"', 'DOCKER_VERNEMQ_ACCEPT_EULA: "yes"']);
    expect(await findings(text)).toEqual(['5:38 secret-in-environment']);
  });
});

describe('stream keys, short certificates, public keys by product', () => {
  it("an RTMP URL's stream is its key when generated; a stream's name is not", async () => {
    const text = service([
      `YOUTUBE_PUSH: rtmp://a.rtmp.youtube.com/live2/${fake(ALNUM, 16)}-48e9-469e`,
      'RELAY_PULL: rtmp://rtmp-relay/live/main',
      'CAMERA: rtmp://nginx:1935/live/church-cam-2024',
      `FACEBOOK: rtmps://live-api-s.facebook.com:443/rtmp/FB-694992358801-0-${fake(ALNUM, 32)}?s_bl=1`,
    ]);
    expect(await findings(text)).toEqual(['5:53 secret-in-environment', '8:58 secret-in-environment']);
  });

  it("a short generated value under a certificate's name is a shared secret; a path, a digest or a CA's is not", async () => {
    const text = service([
      `AGORA_APP_CERTIFICATE: ${fake(HEX, 32)}`,
      'TLS_CERT: /etc/ssl/app.crt',
      `SERVER_CERT: ${fake(HEX, 64)}`,
      `CA_CERT: ${fake(ALNUM, 24)}`,
    ]);
    expect(await findings(text)).toEqual(['5:30 secret-in-environment']);
  });

  it("a content API's key and Adyen's client key are public by design; the admin and API keys beside them are secrets", async () => {
    const text = service([
      `GHOST_CONTENT_API_KEY: ${fake(HEX, 26)}`,
      `GHOST_ADMIN_API_KEY: ${fake(HEX, 24)}:${fake(HEX, 64)}`,
      `ADYEN_CLIENT_KEY: live_${fake('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 32)}`,
      `ADYEN_API_KEY: AQE${fake(ALNUM, 40)}`,
      `DRM_CONTENT_KEY: ${fake(HEX, 32)}`,
    ]);
    expect(await findings(text)).toEqual(['6:28 secret-in-environment', '8:22 secret-in-environment', '9:24 secret-in-environment']);
  });
});

describe('an optional secret: a variable with an empty default', () => {
  it('is reported (the secret reaches the container the same way when the deployment sets it); the rule option `optional: false` leaves it out', async () => {
    const text = service(['OPENAI_API_KEY: ${OPENAI_API_KEY:-}', 'SMTP_PASSWORD: ${SMTP_PASSWORD}', 'JWT_SECRET: ${JWT_SECRET:?set it}']);
    expect(await findings(text)).toEqual(['5:7 secret-via-environment', '6:7 secret-via-environment', '7:7 secret-via-environment']);
    const settings = { ...emptySettings(), ruleOptions: { 'secret-via-environment': { optional: false } } };
    const result = await lintText('compose.yaml', text, { settings });
    expect(result.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(['6:7 secret-via-environment', '7:7 secret-via-environment']);
  });

  it('an empty JSON list or object as the default is no default either (corpus audit: `${JWT_KEYS:-[]}`); a list with something in it is', async () => {
    const text = service(['GOTRUE_JWT_KEYS: ${JWT_KEYS:-[]}', 'API_KEYS: ${API_KEYS:-{}}', 'JWT_KEYS: ${JWT_KEYS}', 'ADMIN_TOKENS: ${ADMIN_TOKENS:-[x]}']);
    expect(await findings(text)).toEqual([
      '5:7 secret-via-environment',
      '6:7 secret-via-environment',
      '7:7 secret-via-environment',
      '8:7 secret-via-environment',
    ]);
    const settings = { ...emptySettings(), ruleOptions: { 'secret-via-environment': { optional: false } } };
    const result = await lintText('compose.yaml', text, { settings });
    expect(result.findings.map((f) => `${f.line}:${f.column}`)).toEqual(['7:7', '8:7']);
  });
});

describe('forms from sets M and N (released from holding out)', () => {
  it('masked, hashed and looked-up values, declarations, templates and sentinels are not secrets', async () => {
    const text = service([
      'KEYSTORE_PASSWORD: MASK-7J7N4wU14gQKmeIJ0ur7q+55',
      "REPORTING_PASSWORD: '*5e4123584cfa596c84c449bac64c7c7ad71a5321'",
      'TOWER_ACCESS_TOKEN: secrets.TOWER_ACCESS_TOKEN',
      'UTM_CLIENT_SECRET: str = ""',
      'GUARDIAN_SECRET_KEY: System.fetch_env!("GUARDIAN_SECRET_KEY")',
      'PAZE_PRIVATE_KEY: PAZE_PRIVATE_KEY',
      'CWOP_PASSCODE: "-1"',
      'REVIVE_TEST_COOKIE: ct',
      'RATE_LIMIT_REDIS_KEY: "rl:api"',
      'SIGNING_KEY_ALIAS: ledger-audit-2025',
      `MIXPANEL_TOKEN: ${fake(HEX, 32)}`,
      `COUNTLY_APP_KEY: ${fake(HEX, 40)}`,
      `SHOPWARE_ACCESS_KEY_ID: SWIA${fake(ALNUM, 22)}`,
      'KOMPOSE_IMAGE_PULL_SECRET: regcred',
      'TSIG_ALGORITHM: hmac-sha256',
      'RABBIT_ROUTING_KEY: orders.created',
    ]);
    expect(await findings(text)).toEqual([]);
  });

  it('their look-alikes are secrets: a generated password, a Countly API key, a TSIG key, Bundler credentials, a PagerDuty routing key', async () => {
    const text = service([
      `KEYSTORE_PASSWORD: ${fake(ALNUM, 20)}`,
      `COUNTLY_API_KEY: ${fake(HEX, 32)}`,
      `SECONDARIES: "axfr-secondary-1 hmac-sha256 ${fake(B64, 43)}="`,
      `BUNDLE_GEMS__CONTRIBSYS__COM: ${fake(HEX, 8)}:${fake(HEX, 8)}`,
      `ALERT_PAGERDUTY_ROUTING_KEY: ${fake(HEX, 32)}`,
      `MIXPANEL_API_SECRET: ${fake(HEX, 32)}`,
    ]);
    expect(await findings(text)).toEqual([
      '5:26 secret-in-environment',
      '6:24 secret-in-environment',
      '7:50 secret-in-environment',
      '8:37 secret-in-environment',
      '9:36 secret-in-environment',
      '10:28 secret-in-environment',
    ]);
  });

  it("a Rails master.key and an Elixir config beside the compose file are read; a config's lookups and computed keys are not secrets", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-categories-'));
    mkdirSync(join(dir, 'config'));
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: example/app\n');
    writeFileSync(join(dir, 'config', 'master.key'), `${fake(HEX, 32)}\n`);
    writeFileSync(
      join(dir, 'config', 'runtime.exs'),
      [
        'import Config',
        'config :app, App.Guardian,',
        '  secret_key: System.fetch_env!("GUARDIAN_SECRET_KEY")',
        'config :app, App.Repo,',
        '  password: "Hx7-Kq2mP9vLz"',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'config', 'worker.ts'), 'const signingKey = await crypto.subtle.generateKey({ name: "HMAC" }, true, ["sign"]);\n');
    const result = await lint([dir], { cwd: dir, settings: emptySettings() });
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`)).toEqual([
      'config/master.key:1:1 secret-in-project-file',
      'config/runtime.exs:5:14 secret-in-project-file',
    ]);
  });
});

describe('roles, vectors, product keys and shapes from the tuned sets', () => {
  it("a database role after PASSWORD names whose password it is; an IV kept with an encryption key, CiviCRM's site key, a bcrypt-shaped API key and hCaptcha's secret are secrets", async () => {
    const text = service([
      'PGPASSWORD_SUPERUSER: postgres',
      `COOKIE_IV: ${fake(ALNUM, 8)}`,
      `CIVICRM_SITE_KEY: ${fake(ALNUM, 32)}`,
      `CF_API_KEY: "$$2a$$10$$${fake(B64, 53)}"`,
      `HCAPTCHA_KEY: "0x${fake(HEX, 40)}"`,
    ]);
    expect(await findings(text)).toEqual([
      '5:29 secret-in-environment',
      '6:18 secret-in-environment',
      '7:25 secret-in-environment',
      '8:19 secret-in-environment',
      '9:21 secret-in-environment',
    ]);
  });

  it("their look-alikes are not: a password's hash, a CAPTCHA site key, a reCAPTCHA site key, a vector's length", async () => {
    const text = service([
      `ADMIN_PASSWORD: "$$2a$$10$$${fake(B64, 53)}"`,
      'HCAPTCHA_SITE_KEY: 92aecf8b-8cc9-43ee-89c1-0501032351d6',
      `RECAPTCHA_SITE_KEY: 6L${fake(B64URL, 38)}`,
      'ENCRYPTION_IV_LENGTH: "16"',
    ]);
    expect(await findings(text)).toEqual([]);
  });
});

describe('set Q1: directives in CamelCase, database shells, a user that is the token, cookie names, a lone consumer key', () => {
  it("Apache's CamelCase directives hold secrets by their name; a program's output, a path mapping, a lower-case word and Tor's hashed password are not secrets", async () => {
    const text = config([
      `OIDCClientSecret ${fake(ALNUM, 40)}`,
      `OIDCCryptoPassphrase ${fake(ALNUM, 32)}`,
      'OIDCClientID 96bb85a1-a55f-4c83-815c-dda28bf41b94',
      'AuthLDAPBindPassword "exec:/bin/cat /run/secrets/ldap"',
      'SSLPassPhraseDialog builtin',
      'ProxyPass /api',
      'OIDCPassClaimsAs environment',
      'HashedControlPassword 16:872860B76453A77D60CA2BB8C1A7042072093276A3D701AD684053EC4C',
    ]);
    expect(await findings(text)).toEqual(['8:24 hardcoded-credential', '9:28 hardcoded-credential']);
  });

  it("a database shell's password glued to -p after a user is reported (the table's taos, an unknown shell); a glued port or a word is not", async () => {
    const text = [
      'services:',
      '  tdengine:',
      '    image: tdengine/tdengine:3.3.2.0',
      '    healthcheck:',
      `      test: ["CMD-SHELL", "taos -uroot -p${fake(ALNUM, 12)}9 -s 'show databases;'"]`,
      '  init:',
      '    image: example/tools',
      '    entrypoint: ["/bin/sh", "-c"]',
      '    command:',
      '      - |',
      `        starrocks -h fe -u root -pQuill-${fake(ALNUM, 8)}-77`,
      '        taos -h td1 -s "CREATE USER ingest PASS \'Summit-Harbor-40\';"',
      '        proxy -p5432 -u bob',
      '        tool -uadmin -pEnglish',
      '',
    ].join('\n');
    expect(await findings(text)).toEqual(['5:42 hardcoded-credential', '11:35 hardcoded-credential', '12:50 hardcoded-credential']);
  });

  it("an Elixir config's three-argument form holds a secret under the atom's name; a lookup, an atom and a session cookie's name do not", async () => {
    const text = config([
      'import Config',
      `config :pos, :receipt_printer_token, "${fake(HEX, 32)}"`,
      'config :pos, :api_secret, System.get_env("POS_API_SECRET")',
      'config :pos, :password_hasher, Argon2',
      'config :pos, PosWeb.Endpoint, session_key: "_pos_key"',
      "config :shop, ShopWeb.Endpoint, secret_cookie: '_shop_session'",
    ]);
    expect(await findings(text)).toEqual(['9:45 hardcoded-credential']);
  });

  it('a user name holding the very token of the password beside it exposes it, in an environment and in a mounted YAML file', async () => {
    const token = `${fake(HEX, 8)}-${fake(HEX, 4)}-4${fake(HEX, 3)}-a${fake(HEX, 3)}-${fake(HEX, 12)}`;
    const dir = mkdtempSync(join(tmpdir(), 'cs-categories-'));
    writeFileSync(
      join(dir, 'compose.yaml'),
      [
        'services:',
        '  app:',
        '    image: example/app',
        '    volumes:',
        '      - ./application.yaml:/config/application.yaml:ro',
        '    environment:',
        `      SMTP_USER: ${token}`,
        `      SMTP_PASSWORD: ${token}`,
        '      DB_USER: admin',
        '      DB_PASSWORD: admin',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'application.yaml'),
      [
        'smtp:',
        '  host: smtp.postmarkapp.com',
        `  username: ${token}`,
        `  password: ${token}`,
        'mail:',
        '  username: noreply',
        `  password: ${fake(ALNUM, 20)}`,
        '',
      ].join('\n'),
    );
    const result = await lint([dir], { cwd: dir, settings: emptySettings() });
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`)).toEqual([
      'application.yaml:3:13 secret-in-mounted-file',
      'application.yaml:4:13 secret-in-mounted-file',
      'application.yaml:7:13 secret-in-mounted-file',
      'compose.yaml:7:18 secret-in-environment',
      'compose.yaml:8:22 secret-in-environment',
      'compose.yaml:10:20 secret-in-environment',
    ]);
  });

  it("Postmark's SMTP user name is the server token, with the password a reference to it or absent; a UUID user of another host is not", async () => {
    const uuid = () => `${fake(HEX, 8)}-${fake(HEX, 4)}-4${fake(HEX, 3)}-a${fake(HEX, 3)}-${fake(HEX, 12)}`;
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  app:',
        '    image: example/app',
        '    env_file: [mail.env]',
        '    volumes:',
        '      - ./.env:/var/www/.env:ro',
        '  worker:',
        '    image: example/worker',
        '    env_file: [other.env]',
        '',
      ].join('\n'),
      '.env': ['MAIL_HOST=smtp.postmarkapp.com', `MAIL_USERNAME=${uuid()}`, 'MAIL_PASSWORD="${MAIL_USERNAME}"', ''].join('\n'),
      'mail.env': ['EMAIL_HOST=smtp.postmarkapp.com', `EMAIL_HOST_USER=${uuid()}`, ''].join('\n'),
      'other.env': ['SMTP_HOST=smtp.eu.mailgun.org', `SMTP_USER=${uuid()}`, ''].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['.env:2:15 secret-in-mounted-file', 'mail.env:2:17 secret-in-env-file']);
  });

  it("a consumer key alone is the API's credential; beside its consumer secret it is the identifying half", async () => {
    const text = service([
      `MAERSK_CONSUMER_KEY: ${fake(ALNUM, 32)}`,
      `WOO_CONSUMER_KEY: ck_${fake(HEX, 40)}`,
      `WOO_CONSUMER_SECRET: cs_${fake(HEX, 40)}`,
      'JIRA_IMPORTER_CONSUMER_KEY: "taiga-importer"',
    ]);
    expect(await findings(text)).toEqual(['5:28 secret-in-environment', '7:28 secret-in-environment']);
  });

  it("Canvas RCE's ECOSYSTEM_KEY signs beside the ECOSYSTEM_SECRET that encrypts: both secrets, unlike a pair's key", async () => {
    const text = service([
      `ECOSYSTEM_KEY: ${fake(ALNUM, 32)}`,
      `ECOSYSTEM_SECRET: ${fake(ALNUM, 32)}`,
      `PUSHER_KEY: ${fake(HEX, 20)}`,
      `PUSHER_SECRET: ${fake(HEX, 20)}`,
    ]);
    expect(await findings(text)).toEqual(['5:22 secret-in-environment', '6:25 secret-in-environment', '8:22 secret-in-environment']);
  });
});

describe('a PHP poller config', () => {
  it("a name that says nothing under a subscript that does (`$config['snmp']['community']`) holds a secret, also as the first of an array of them; the stock community and another subscript's name do not", async () => {
    const text = config([
      '<?php',
      `$config['snmp']['community'] = array("Gh${fake(ALNUM, 10)}", "public");`,
      `$config['snmp']['v2c']['community'] = 'Kq${fake(ALNUM, 10)}';`,
      "$config['snmp']['community'] = array('public');",
      "$config['rrdcached']['name'] = 'rrdcached:42217';",
      "$config['auth_ldap_groups'] = array('admins', 'ops');",
    ]);
    expect(await findings(text)).toEqual(['9:45 hardcoded-credential', '10:46 hardcoded-credential']);
  });
});

describe('digests in users files', () => {
  it("a Tomcat user's password as long as a SHA digest in hex is the digest; a plain password and an MD5-long hex one are passwords", async () => {
    const text = config([
      '<tomcat-users>',
      `  <user username="deploy" password="${fake(HEX, 64)}" roles="manager-script"/>`,
      `  <user username="ci" password="${fake(HEX, 40)}" roles="manager-script"/>`,
      `  <user username="ops" password="Plain-${fake(ALNUM, 8)}-42" roles="manager-gui"/>`,
      `  <user username="dev" password="${fake(HEX, 32)}" roles="manager-gui"/>`,
      '</tomcat-users>',
    ]);
    expect(await findings(text)).toEqual(['11:40 hardcoded-credential', '12:40 hardcoded-credential']);
  });

  it("WildFly's mgmt-users.properties keeps hex digests; a realm file's plain password is reported", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-categories-'));
    writeFileSync(
      join(dir, 'compose.yaml'),
      'services:\n  wildfly:\n    image: quay.io/wildfly/wildfly\n    volumes:\n      - ./mgmt-users.properties:/opt/jboss/wildfly/standalone/configuration/mgmt-users.properties:ro\n',
    );
    writeFileSync(join(dir, 'mgmt-users.properties'), `# users\nadmin=${fake(HEX, 32)}\nmonitor=${fake(HEX, 32)}\ndeployer=Tern-${fake(ALNUM, 8)}-7\n`);
    const result = await lint([dir], { cwd: dir, settings: emptySettings() });
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`)).toEqual(['mgmt-users.properties:4:10 secret-in-mounted-file']);
  });
});

describe('a variable named public by design', () => {
  it('fills a setting named for a secret without making it one; a secret-named variable beside it does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-categories-'));
    writeFileSync(join(dir, '.env'), `TYPESENSE_SEARCH_ONLY_KEY=${fake(ALNUM, 32)}\nTYPESENSE_ADMIN_KEY=${fake(ALNUM, 32)}\n`);
    writeFileSync(
      join(dir, 'compose.yaml'),
      service([
        'SCOPED_KEY_PARENT: ${TYPESENSE_SEARCH_ONLY_KEY}',
        'INDEXER_KEY: ${TYPESENSE_ADMIN_KEY}',
        'HEALTH_AUTH: "Bearer ${SUPABASE_ANON_KEY}"',
        'SERVICE_AUTH: "Bearer ${SUPABASE_SERVICE_ROLE_KEY}"',
      ]),
    );
    const result = await lint([dir], { cwd: dir, settings: emptySettings() });
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`)).toEqual([
      '.env:2:21 secret-in-env-file',
      'compose.yaml:8:7 secret-via-environment',
    ]);
  });
});

describe('a map of key ids to keys', () => {
  it("under `keys:` the generated values are secrets (LiveKit's key: secret map); words, numbers and public keys there are not", async () => {
    const text = config([
      'port: 7880',
      'keys:',
      `  API${fake(ALNUM, 11)}: ${fake(ALNUM, 43)}`,
      '  mode: strict',
      '  rotation_days: 90',
      'signing:',
      '  keys:',
      `    public: ${fake(B64, 44)}`,
      'turn:',
      '  enabled: true',
    ]);
    expect(await findings(text)).toEqual(['10:25 hardcoded-credential']);
  });
});

describe('stock default credentials', () => {
  it("a commented-out setting keeping a product's default password discloses nothing and is not reported; a real password there is", async () => {
    const text = [
      'services:',
      '  db:',
      '    image: mariadb:11',
      '    environment:',
      `      MARIADB_ROOT_PASSWORD: Tern-${fake(ALNUM, 8)}-7`,
      '  pma:',
      '    image: phpmyadmin:5',
      '    environment:',
      '      PMA_HOST: db',
      '      # PMA_PASSWORD: root',
      '      # PMA_PASSWORD: changeme',
      '      # TRUSTSTORE_PASSWORD: changeit',
      '      # ADMIN_PASSWORD: <your-password>',
      `      # ADMIN_PASSWORD: Tern-${fake(ALNUM, 8)}-9`,
      '',
    ].join('\n');
    expect(await findings(text)).toEqual(['5:30 secret-in-environment', '14:25 hardcoded-credential']);
  });

  it("a file of the project that no service mounts keeping the JVM's truststore default is reported; its placeholders are not", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-categories-'));
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  worker:\n    build: ./worker\n');
    mkdirSync(join(dir, 'worker/src/main/resources'), { recursive: true });
    writeFileSync(
      join(dir, 'worker/src/main/resources/application-docker.yaml'),
      ['claims:', '  truststore-password: changeit', '  keystore-password: change-me-please', '  password: ${CLAIMS_PASSWORD}', ''].join('\n'),
    );
    const result = await lint([dir], { cwd: dir, settings: emptySettings() });
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`)).toEqual([
      'worker/src/main/resources/application-docker.yaml:2:24 secret-in-project-file',
    ]);
  });
});

describe("a top-level secret's environment source", () => {
  it("is hardcoded where the project's .env writes its variable; a variable left to the deploying shell, or empty in .env, is not", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-categories-'));
    writeFileSync(join(dir, '.env'), `KEYSTORE_PASS=Lantern-${fake(ALNUM, 6)}\nSIGNING_KEY=\nAPP_PORT=8080\n`);
    writeFileSync(
      join(dir, 'compose.yaml'),
      [
        'services:',
        '  api:',
        '    image: example/api:1',
        '    secrets: [keystore_pass, signing_key, deploy_token]',
        'secrets:',
        '  keystore_pass:',
        '    environment: KEYSTORE_PASS',
        '  signing_key:',
        '    environment: SIGNING_KEY',
        '  deploy_token:',
        '    environment: DEPLOY_TOKEN',
        '',
      ].join('\n'),
    );
    const result = await lint([dir], { cwd: dir, settings: emptySettings() });
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.message}`)).toEqual([
      ".env:1:15 secret-in-env-file secret keystore_pass takes a hardcoded password from KEYSTORE_PASS in this file; a plain-Compose secret's value belongs in a file kept out of the repository (`file:`) or in the deploying shell's environment",
    ]);
  });
});

describe('a variable with a default written beside it, in a file a program reads', () => {
  it("Spring's ${X:default} and a shell-style ${X:-default} run with the default when X is unset: the default is judged; an empty default, a placeholder and Kafka's or log4j's lookups are not secrets", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-categories-'));
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  api:\n    build: ./api\n');
    mkdirSync(join(dir, 'api/src/main/resources'), { recursive: true });
    const webhook = fake(HEX, 32);
    writeFileSync(
      join(dir, 'api/src/main/resources/application-docker.yml'),
      [
        'bim:',
        `  webhook-secret: \${BIM360_WEBHOOK_SECRET:${webhook}}`,
        '  client-secret: ${BIM360_CLIENT_SECRET:}',
        '  db-password: ${DB_PASSWORD:changeme}',
        '  kafka-password: ${file:/etc/kafka/secrets.properties:password}',
        '  token: ${env:API_TOKEN}',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'api/src/main/resources/application.properties'),
      [`spring.mail.password=\${MAIL_PASSWORD:Falcon-${fake(ALNUM, 8)}}`, 'spring.datasource.password=${DB_PASSWORD}', 'log.secret=${sys:log.secret}', ''].join(
        '\n',
      ),
    );
    const result = await lint([dir], { cwd: dir, settings: emptySettings() });
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.redacted}`)).toEqual([
      'api/src/main/resources/application-docker.yml:2:43 secret-in-project-file •••• (32 chars)',
      'api/src/main/resources/application.properties:1:38 secret-in-project-file •••• (15 chars)',
    ]);
  });
});

describe("a web server's directive that sets a variable", () => {
  it("Apache's SetEnv and nginx's fastcgi_param hand a secret to the program behind them; a setting, a variable and nginx's own variables are not secrets", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-categories-'));
    writeFileSync(
      join(dir, 'compose.yaml'),
      'services:\n  web:\n    image: httpd:2.4\n    volumes:\n      - ./site.conf:/usr/local/apache2/conf/site.conf:ro\n',
    );
    writeFileSync(
      join(dir, 'site.conf'),
      [
        '<VirtualHost *:80>',
        `  SetEnv CRM_CRON_TOKEN ${fake(HEX, 32)}`,
        '  SetEnv APP_ENV production',
        '  SetEnv DB_PASSWORD "${DB_PASSWORD}"',
        '</VirtualHost>',
        'location ~ \\.php$ {',
        `  fastcgi_param APP_SECRET ${fake(ALNUM, 24)};`,
        '  fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;',
        '}',
        '',
      ].join('\n'),
    );
    const result = await lint([dir], { cwd: dir, settings: emptySettings() });
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`)).toEqual([
      'site.conf:2:25 secret-in-mounted-file',
      'site.conf:7:28 secret-in-mounted-file',
    ]);
  });
});

describe('a shell script that writes a default for a secret-named variable', () => {
  it('${X:-word}, ${X-word}, ${X:=word} in a script run with the default when X is unset: the default is reported; an empty default, a variable and a name that says no secret are not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-categories-'));
    writeFileSync(
      join(dir, 'compose.yaml'),
      'services:\n  app:\n    image: alpine:3\n    volumes:\n      - ./entrypoint.sh:/entrypoint.sh:ro\n    entrypoint: /entrypoint.sh\n    command: ["sh", "-c", "exec app --token=$${APP_TOKEN:-' +
        fake(HEX, 24) +
        '}"]\n',
    );
    writeFileSync(
      join(dir, 'entrypoint.sh'),
      [
        '#!/bin/sh',
        'set -e',
        `DB_PASSWORD="\${DB_PASSWORD:-Falcon-${fake(ALNUM, 10)}}"`,
        `: "\${API_TOKEN:=${fake(HEX, 32)}}"`,
        `export REDIS_PASSWORD=\${REDIS_PASSWORD-${fake(ALNUM, 12)}}`,
        'PGUSER=${PGUSER:-postgres}',
        'SMTP_PASSWORD=${SMTP_PASSWORD:-}',
        'JWT_SECRET=${JWT_SECRET:-$GENERATED_SECRET}',
        'ADMIN_PASSWORD=${ADMIN_PASSWORD:-your-password-here}',
        'exec "$@"',
        '',
      ].join('\n'),
    );
    const result = await lint([dir], { cwd: dir, settings: emptySettings() });
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.redacted}`)).toEqual([
      'compose.yaml:7:59 hardcoded-credential •••• (24 chars)',
      'entrypoint.sh:3:29 secret-in-mounted-file •••• (17 chars)',
      'entrypoint.sh:4:17 secret-in-mounted-file •••• (32 chars)',
      'entrypoint.sh:5:40 secret-in-mounted-file •••• (12 chars)',
      // a placeholder the container runs with, as a mounted script's NAME=placeholder is
      'entrypoint.sh:9:34 secret-in-mounted-file •••• (18 chars)',
    ]);
  });
});

describe('a password written like a call', () => {
  it('`Kestrel.zephyr338!` is a password, not an Elixir function named without its arguments (System.fetch_env!)', async () => {
    expect(await findings(service(['DB_PASSWORD: "Kestrel.zephyr338!"', 'SECRET_KEY_BASE: System.fetch_env!', 'API_TOKEN: Config.get_env']))).toEqual([
      '5:20 secret-in-environment',
    ]);
  });
});

describe('a cookie header, an error-if-unset variable, a scheme-prefixed digest', () => {
  it("a Cookie header's values are judged one by one; ${X:?} is a variable, not a default; GeoServer's digest1: is a hash, in users.xml and in the master password's digest file", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-categories-'));
    writeFileSync(
      join(dir, 'compose.yaml'),
      'services:\n  geoserver:\n    image: kartoza/geoserver:2.25.0\n    volumes:\n      - ./security:/opt/geoserver/data_dir/security\n',
    );
    mkdirSync(join(dir, 'security'));
    mkdirSync(join(dir, 'scripts'));
    writeFileSync(join(dir, 'security/masterpw.digest'), `digest1:${fake(B64, 86)}==\n`);
    writeFileSync(
      join(dir, 'security/users.xml'),
      [
        '<userRegistry version="1.0">',
        `  <user enabled="true" name="admin" password="digest1:${fake(B64, 86)}=="/>`,
        `  <user enabled="true" name="viewer" password="plain:Falcon-${fake(ALNUM, 10)}"/>`,
        '</userRegistry>',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'scripts/export.sh'),
      [
        '#!/bin/sh',
        'curl -s -X POST http://umami:3000/api/auth/login \\',
        '  -d "{\\"username\\":\\"reporting\\",\\"password\\":\\"${UMAMI_PASSWORD:?}\\"}"',
        'curl -s -H "Cookie: XSRF-TOKEN=$CSRF_TOKEN; theme=dark" http://pulsar:7750/',
        `curl -s -H "Cookie: lang=en; sessionid=${fake(ALNUM, 24)}" http://pulsar:7750/`,
        '',
      ].join('\n'),
    );
    const result = await lint([dir], { cwd: dir, settings: emptySettings() });
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.redacted}`)).toEqual([
      'scripts/export.sh:5:40 secret-in-project-file •••• (24 chars)',
      // GeoServer's plain: prefix says the password follows in clear text
      'security/users.xml:3:48 secret-in-mounted-file •••• (23 chars)',
    ]);
  });
});

describe("a secret as a list's only string, and as code's fallback after an environment lookup", () => {
  it('["…"] under a secret-named key is its value; a list of words is not. process.env.X ?? "…" and os.environ.get("X") or "…" run with the literal when X is unset; a placeholder fallback and a lookup alone are not secrets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-categories-'));
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  kong:\n    image: kong:3.6\n    volumes:\n      - ./kong.yml:/kong/kong.yml:ro\n');
    writeFileSync(
      join(dir, 'kong.yml'),
      [
        'plugins:',
        '  - name: openid-connect',
        '    config:',
        `      client_secret: ["${fake(ALNUM, 32)}"]`,
        '      scopes: ["openid", "profile"]',
        '      synonyms: { "pw": ["password", "passwort"] }',
        '',
      ].join('\n'),
    );
    mkdirSync(join(dir, 'scripts'));
    writeFileSync(
      join(dir, 'scripts/import.mjs'),
      [
        'const api = new GhostAdminAPI({',
        "  url: process.env.GHOST_URL ?? 'http://ghost:2368',",
        `  key: process.env.GHOST_ADMIN_KEY ?? '${fake(HEX, 24)}:${fake(HEX, 64)}',`,
        "  password: process.env.DB_PASSWORD || 'changeme',",
        '  token: process.env.TOKEN,',
        '});',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'scripts/report.py'), `SECRET = os.environ.get("APP_SECRET") or "Falcon-${fake(ALNUM, 12)}"\n`);
    // Ruby's block fallback: the block's string when the variable is unset, a `raise` is none
    writeFileSync(
      join(dir, 'scripts/seed.rb'),
      [
        `secret_key_base = ENV.fetch("SECRET_KEY_BASE") { "${fake(HEX, 64)}" }`,
        'host = ENV.fetch("APP_HOST") { "shop.acme.test" }',
        'token = ENV.fetch("API_TOKEN") { raise "API_TOKEN missing" }',
        '',
      ].join('\n'),
    );
    const result = await lint([dir], { cwd: dir, settings: emptySettings() });
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.redacted}`)).toEqual([
      'kong.yml:4:24 secret-in-mounted-file •••• (32 chars)',
      'scripts/import.mjs:3:40 secret-in-project-file •••• (89 chars)',
      'scripts/report.py:1:43 secret-in-project-file •••• (19 chars)',
      'scripts/seed.rb:1:51 secret-in-project-file •••• (64 chars)',
    ]);
  });
});

describe('rows, properties and records written in the formats of databases and directories', () => {
  it("an SQL INSERT's values by their column, Hadoop's <name>/<value> properties, LDIF's base64 `::` and FreeRADIUS's `:=` carry secrets; a password column's hex digest, NULL, a call, an NT hash, an LDIF hash and an SSH public key in a YAML plain scalar are not secrets", async () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  db:',
        '    image: postgres:16',
        '    volumes:',
        '      - ./seed.sql:/docker-entrypoint-initdb.d/seed.sql:ro',
        '      - ./hive-site.xml:/opt/hive/conf/hive-site.xml:ro',
        '      - ./users.ldif:/ldif/users.ldif:ro',
        '      - ./authorize:/etc/raddb/mods-config/files/authorize:ro',
        '',
      ].join('\n'),
      'seed.sql': [
        'INSERT INTO nas (nasname, shortname, type, secret, description)',
        `  VALUES ('10.40.0.2', 'vpn-gw', 'other', '${fake(ALNUM, 20)}', 'VPN gateway'),`,
        `         ('10.40.0.3', 'wifi', 'other', '${fake(B64, 24)}', 'access points');`,
        'INSERT INTO users (id, password, api_key) VALUES',
        `  (1, '${fake(HEX, 64)}', NULL),`,
        `  (2, crypt('x', gen_salt('bf')), md5('y'));`,
        '',
      ].join('\n'),
      'hive-site.xml': [
        '<configuration>',
        '  <property>',
        '    <name>javax.jdo.option.ConnectionPassword</name>',
        `    <value>${fake(ALNUM, 18)}</value>`,
        '  </property>',
        '  <property><name>hive.metastore.password.min.length</name><value>8</value></property>',
        '  <property><name>javax.jdo.option.ConnectionUserName</name><value>hive</value></property>',
        '</configuration>',
        '',
      ].join('\n'),
      'users.ldif': [
        'dn: uid=ann,ou=people,dc=example,dc=org',
        `userPassword:: ${b64(`Maple-${fake(ALNUM, 10)}`)}`,
        `userPassword:: ${b64(`{SSHA}${fake(B64, 32)}`)}`,
        `description:: ${b64('Finance team, second floor')}`,
        '',
      ].join('\n'),
      authorize: [`bob     Cleartext-Password := "Cobalt-${fake(DIGITS, 4)}!"`, `netops  NT-Password := ${fake(HEX, 32)}`, ''].join('\n'),
      'group_vars/all.yml': ['admin_users:', '  - name: jdoe', `    ssh_key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${fake(B64, 43)}`, ''].join('\n'),
    });
    expect(found).toEqual([
      'authorize:1:32 secret-in-mounted-file •••• (12 chars)',
      'hive-site.xml:4:12 secret-in-mounted-file •••• (18 chars)',
      'seed.sql:2:44 secret-in-mounted-file •••• (20 chars)',
      'seed.sql:3:42 secret-in-mounted-file •••• (24 chars)',
      'users.ldif:2:16 secret-in-mounted-file •••• (24 chars)',
    ]);
  });
});

describe("a directive commented out, a function's name, a JSON path and a program's own lookup", () => {
  it("`# requirepass …` in a mounted redis/keydb config is a commented-out password; the stock `# requirepass foobared`, a two-word sentence, `hash_key_function`, a claim's JSON path and `{env:X}` in a URL are not secrets", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  cache:',
        '    image: eqalpha/keydb',
        '    volumes:',
        '      - ./keydb.conf:/etc/keydb/keydb.conf:ro',
        '      - ./tyk.conf:/opt/tyk-gateway/tyk.conf:ro',
        '    environment:',
        '      PGRST_JWT_ROLE_CLAIM_KEY: ".role"',
        '      ROLES_CLAIM_KEY: "$.realm_access.roles"',
        '      DAGSTER_STORAGE_URL: "postgresql://dagster:{env:DAGSTER_PG_PASSWORD}@postgres:5432/dagster"',
        '',
      ].join('\n'),
      'keydb.conf': ['port 6379', `# requirepass ${fake(ALNUM, 24)}`, '# requirepass foobared', '# password protected', ''].join('\n'),
      'tyk.conf': ['{', '  "hash_keys": true,', '  "hash_key_function": "murmur128",', `  "secret": "${fake(ALNUM, 32)}"`, '}', ''].join('\n'),
    });
    expect(found).toEqual(['keydb.conf:2:15 hardcoded-credential •••• (24 chars)', 'tyk.conf:4:14 secret-in-mounted-file •••• (32 chars)']);
  });
});

describe('digests an element declares, ids and public keys by their vendor, Helm values and go-ini quoting, database URLs', () => {
  it("a password attribute beside `encoding=\"md5\"` is a digest; a 20-character key id under `*_S3_KEY`, GrowthBook's client key, Algolia's search key and Helm's existingSecret are not secrets; Helm values, a backquoted app.ini password, DATABASE_URL and Airflow's connections passed through are", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  app:',
        '    image: example/app',
        '    volumes:',
        '      - ./user-mapping.xml:/etc/guacamole/user-mapping.xml:ro',
        '      - ./app.ini:/data/gitea/conf/app.ini',
        '    environment:',
        `      OBJECTSTORE_S3_KEY: Q1RWA2PV3SNZUI6${fake(DIGITS, 5)}`,
        `      GROWTHBOOK_CLIENT_KEY: sdk-${fake(ALNUM, 16)}`,
        `      ALGOLIA_SEARCH_KEY: ${fake(HEX, 32)}`,
        '      DATABASE_URL: ${DATABASE_URL:?set it}',
        '      AIRFLOW_CONN_WAREHOUSE: ${AIRFLOW_CONN_WAREHOUSE}',
        '      REDIS_URL: ${REDIS_URL}',
        '',
      ].join('\n'),
      'user-mapping.xml': [
        '<user-mapping>',
        `  <authorize username="helpdesk" password="${fake(HEX, 32)}" encoding="md5">`,
        '  </authorize>',
        `  <authorize username="ops" password="Kq9-${fake(ALNUM, 10)}">`,
        '  </authorize>',
        '</user-mapping>',
        '',
      ].join('\n'),
      'app.ini': ['[database]', 'DB_TYPE = postgres', `PASSWD = \`Harbor!${fake(ALNUM, 10)}\``, ''].join('\n'),
      'chart/values.yaml': ['postgresql:', '  auth:', '    existingSecret: shop-db', `    password: ${fake(ALNUM, 24)}`, ''].join('\n'),
    });
    expect(found).toEqual([
      'app.ini:3:11 secret-in-mounted-file •••• (17 chars)',
      'chart/values.yaml:4:15 secret-in-project-file •••• (24 chars)',
      'compose.yaml:11:7 secret-via-environment undefined',
      'compose.yaml:12:7 secret-via-environment undefined',
      'user-mapping.xml:4:39 secret-in-mounted-file •••• (14 chars)',
    ]);
  });
});

describe('a command that creates an account, of any program', () => {
  it('the password after the account in `prosodyctl register`, `pocketbase admin upsert`, `setup email add` is found; `git add`, `useradd … deploy`, `docker network create`, `npm create` and a lower-case password-less word are not secrets', async () => {
    const found = await findings(
      [
        'services:',
        '  app:',
        '    image: example/app',
        '    command:',
        '      - sh',
        '      - -c',
        '      - |',
        `        prosodyctl register moderator chat.example Nimbus${fake(DIGITS, 4)}.`,
        `        pocketbase admin upsert ops@example.org 'Sorrel!Shrike${fake(DIGITS, 2)}' --dir /pb_data`,
        `        setup email add scan@example.org 'Scan2Mail!${fake(DIGITS, 4)}'`,
        '        git add README.md Dockerfile',
        '        useradd -m -s /bin/bash deploy',
        '        docker network create Net2Backend1',
        '        npm create vite@latest MyApp2024',
        '        ejabberdctl register admin localhost changeme',
        '',
      ].join('\n'),
    );
    expect(found).toEqual(['8:52 hardcoded-credential', '9:50 hardcoded-credential', '10:43 hardcoded-credential']);
  });
});

describe("log shippers' directives, PHP's ?: fallback, option files, a stock password that reads like a mode, a token given as the user", () => {
  it("Fluent Bit's `Shared_Key x`, fluentd's indented `password x`, `getenv('X') ?: '…'`, a MariaDB option file, EMQX's `public` and Mattermost's data source are secrets; Telegraf's namepass, `os.environ[\"X\"]`, Graylog's `-u TOKEN:token` marker word, Datadog's `pub…` client token and a prose `Password required` line are not", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  app:',
        '    image: example/app',
        '    volumes:',
        '      - ./fluent-bit.conf:/fluent-bit/etc/fluent-bit.conf:ro',
        '      - ./fluent.conf:/fluentd/etc/fluent.conf:ro',
        '      - ./config.php:/var/www/config.php:ro',
        '      - ./telegraf.conf:/etc/telegraf/telegraf.conf:ro',
        '      - ./provision.py:/app/provision.py:ro',
        '    environment:',
        '      EMQX_DASHBOARD__DEFAULT_PASSWORD: public',
        '      DOWNLOAD_TOKEN: public',
        '      MM_SQLSETTINGS_DATASOURCE: ${MM_DATASOURCE}',
        `      DD_CLIENT_TOKEN: pub${fake(HEX, 32)}`,
        '',
      ].join('\n'),
      'fluent-bit.conf': ['[OUTPUT]', '    Name          forward', `    Shared_Key    ${fake(ALNUM, 32)}`, ''].join('\n'),
      'fluent.conf': [
        '<match app.**>',
        '  @type elasticsearch',
        '  user elastic',
        `  password zZTL-${fake(ALNUM, 12)}`,
        '</match>',
        'Password required for login',
        '',
      ].join('\n'),
      'config.php': ['<?php', `$CFG->dbpass = getenv('MOODLE_DB_PASSWORD') ?: 'vDPy.${fake(ALNUM, 12)}';`, ''].join('\n'),
      'telegraf.conf': ['[[outputs.influxdb_v2]]', '  namepass = ["quality_*"]', '  fieldpass = ["temp"]', ''].join('\n'),
      'provision.py': ['import os', 'PASSWORD = os.environ["TB_TENANT_PASSWORD"]', ''].join('\n'),
      'scripts/inputs.sh': ['#!/bin/sh', 'curl -sf -u "${TOKEN}:token" http://graylog:9000/api/system/inputs', ''].join('\n'),
      'mariadb/backup.cnf': ['[client]', 'user=backup', `password=fmcevz${fake(ALNUM, 6)}`, ''].join('\n'),
    });
    expect(found).toEqual([
      'compose.yaml:11:41 secret-in-environment •••• (6 chars)',
      'compose.yaml:13:7 secret-via-environment undefined',
      'config.php:2:49 secret-in-mounted-file •••• (17 chars)',
      'fluent-bit.conf:3:19 secret-in-mounted-file •••• (32 chars)',
      'fluent.conf:4:12 secret-in-mounted-file •••• (17 chars)',
      'mariadb/backup.cnf:3:10 secret-in-project-file •••• (12 chars)',
    ]);
  });
});

describe("a receiver's path names the vendor; a Makefile's variables and recipes", () => {
  it("Alertmanager's `pagerduty_configs: - routing_key:` is PagerDuty's integration key (an AMQP routing key is not a secret); a Makefile's `KEY ?= …` and a recipe's `PGPASSWORD=… psql` are read, its `APP ?= shop` is not a secret", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  alertmanager:',
        '    image: prom/alertmanager',
        '    volumes:',
        '      - ./alertmanager.yml:/etc/alertmanager/alertmanager.yml:ro',
        '',
      ].join('\n'),
      'alertmanager.yml': [
        'receivers:',
        '  - name: oncall',
        '    pagerduty_configs:',
        `      - routing_key: ${fake(HEX, 32)}`,
        '  - name: queue',
        '    amqp:',
        '      routing_key: alerts.critical',
        '',
      ].join('\n'),
      Makefile: [`DD_APP_KEY ?= ${fake(HEX, 40)}`, 'APP ?= shop', '', 'restore:', `\tPGPASSWORD=JuG*${fake(ALNUM, 14)} psql -h localhost -U app app`, ''].join(
        '\n',
      ),
    });
    expect(found).toEqual([
      'Makefile:1:15 secret-in-project-file •••• (40 chars)',
      'Makefile:5:13 secret-in-project-file •••• (18 chars)',
      'alertmanager.yml:4:22 secret-in-mounted-file •••• (32 chars)',
    ]);
  });
});

describe("a client's credential files by name, and an INI value with `&` in it", () => {
  it("dbt's profiles.yml and cqlsh's cqlshrc are read; `password = a&b` in them is the whole value, while a URL query's `&` still ends a parameter", async () => {
    const found = await projectFindings({
      'compose.yaml': ['services:', '  app:', '    image: example/app', ''].join('\n'),
      'dbt/profiles.yml': [
        'warehouse:',
        '  outputs:',
        '    dev:',
        '      type: snowflake',
        '      user: DBT_DEV',
        `      password: wicv.${fake(ALNUM, 12)}`,
        '',
      ].join('\n'),
      'cassandra/cqlshrc': ['[authentication]', 'username = app', `password = RnC&${fake(ALNUM, 8)}=pq`, ''].join('\n'),
      'config/app.toml': [`url = "jdbc:x://h/db?user=a&password=Kq9${fake(ALNUM, 8)}&ssl=true"`, ''].join('\n'),
    });
    expect(found).toEqual([
      'cassandra/cqlshrc:3:12 secret-in-project-file •••• (15 chars)',
      'config/app.toml:1:38 secret-in-project-file •••• (11 chars)',
      'dbt/profiles.yml:6:17 secret-in-project-file •••• (17 chars)',
    ]);
  });
});

describe("Erlang's distribution cookie", () => {
  it('`-setcookie X` in ERL_FLAGS and in a command is the cookie every node shares; `-sname a` is not a secret', async () => {
    const found = await findings(
      [
        'services:',
        '  couchdb:',
        '    image: couchdb:3',
        '    environment:',
        `      ERL_FLAGS: "-setcookie ${fake(ALNUM, 20)}"`,
        `    command: ["erl", "-sname", "a", "-setcookie", "Kq9${fake(ALNUM, 9)}"]`,
        '',
      ].join('\n'),
    );
    expect(found).toEqual(['5:30 secret-in-environment', '6:52 hardcoded-credential']);
  });
});

describe("an admin tool's setting given as a name option and a value option", () => {
  it("Moodle's `cfg.php --name=smtppass --set=…` and Nextcloud's `occ config:system:set mail_smtppassword --value=…` give a secret; `--name=theme --set=boost`, `trusted_domains 1 --value=cloud.example.org` do not, and Helm's `--set=db.password=…` is still read", async () => {
    const found = await projectFindings({
      'compose.yaml': ['services:', '  app:', '    image: example/app', ''].join('\n'),
      'scripts/configure.sh': [
        '#!/bin/sh',
        'CFG="php admin/cli/cfg.php"',
        `$CFG --name=smtppass --set='BUqc-${fake(ALNUM, 12)}'`,
        '$CFG --name=theme --set=boost',
        `php occ config:system:set mail_smtppassword --value="Kq9${fake(ALNUM, 9)}"`,
        'php occ config:system:set trusted_domains 1 --value=cloud.example.org',
        `helm upgrade shop ./chart --set=db.password=Kq9${fake(ALNUM, 9)}`,
        '',
      ].join('\n'),
    });
    expect(found).toEqual([
      'scripts/configure.sh:3:29 secret-in-project-file •••• (17 chars)',
      'scripts/configure.sh:5:54 secret-in-project-file •••• (12 chars)',
      'scripts/configure.sh:7:45 secret-in-project-file •••• (12 chars)',
    ]);
  });
});

describe("a project's other files, read for credentials that say what they are", () => {
  it("a SendGrid key in a pipeline's source, a Docker Hub token in a CI workflow and a SonarQube token commented out in a Jenkinsfile are reported; a setting's name in source, Firebase's client file and a masked key are not; docs/ is read for them, its code is not read for settings", async () => {
    const sendgrid = () => `SG.${fake(B64URL, 22)}.${fake(B64URL, 43)}`;
    const found = await projectFindings({
      'compose.yaml': ['services:', '  app:', '    image: example/etl', ''].join('\n'),
      'flows/etl.py': ['import os', `SENDGRID_KEY = "${sendgrid()}"`, 'DB_PASSWORD = os.environ["DB_PASSWORD"]', ''].join('\n'),
      '.github/workflows/deploy.yml': ['jobs:', '  push:', '    steps:', `      - run: docker login -u acmebot -p dckr_pat_${fake(B64URL, 27)}`, ''].join('\n'),
      Jenkinsfile: ['pipeline {', `  // sh 'mvn sonar:sonar -Dsonar.login=squ_${fake(HEX, 40)}'`, '}', ''].join('\n'),
      'app/google-services.json': ['{', `  "api_key": [{ "current_key": "AIza${fake(B64URL, 35)}" }]`, '}', ''].join('\n'),
      'README.md': ['Set `SENDGRID_API_KEY=SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`.', ''].join('\n'),
      'docs/setup.md': [`Example: ${sendgrid()}`, ''].join('\n'),
      // a literal: one more fake() here would change every later test's values
      'docs/settings.py': ['EMAIL_HOST_PASSWORD = "Wm3X-Lp2Rb5-Vt9Ck4"', ''].join('\n'),
    });
    expect(found).toEqual([
      '.github/workflows/deploy.yml:4:41 secret-in-project-file •••• (36 chars)',
      'Jenkinsfile:2:40 secret-in-project-file •••• (44 chars)',
      'docs/setup.md:1:10 secret-in-project-file •••• (69 chars)',
      'flows/etl.py:2:17 secret-in-project-file •••• (69 chars)',
    ]);
  });
});

describe('key blocks, property references, digests, sealed values and .NET configuration in the files a service reads', () => {
  it("each private key block of a YAML file is reported at its BEGIN line and the file's settings are still read by key path; a describing setting, a dotted `${a.b-c}` reference, Tomcat's and Liberty's digests and a SealedSecret's values are not secrets, Liberty's `{xor}` and a Secret's stringData are", async () => {
    const pem = (indent: string) => [
      `${indent}-----BEGIN RSA PRIVATE KEY-----`,
      ...Array.from({ length: 4 }, () => `${indent}${fake(B64, 64)}`),
      `${indent}-----END RSA PRIVATE KEY-----`,
    ];
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  app:',
        '    image: example/app',
        '    volumes:',
        '      - ./server.config.yaml:/etc/app/server.config.yaml:ro',
        '      - ./application.conf:/opt/app/conf/application.conf:ro',
        '      - ./server.xml:/config/server.xml:ro',
        '      - ./tomcat-users.xml:/usr/local/tomcat/conf/tomcat-users.xml:ro',
        '',
      ].join('\n'),
      'server.config.yaml': [
        'Frontend:',
        '  hostname: vr.example.org',
        '  private_key: |',
        ...pem('    '),
        'CA:',
        '  private_key: |',
        ...pem('    '),
        'credentials:',
        '  - string:',
        '      description: SonarQube global analysis token',
        `      password: Cobalt-${fake(ALNUM, 12)}`,
        '',
      ].join('\n'),
      'application.conf': [
        'ssl {',
        `  key-store-password = "${fake(ALNUM, 16)}"`,
        '  key-password = ${akka.remote.artery.ssl.config-ssl-engine.key-store-password}',
        '}',
        '',
      ].join('\n'),
      'server.xml': [
        '<server>',
        '  <basicRegistry>',
        `    <user name="ops" password="{xor}${fake(B64, 16)}="/>`,
        `    <user name="reporter" password="{hash}ARAAAAAU${fake(B64, 64)}"/>`,
        '  </basicRegistry>',
        '</server>',
        '',
      ].join('\n'),
      'tomcat-users.xml': [
        '<tomcat-users>',
        `  <user username="admin" password="${fake(HEX, 64)}$1$${fake(HEX, 64)}" roles="manager-gui"/>`,
        '</tomcat-users>',
        '',
      ].join('\n'),
      'deploy/k8s/secrets.yaml': [
        'apiVersion: v1',
        'kind: Secret',
        'metadata: {name: maps}',
        'stringData:',
        `  MAPS_KEY: "${fake(ALNUM, 20)}"`,
        '---',
        'apiVersion: bitnami.com/v1alpha1',
        'kind: SealedSecret',
        'metadata: {name: maps}',
        'spec:',
        '  encryptedData:',
        `    MAPS_KEY: AgB${fake(B64, 120)}`,
        '',
      ].join('\n'),
    });
    expect(found).toEqual([
      'application.conf:2:25 secret-in-mounted-file •••• (16 chars)',
      'deploy/k8s/secrets.yaml:5:14 secret-in-project-file •••• (20 chars)',
      'server.config.yaml:4:5 secret-in-mounted-file •••• (341 chars)',
      'server.config.yaml:12:5 secret-in-mounted-file •••• (341 chars)',
      'server.config.yaml:21:17 secret-in-mounted-file •••• (19 chars)',
      'server.xml:3:32 secret-in-mounted-file •••• (22 chars)',
    ]);
  });

  it(".NET's web.config is read (a connection string's password, a machine key; not `PasswordMinLength`), a NuGet push key is recognised by its format, a literal decoded into a key's bytes is a key (not a short one), a stream key, a secret-box key and a key pair by their run-together names", async () => {
    const found = await projectFindings({
      'compose.yaml': ['services:', '  app:', '    image: example/app', ''].join('\n'),
      'legacy/Orders.Soap/web.config': [
        '<configuration>',
        '  <connectionStrings>',
        `    <add name="OrdersDb" connectionString="Data Source=sql01;Initial Catalog=Orders;User ID=soap;Password=Soap#${fake(ALNUM, 8)};" />`,
        '  </connectionStrings>',
        '  <appSettings><add key="PasswordMinLength" value="12" /></appSettings>',
        `  <system.web><machineKey validationKey="${fake(HEX, 128).toUpperCase()}" validation="HMACSHA256" /></system.web>`,
        '</configuration>',
        '',
      ].join('\n'),
      'NuGet.Config': [
        '<configuration>',
        '  <apikeys>',
        `    <add key="https://api.nuget.org/v3/index.json" value="oy2${fake(LOWER_ALNUM, 43)}" />`,
        '  </apikeys>',
        '</configuration>',
        '',
      ].join('\n'),
      'config/runtime.exs': [
        'config :tally, Tally.Vault,',
        `  ciphers: [default: {Cloak.Ciphers.AES.GCM, tag: "AES.GCM.V1", key: Base.decode64!("${fake(B64, 43)}=")}]`,
        'config :tally, Other,',
        '  key: Base.decode64!("c2hvcnQ=")',
        '',
      ].join('\n'),
      'config/security.php': [
        '<?php',
        `$config['encryptionkeypair'] = '${fake(HEX, 128)}';`,
        `$config['encryptionsecretboxkey'] = '${fake(HEX, 64)}';`,
        `$config['streamkey'] = '${fake(ALNUM, 20)}';`,
        "$config['sshkeypair'] = 'deploy';",
        '',
      ].join('\n'),
    });
    expect(found).toEqual([
      'NuGet.Config:3:59 secret-in-project-file •••• (46 chars)',
      'config/runtime.exs:2:86 secret-in-project-file •••• (44 chars)',
      'config/security.php:2:33 secret-in-project-file •••• (128 chars)',
      'config/security.php:3:38 secret-in-project-file •••• (64 chars)',
      'config/security.php:4:25 secret-in-project-file •••• (20 chars)',
      'legacy/Orders.Soap/web.config:3:107 secret-in-project-file •••• (13 chars)',
      'legacy/Orders.Soap/web.config:6:42 secret-in-project-file •••• (128 chars)',
    ]);
  });

  it("a file that maps names to secrets reports each, a settings file of the same shape does not; the key beside its secret in one map, one INI file or one env file is the pair's identifying half", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  app:',
        '    image: example/app',
        '    env_file: [weblate.env]',
        '    volumes:',
        '      - ./stream-auth/keys.json:/app/keys.json:ro',
        '      - ./sa/tokens.json:/app/tokens.json:ro',
        '      - ./certbot/ovh.ini:/etc/ovh.ini:ro',
        '',
      ].join('\n'),
      'stream-auth/keys.json': ['{', `  "clubhouse": "Mx7${fake(ALNUM, 17)}",`, `  "tournament": "Qa4${fake(ALNUM, 17)}"`, '}', ''].join('\n'),
      'sa/tokens.json': ['{', '  "type": "service_account",', '  "project_id": "school-homework",', `  "client_id": "${fake(DIGITS, 21)}"`, '}', ''].join('\n'),
      'certbot/ovh.ini': [
        'dns_ovh_endpoint = ovh-eu',
        `dns_ovh_application_key = ${fake(ALNUM, 16)}`,
        `dns_ovh_application_secret = ${fake(ALNUM, 32)}`,
        `dns_ovh_consumer_key = ${fake(ALNUM, 32)}`,
        '',
      ].join('\n'),
      'appsettings.json': [
        '{',
        '  "Sms": {',
        '    "Provider": "Vonage",',
        `    "ApiKey": "${fake(HEX, 8)}",`,
        `    "ApiSecret": "${fake(ALNUM, 16)}"`,
        '  }',
        '}',
        '',
      ].join('\n'),
      'weblate.env': [`WEBLATE_SOCIAL_AUTH_GITHUB_KEY=${fake(HEX, 20)}`, `WEBLATE_SOCIAL_AUTH_GITHUB_SECRET=${fake(HEX, 40)}`, ''].join('\n'),
    });
    expect(found).toEqual([
      'appsettings.json:5:19 secret-in-project-file •••• (16 chars)',
      'certbot/ovh.ini:3:30 secret-in-mounted-file •••• (32 chars)',
      'certbot/ovh.ini:4:24 secret-in-mounted-file •••• (32 chars)',
      'stream-auth/keys.json:2:16 secret-in-mounted-file •••• (20 chars)',
      'stream-auth/keys.json:3:17 secret-in-mounted-file •••• (20 chars)',
      'weblate.env:2:35 secret-in-env-file •••• (40 chars)',
    ]);
  });
});

describe("a fallback in a program's own configuration language, a generated key's punctuation", () => {
  it('Aero\'s `#or [#env X "…"]` fallback in an EDN file and a Django key with one `=` in it are secrets; `#env X` alone, a `mode=strict` setting and a placeholder fallback are not', async () => {
    const found = await projectFindings({
      'compose.yaml': ['services:', '  worker:', '    image: example/worker', ''].join('\n'),
      'worker/resources/config.edn': [
        '{:db {:password #env DATABASE_PASSWORD}',
        ` :graphhopper {:api-key #or [#env GRAPHHOPPER_API_KEY "${fake(HEX, 8)}-4129-4f66-a017-${fake(HEX, 12)}"]}`,
        ' :maps {:api-key #or [#env MAPS_API_KEY "changeme"]}}',
        '',
      ].join('\n'),
      'app/settings/local.py': [
        'import os',
        'SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "poe=u!l&9f+1b5-uy((fza0ebkr3a!bm(2u)iso^1_3mvxs2w-")',
        'SESSION_SECRET_MODE = "mode=strict"',
        '',
      ].join('\n'),
    });
    expect(found).toEqual([
      'app/settings/local.py:2:51 secret-in-project-file •••• (50 chars)',
      'worker/resources/config.edn:2:56 secret-in-project-file •••• (36 chars)',
    ]);
  });
});

describe("a package index's URL passed from the environment", () => {
  it("a bare `PIP_EXTRA_INDEX_URL` build arg carries the private index's token; a cache URL does not", async () => {
    const text = [
      'services:',
      '  app:',
      '    image: example/app',
      '    build:',
      '      context: .',
      '      args:',
      '        - PIP_EXTRA_INDEX_URL',
      '        - CACHE_URL',
      '',
    ].join('\n');
    expect(await findings(text)).toEqual(['7:11 secret-in-build-args']);
  });
});

describe('a bare directive in an nginx-style block', () => {
  it('`password …;` indented in a `{ … }` block (SRS, nginx-rtmp) is a directive; the same words as prose, without its `;`, are not', async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  srs:',
        '    image: ossrs/srs:5',
        '    volumes:',
        '      - ./srs/custom.conf:/usr/local/srs/conf/custom.conf:ro',
        '',
      ].join('\n'),
      'srs/custom.conf': [
        'http_api {',
        '    enabled on;',
        '    auth {',
        '        username        ops;',
        `        password        Hunt3r-${fake(ALNUM, 10)};`,
        '    }',
        '}',
        '# token rotated yearly',
        '    password required for the API',
        '',
      ].join('\n'),
    });
    expect(found).toEqual(['srs/custom.conf:5:25 secret-in-mounted-file •••• (17 chars)']);
  });
});

describe('credentials in flag clusters, workgroup URLs, indexed and clear-text-scheme settings, ODBC and SSSD names', () => {
  it("curl's `-fsu user:pass`, an smb URL with its workgroup, `password[1]=`, a `{noop}` password, ODBC's PWD beside UID and SSSD's authtok are secrets; `-fsSL` before a URL, an smb URL without a password, `{bcrypt}`, `@@name@@`, a shell's PWD and a key's fingerprint are not", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  app:',
        '    image: example/app',
        '    volumes:',
        '      - ./application.properties:/app/application.properties:ro',
        '      - ./odbc.ini:/etc/odbc.ini:ro',
        '      - ./sssd.conf:/etc/sssd/sssd.conf:ro',
        '      - ./printers.conf:/etc/cups/printers.conf:ro',
        '      - ./run.env.sh:/app/run.sh:ro',
        '    healthcheck:',
        `      test: ["CMD", "curl", "-fsu", "ops:Kq7-${fake(ALNUM, 12)}", "http://localhost:8080/health"]`,
        '    command: ["curl", "-fsSL", "https://example.org/install.sh"]',
        '    environment:',
        `      REPO_KEY_FINGERPRINT: "${fake(HEX, 40).toUpperCase()}"`,
        '',
      ].join('\n'),
      'application.properties': [
        'context.resourceName[0]=jdbc/labkeyDataSource',
        'context.password[0]=@@jdbcPassword@@',
        `context.password[1]=Saffron-${fake(ALNUM, 10)}`,
        `app.users[1].password={noop}Yz4-${fake(ALNUM, 12)}`,
        `app.users[2].password={bcrypt}$2a$10$${fake(B64, 53).replace(/\+/g, '.')}`,
        '',
      ].join('\n'),
      'odbc.ini': ['[warehouse]', 'Driver = FreeTDS', 'UID = etl', `PWD = Nc5-${fake(ALNUM, 14)}`, ''].join('\n'),
      'sssd.conf': ['[domain/corp]', 'ldap_default_bind_dn = uid=sssd,cn=sysaccounts', `ldap_default_authtok = fZ.${fake(ALNUM, 15)}`, ''].join('\n'),
      'printers.conf': [
        '<Printer plotter>',
        `DeviceURI smb://PRINTSHOP/scanner:Velvet-${fake(ALNUM, 8)}@fileserver/plotter`,
        'DeviceURI smb://fileserver/plotter',
        '</Printer>',
        '',
      ].join('\n'),
      'run.env.sh': ['#!/bin/sh', 'PWD=/srv/app', 'cd "$PWD"', ''].join('\n'),
    });
    expect(found).toEqual([
      'application.properties:3:21 secret-in-mounted-file •••• (18 chars)',
      'application.properties:4:29 secret-in-mounted-file •••• (16 chars)',
      'compose.yaml:11:42 hardcoded-credential •••• (16 chars)',
      'odbc.ini:4:7 secret-in-mounted-file •••• (18 chars)',
      'printers.conf:2:35 secret-in-mounted-file •••• (15 chars)',
      'sssd.conf:3:24 secret-in-mounted-file •••• (18 chars)',
    ]);
  });

  it("an API key beside an OAuth client's secret is a secret of its own, `X_AUTH_KEY` beside `X_AUTH_SECRET` is the pair's id, also when set from an identifier's variable; a settings file or a management script is read whatever its name, an example's is not", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  sync:',
        '    image: example/sync',
        '    environment:',
        `      BENCHLING_CLIENT_ID: ${fake(HEX, 8)}-1f4e-4d7e-a798-${fake(HEX, 12)}`,
        `      BENCHLING_CLIENT_SECRET: cs_${fake(ALNUM, 26)}`,
        `      BENCHLING_API_KEY: sk_${fake(ALNUM, 30)}`,
        '  deployments:',
        '    image: example/deployments',
        '    environment:',
        '      STORE_AUTH_KEY: ${MINIO_ACCESS_KEY}',
        '      STORE_AUTH_SECRET: ${MINIO_SECRET_KEY}',
        '',
      ].join('\n'),
      '.env': ['MINIO_ACCESS_KEY=deploy-minio', `MINIO_SECRET_KEY=UV8.${fake(ALNUM, 24)}`, ''].join('\n'),
      'bridge/bridge.cfg': ['[bridge]', 'url = http://lims:8080/senaite', 'user = astm-bridge', `# password = Amber-${fake(ALNUM, 9)}`, 'retries = 3', ''].join(
        '\n',
      ),
      'bridge/bridge.example.cfg': ['[bridge]', `password = Amber-${fake(ALNUM, 9)}`, ''].join('\n'),
      'wildfly/configure.cli': [
        '/subsystem=mail/mail-session=app/server=smtp:add(outbound-socket-binding-ref=smtp, password=${env.MAIL_PASSWORD})',
        `/core-service=management/security-realm=ApplicationRealm/server-identity=ssl:add(keystore-path=app.jks, keystore-password="Tundra-${fake(ALNUM, 8)}", alias=app)`,
        '',
      ].join('\n'),
    });
    expect(found).toEqual([
      '.env:2:18 secret-in-env-file •••• (28 chars)',
      'bridge/bridge.cfg:4:14 secret-in-project-file •••• (15 chars)',
      'compose.yaml:6:32 secret-in-environment •••• (29 chars)',
      'compose.yaml:7:26 secret-in-environment •••• (33 chars)',
      'wildfly/configure.cli:2:124 secret-in-project-file •••• (15 chars)',
    ]);
  });
  it("a password typed twice into a program's `passwd` subcommand, a directory server's seed LDIF and a BitBake recipe's key are secrets; the same typed from a variable, an HTTP header's name under a key's name and a `pub_` client token are not", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  p4d:',
        '    image: example/helix-p4d',
        '    volumes:',
        '      - ./p4d/setup.sh:/setup.sh:ro',
        '      - ./main.properties:/app/main.properties:ro',
        '',
      ].join('\n'),
      'p4d/setup.sh': [
        '#!/bin/sh',
        'echo -e "$P4PASSWD\\n$P4PASSWD" | p4 -u p4admin passwd',
        `echo -e "Yarrow-${fake(ALNUM, 9)}\\nsame" | p4 -u p4admin passwd buildbot`,
        '',
      ].join('\n'),
      'main.properties': ['webapi.key = STEVE-API-KEY', 'webapi.timeout = 30', ''].join('\n'),
      'ipa/users.ldif': [
        'dn: uid=plotter,cn=users,dc=example,dc=org',
        'changetype: modify',
        'replace: userPassword',
        `userPassword: Granite-${fake(ALNUM, 8)}`,
        '',
      ].join('\n'),
      'meta-app/recipes-app/app/app_1.0.bb': [
        'SUMMARY = "fleet agent"',
        `APP_API_KEY ?= "${fake(HEX, 40)}"`,
        `SRC_URI[sha256sum] = "${fake(HEX, 64)}"`,
        '',
      ].join('\n'),
      'game/Config/DefaultEngine.ini': ['[CrashReportClient]', `SubmitToken=pub_${fake(HEX, 24)}`, ''].join('\n'),
    });
    expect(found).toEqual([
      'ipa/users.ldif:4:15 secret-in-project-file •••• (16 chars)',
      'meta-app/recipes-app/app/app_1.0.bb:2:17 secret-in-project-file •••• (40 chars)',
      'p4d/setup.sh:3:10 secret-in-mounted-file •••• (16 chars)',
    ]);
  });
});

describe("a directive file's bare password beside its user, a crontab's commands", () => {
  it("msmtp's `password x` beside `user x` is a credential, in a file the project keeps; a bare `password x` with no user directive is prose", async () => {
    const found = await projectFindings({
      'compose.yaml': ['services:', '  php:', '    image: example/php', ''].join('\n'),
      'docker/php/msmtprc': ['account default', 'host in-v3.mailjet.com', `user ${fake(HEX, 32)}`, `password       ${fake(HEX, 32)}`, ''].join('\n'),
      'notes/login.conf': ['# how to log in', `password ${fake(ALNUM, 12)}`, 'timeout 30', ''].join('\n'),
    });
    expect(found).toEqual(['docker/php/msmtprc:4:16 secret-in-project-file •••• (32 chars)']);
  });

  it("a crontab's commands are read after their schedules (a user's and a system crontab's, `@daily`); a schedule's fields, a ping URL and `MAILTO` are not credentials", async () => {
    const found = await projectFindings({
      'compose.yaml': ['services:', '  cron:', '    image: example/cron', '    volumes:', '      - ./cron/backup.cron:/etc/cron.d/backup:ro', ''].join('\n'),
      'docker/cron/crontab': [
        'MAILTO=ops@example.org',
        `0 7 * * 1-5 curl -s -u recall:W7j-${fake(ALNUM, 10)} https://praxis.example/cron/recall.php > /dev/null`,
        '@daily curl -fsS https://hc-ping.com/5f0c2a51-7c1e-4c3e-9d7e-0b7b0f1d2a33',
        '',
      ].join('\n'),
      'cron/backup.cron': [
        `*/30 * * * * root /usr/local/bin/backup --password Kq7-${fake(ALNUM, 10)}`,
        '15 2 * * sun root /usr/local/bin/rotate --keep 7',
        '',
      ].join('\n'),
    });
    expect(found).toEqual(['cron/backup.cron:1:52 secret-in-mounted-file •••• (14 chars)', 'docker/cron/crontab:2:31 secret-in-project-file •••• (14 chars)']);
  });
});

describe("WildFly's credential references", () => {
  it('`<credential-reference clear-text="…"/>` holds the password; a reference to a credential store\'s alias and a `clear-text` flag elsewhere do not', async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  app:',
        '    image: example/wildfly',
        '    volumes:',
        '      - ./standalone.xml:/opt/jboss/wildfly/standalone/configuration/standalone.xml:ro',
        '',
      ].join('\n'),
      'standalone.xml': [
        '<server>',
        '  <credential-store name="cs" path="cs.p12">',
        `    <credential-reference clear-text="MIN${fake(ALNUM, 14)}"/>`,
        '  </credential-store>',
        '  <credential-reference store="cs" alias="db"/>',
        '  <mail-session clear-text="true"/>',
        '</server>',
        '',
      ].join('\n'),
    });
    expect(found).toEqual(['standalone.xml:3:39 secret-in-mounted-file •••• (17 chars)']);
  });
});

describe('settings in a list, SQL kept in the project, service tokens that name their config, PGP-encrypted values', () => {
  it("a JSON array's objects are settings: a user name holding the password's token is reported beside it", async () => {
    const token = `${fake(HEX, 8)}-${fake(HEX, 4)}-4${fake(HEX, 3)}-8${fake(HEX, 3)}-${fake(HEX, 12)}`;
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: listmonk/listmonk\n',
      'config/smtp-settings.json': [
        '[',
        '  {',
        '    "host": "smtp.postmarkapp.com",',
        `    "username": "${token}",`,
        `    "password": "${token}"`,
        '  },',
        '  { "host": "mail.internal", "username": "listmonk", "password": "" }',
        ']',
        '',
      ].join('\n'),
    });
    expect(found).toEqual([
      'config/smtp-settings.json:4:18 secret-in-project-file •••• (36 chars)',
      'config/smtp-settings.json:5:18 secret-in-project-file •••• (36 chars)',
    ]);
  });

  it("an SQL file the project keeps is read: SQL Server's `PASSWORD = N'…'` and Firebird's `CREATE USER … PASSWORD '…'`; a stored hash is not, nor SQL Server's `0x0200…` password hash", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  db:\n    image: mcr.microsoft.com/mssql/server\n',
      'sql/02-logins.sql': [
        `CREATE LOGIN crm_app WITH PASSWORD = N'Dc${fake(ALNUM, 14)}', CHECK_POLICY = OFF;`,
        `CREATE USER REPORTING PASSWORD 'Ln${fake(ALNUM, 8)}' USING PLG$SRP;`,
        `UPDATE users SET hashed_password = '${fake(HEX, 40)}' WHERE login = 'admin';`,
        `CREATE LOGIN report_ro WITH PASSWORD = 0x0200${fake(HEX, 136).toUpperCase()} HASHED;`,
        '',
      ].join('\n'),
    });
    expect(found).toEqual(['sql/02-logins.sql:1:40 secret-in-project-file •••• (16 chars)', 'sql/02-logins.sql:2:33 secret-in-project-file •••• (10 chars)']);
  });

  it("a Doppler service token that names its config is one; Renovate's PGP-encrypted value is not a secret", async () => {
    const text = service([`DOPPLER_TOKEN: dp.st.prd.${fake(ALNUM, 44)}`, `NPM_TOKEN: wcFMA${fake(B64, 120)}==`, `GITHUB_TOKEN: ${fake(ALNUM, 40)}`]);
    expect(await findings(text)).toEqual(['5:22 secret-in-environment', '7:21 secret-in-environment']);
  });
});

describe('YAML and JSON files read as settings whatever their names; salts stored beside their hashes', () => {
  it("a kept YAML file's `password:` is reported (an rpk profile); a package manifest's dependency and a CI file's secret reference are not", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  broker:\n    image: redpandadata/redpanda\n',
      'rpk-profile.yaml': [
        'name: prod',
        'kafka_api:',
        '  sasl:',
        '    user: admin',
        `    password: Zs${fake(ALNUM, 18)}`,
        '    mechanism: SCRAM-SHA-256',
        '',
      ].join('\n'),
      'api/package.json': ['{', '  "name": "api",', '  "dependencies": {', '    "@acme/auth": "^4.2.0",', '    "express": "^4.19.2"', '  }', '}', ''].join(
        '\n',
      ),
      '.woodpecker.yml': [
        'steps:',
        '  publish:',
        '    image: plugins/docker',
        '    settings:',
        '      password:',
        '        from_secret: registry_token',
        '',
      ].join('\n'),
    });
    expect(found).toEqual(['rpk-profile.yaml:5:15 secret-in-project-file •••• (20 chars)']);
  });

  it('a salt beside the hash it salts is not a secret; a salt beside a password is', async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'config/users.json': [
        '[',
        `  {"name": "ir-admin", "password_hash": "${fake(HEX, 64)}", "password_salt": "${fake(HEX, 64)}"},`,
        `  {"name": "bot", "password": "Bq${fake(ALNUM, 14)}", "password_salt": "${fake(HEX, 32)}"}`,
        ']',
        '',
      ].join('\n'),
    });
    expect(found).toEqual(['config/users.json:3:32 secret-in-project-file •••• (16 chars)', 'config/users.json:3:69 secret-in-project-file •••• (32 chars)']);
  });
});

describe("network devices' credentials: a device configuration, net-snmp's tools, an SNMP poller's community", () => {
  it('a clear or type-7 password, a line or server key, a community and an SNMPv3 user are secrets; a type-5 hash and the stock `public` are not', async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  oxidized:\n    image: oxidized/oxidized\n',
      'configs/core-sw1.cfg': [
        'hostname core-sw1',
        `enable secret 5 $1$mERr$${fake(B64, 22)}`,
        `username admin privilege 15 secret 0 Xk${fake(ALNUM, 12)}`,
        `username backup privilege 1 password 7 00${fake(HEX, 20).toUpperCase()}`,
        'tacacs server TAC1',
        ` key 7 14${fake(HEX, 24).toUpperCase()}`,
        `snmp-server user noc-poll NOC-RO v3 auth sha bx${fake(ALNUM, 12)} priv aes 128 r5${fake(ALNUM, 12)}`,
        `snmp-server community a7${fake(LOWER_ALNUM, 8)} RO 10`,
        'snmp-server community public RO',
        '',
      ].join('\n'),
      'scripts/snmp-poll.sh': [
        '#!/bin/sh',
        `snmpwalk -v3 -l authPriv -u noc-poll -a SHA -A 'bx${fake(ALNUM, 12)}' -x AES -X 'r5${fake(ALNUM, 12)}' "$h" IF-MIB::ifHCInOctets`,
        'snmpget -v2c -c "$SNMP_COMMUNITY" "$h" sysUpTime.0',
        'snmpget -v2c -c public "$h" sysUpTime.0',
        '',
      ].join('\n'),
      'snmp_exporter/snmp.yml': [
        'auths:',
        '  public_v2:',
        '    community: public',
        '  core_v2:',
        `    community: qk${fake(ALNUM, 14)}`,
        '    version: 2',
        '',
      ].join('\n'),
    });
    expect(found).toEqual([
      'configs/core-sw1.cfg:3:38 secret-in-project-file •••• (14 chars)',
      'configs/core-sw1.cfg:4:40 secret-in-project-file •••• (22 chars)',
      'configs/core-sw1.cfg:6:8 secret-in-project-file •••• (26 chars)',
      'configs/core-sw1.cfg:7:46 secret-in-project-file •••• (14 chars)',
      'configs/core-sw1.cfg:7:74 secret-in-project-file •••• (14 chars)',
      'configs/core-sw1.cfg:8:23 secret-in-project-file •••• (10 chars)',
      'scripts/snmp-poll.sh:2:49 secret-in-project-file •••• (14 chars)',
      'scripts/snmp-poll.sh:2:76 secret-in-project-file •••• (14 chars)',
      'snmp_exporter/snmp.yml:5:16 secret-in-project-file •••• (16 chars)',
    ]);
  });
});

describe("run-control files, FreeSWITCH's console, CFML expressions, SIPp fields", () => {
  it("a run-control file is read (kamctlrc's DBRWPW), fs_cli's -p is a password; a CFML expression and a SIPp field are not secrets", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  freeswitch:',
        '    image: example/freeswitch',
        '    healthcheck:',
        `      test: fs_cli -p Cl${fake(ALNUM, 10)} -x status`,
        '    volumes:',
        '      - ./config/ldap.cfm:/var/www/includes/ldap.cfm',
        '      - ./config/users.csv:/sipp/users.csv',
        '',
      ].join('\n'),
      'kamailio/kamctlrc': ['DBENGINE=MYSQL', 'DBRWUSER="kamailio"', `DBRWPW="kr${fake(ALNUM, 12)}"`, ''].join('\n'),
      '.nvmrc': '20.11.1\n',
      'bots/deploy-bot.zuliprc': ['[api]', 'email=deploy-bot@zulip.example.org', `key=5B${fake(ALNUM, 30)}`, 'site=https://zulip.example.org', ''].join('\n'),
      'config/ldap.cfm': ['<cfldap action="query" server="ldap"', '  password="#server.system.environment.LDAP_BIND_PASSWORD#">', ''].join('\n'),
      'config/users.csv': ['SEQUENTIAL', '1003;sip.example.org;[authentication username=1003 password=[field2]]', ''].join('\n'),
    });
    expect(found).toEqual([
      'bots/deploy-bot.zuliprc:3:5 secret-in-project-file •••• (32 chars)',
      'compose.yaml:5:23 hardcoded-credential •••• (12 chars)',
      'kamailio/kamctlrc:3:9 secret-in-project-file •••• (14 chars)',
    ]);
  });
});

describe("network configuration backups' device credentials: RANCID's .cloginrc, Oxidized's router.db", () => {
  it('`add password GLOB {vty} {enable}` and `host:model:user:password[:enable]` hold passwords; `add user` and a line of another file do not', async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  oxidized:\n    image: oxidized/oxidized\n',
      'rancid/.cloginrc': [
        'add user        *.example   rancid',
        `add password    core-sw*.example   {LC${fake(ALNUM, 10)}} {Sz${fake(ALNUM, 10)}}`,
        'add method      *   ssh',
        '',
      ].join('\n'),
      'oxidized/router.db': [
        `core-sw1.example:ios:oxidized:PJ${fake(ALNUM, 12)}:Sz${fake(ALNUM, 10)}`,
        `edge-mx1.example:junos:oxidized-ro:RD${fake(ALNUM, 12)}:`,
        '',
      ].join('\n'),
      'scripts/hosts.txt': `core-sw1.example:ios:oxidized:PJ${fake(ALNUM, 12)}\n`,
    });
    expect(found).toEqual([
      'oxidized/router.db:1:31 secret-in-project-file •••• (14 chars)',
      'oxidized/router.db:1:46 secret-in-project-file •••• (12 chars)',
      'oxidized/router.db:2:36 secret-in-project-file •••• (14 chars)',
      'rancid/.cloginrc:2:37 secret-in-project-file •••• (12 chars)',
      'rancid/.cloginrc:2:52 secret-in-project-file •••• (12 chars)',
    ]);
  });
});

describe('operational scripts named for what they check', () => {
  it("a smoke test in `scripts/` is read like any script; an example's is not", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'scripts/smoke-test.sh': ['#!/bin/sh', `curl -fsS -u admin:Sm${fake(ALNUM, 12)} http://localhost:8080/api/health`, ''].join('\n'),
      'scripts/smoke-test.example.sh': ['#!/bin/sh', `curl -fsS -u admin:Ex${fake(ALNUM, 12)} http://localhost:8080/api/health`, ''].join('\n'),
    });
    expect(found).toEqual(['scripts/smoke-test.sh:2:20 secret-in-project-file •••• (14 chars)']);
  });
});

describe('XML files a project keeps are settings whatever their names', () => {
  it("Tomcat's context.xml `<Resource password=…>` is reported; a property reference is not", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: tomcat:10\n',
      'tomcat/context.xml': [
        '<Context>',
        `  <Resource name="jdbc/orders" auth="Container" type="javax.sql.DataSource" username="orders" password="Tc${fake(ALNUM, 12)}"/>`,
        '  <Resource name="jdbc/audit" auth="Container" type="javax.sql.DataSource" username="audit" password="${audit.db.password}"/>',
        '</Context>',
        '',
      ].join('\n'),
    });
    expect(found).toEqual(['tomcat/context.xml:2:105 secret-in-project-file •••• (14 chars)']);
  });
});

describe('a kept crontab by its directory', () => {
  it('a file of `cron.d/` is a crontab whether or not a service mounts it; the same file in another directory is not read', async () => {
    const line = () => `0 3 * * * root /usr/bin/mysqldump -uroot -pCr${fake(ALNUM, 12)} shop > /backup/shop.sql\n`;
    const found = await projectFindings({
      'compose.yaml': 'services:\n  db:\n    image: mariadb:11\n',
      'docker/cron.d/backup': line(),
      'docker/jobs.d/backup': line(),
    });
    expect(found).toEqual(['docker/cron.d/backup:1:44 secret-in-project-file •••• (14 chars)']);
  });
});

describe('set AA: block-named settings, realm and pooler files, lookups, shell entrypoints', () => {
  it("HCL blocks and one-line JSON name a setting (`acl { tokens { agent = … } }`, Consul's gossip `encrypt`); a TTL in the same blocks, a flag and a word are not secrets", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  consul:',
        '    image: hashicorp/consul:1.18',
        '    environment:',
        `      CONSUL_LOCAL_CONFIG: '{"acl":{"tokens":{"default":"6aa25b37-b138-4662-89f2-45d9450421dc"}}}'`,
        `      OTHER_CONFIG: '{"acl":{"tokens":{"ttl":"10m"}},"x":{"a":"b{"}}'`,
        '    volumes:',
        '      - ./consul/server.hcl:/consul/config/server.hcl:ro',
        '',
      ].join('\n'),
      'consul/server.hcl': [
        'server = true',
        `encrypt = "Gq4${fake(B64, 40)}="`,
        'encrypt_verify_incoming = true',
        'acl {',
        '  enabled = true',
        '  tokens {',
        '    initial_management = "e0aa7d2a-7ff8-46c3-9bc6-bfc8491fbc0c"',
        '    ttl = "30s"',
        '  }',
        '}',
        'tls {',
        '  defaults {',
        '    key_file = "/consul/config/certs/server-key.pem"',
        '    encrypt = "starttls"',
        '  }',
        '}',
        '',
      ].join('\n'),
    });
    expect(found).toEqual([
      'compose.yaml:5:58 secret-in-environment •••• (36 chars)',
      'consul/server.hcl:2:12 secret-in-mounted-file •••• (44 chars)',
      'consul/server.hcl:7:27 secret-in-mounted-file •••• (36 chars)',
    ]);
  });

  it("Java realm files (Karaf's users.properties, Jetty's `name: password, roles`, Confluent's passwords.properties) hold passwords, Jetty's reversible `OBF:` among them; a `{CRYPT}` or `MD5:` hash and Karaf's groups do not", async () => {
    const found = await projectFindings({
      'compose.yaml':
        'services:\n  karaf:\n    image: apache/karaf\n    volumes:\n      - ./etc/users.properties:/opt/karaf/etc/users.properties\n      - ./conf/jetty-realm.properties:/opt/activemq/conf/jetty-realm.properties\n      - ./sr/passwords.properties:/etc/schema-registry/passwords.properties\n',
      'etc/users.properties': [
        '# user=password,role1,...,_g_:group',
        `karaf = Nb+${fake(ALNUM, 12)},_g_:admingroup`,
        `ops = {CRYPT}${fake(HEX, 64)}{CRYPT},_g_:viewergroup`,
        '_g_\\:admingroup = group,admin,manager,viewer',
        '',
      ].join('\n'),
      'conf/jetty-realm.properties': ['# username: password [,rolename ...]', 'admin: admin, admin', `user: MD5:${fake(HEX, 32)}, user`, ''].join('\n'),
      // Confluent's PropertyFileLoginModule file: a `#` inside a value is part of it
      'sr/passwords.properties': ['# admin: <password>,admin', `admin: Op${fake(ALNUM, 8)}#,admin`, `client: OBF:${fake(ALNUM, 20)},developer`, ''].join('\n'),
    });
    expect(found).toEqual([
      'conf/jetty-realm.properties:2:8 secret-in-mounted-file •••• (5 chars)',
      'etc/users.properties:2:9 secret-in-mounted-file •••• (15 chars)',
      'sr/passwords.properties:2:8 secret-in-mounted-file •••• (11 chars)',
      // Jetty's OBF: is an obfuscation Jetty reverses: the password (set AE)
      'sr/passwords.properties:3:9 secret-in-mounted-file •••• (24 chars)',
    ]);
  });

  it("PgBouncer's userlist, Pgpool-II's .pcppass and .pgpoolkey hold secrets; a SCRAM or md5 verifier and `pool_passwd = 'pool_passwd'` (a file's name) do not", async () => {
    const found = await projectFindings({
      'compose.yaml':
        'services:\n  pgbouncer:\n    image: bitnami/pgbouncer\n    volumes:\n      - ./pgbouncer/userlist.txt:/etc/pgbouncer/userlist.txt:ro\n  pgpool:\n    image: bitnami/pgpool\n    volumes:\n      - ./pgpool:/config:ro\n',
      'pgbouncer/userlist.txt': [
        `"pgbouncer_auth" "bY${fake(ALNUM, 16)}"`,
        `"app" "SCRAM-SHA-256$4096:${fake(B64, 24)}==$${fake(B64, 43)}=:${fake(B64, 43)}="`,
        `"reporting" "md5${fake(HEX, 32)}"`,
        '',
      ].join('\n'),
      'pgpool/.pcppass': `*:9898:pcpadmin:MH${fake(ALNUM, 14)}\n`,
      'pgpool/.pgpoolkey': `OS${fake(B64, 30)}\n`,
      'pgpool/pgpool.conf': ["pool_passwd = 'pool_passwd'", "sr_check_user = 'pgpool'", ''].join('\n'),
      // kept where no service mounts it: a credential file by its name all the same
      'ops/.pcppass': `pgpool:9898:pcpadmin:Kp${fake(ALNUM, 14)}\n`,
    });
    expect(found).toEqual([
      'ops/.pcppass:1:22 secret-in-project-file •••• (16 chars)',
      'pgbouncer/userlist.txt:1:19 secret-in-mounted-file •••• (18 chars)',
      'pgpool/.pcppass:1:17 secret-in-mounted-file •••• (16 chars)',
      'pgpool/.pgpoolkey:1:1 secret-in-mounted-file •••• (32 chars)',
    ]);
  });

  it("WSO2's `$env{…}`/`$ref{…}`, Mule's encrypted `![…]` and a Camel URI's `{{…}}` query are not secrets; the property they name is", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  apim:\n    image: wso2/wso2am\n    volumes:\n      - ./conf:/home/wso2carbon/conf\n',
      'conf/deployment.toml': [
        '[database.shared_db]',
        'password = "$env{SHARED_DB_PASSWORD}"',
        '[super_admin]',
        `password = "Sa${fake(ALNUM, 12)}"`,
        '[keystore.primary]',
        'password = "$ref{super_admin.password}"',
        '',
      ].join('\n'),
      'conf/secure.yaml': `db:\n  password: "![${fake(B64, 44)}]"\n`,
      'conf/routes.xml': [
        '<routes>',
        '  <to uri="smtp://{{smtp.host}}:587?username={{smtp.user}}&amp;password={{smtp.password}}&amp;to=ops@acme-internal.net"/>',
        `  <property name="smtp.password" value="IQ${fake(ALNUM, 12)}"/>`,
        '</routes>',
        '',
      ].join('\n'),
    });
    expect(found).toEqual(['conf/deployment.toml:4:13 secret-in-mounted-file •••• (14 chars)', 'conf/routes.xml:3:41 secret-in-mounted-file •••• (14 chars)']);
  });

  it("etcdctl's `--user root:…`, maxctrl's `-p`, a shell entrypoint's `-c \"…\"` command string, PowerShell's `-Command` and a password echoed into its file are read; a script's sed pattern is not", async () => {
    const text = [
      'services:',
      '  etcd:',
      '    image: quay.io/coreos/etcd',
      '    healthcheck:',
      `      test: ["CMD-SHELL", "etcdctl --user root:MK${fake(ALNUM, 14)} endpoint health"]`,
      '  maxscale:',
      '    image: mariadb/maxscale',
      '    healthcheck:',
      '      test: ["CMD", "maxctrl", "-u", "admin", "-p", "mariadb", "list", "servers"]',
      '  bootstrap:',
      '    image: minio/mc',
      '    entrypoint: /bin/sh',
      `    command: -c "mc alias set weed http://s3:8333 WNPM27YHPUPU37YEUR29 wu${fake(ALNUM, 38)} && mc mb weed/backups"`,
      '  portal:',
      '    image: mcr.microsoft.com/windows/servercore/iis',
      '    healthcheck:',
      `      test: ["CMD", "powershell", "-Command", "iwr http://localhost/health -Headers @{'X-Health-Key'='aI${fake(ALNUM, 28)}'}"]`,
      '  ceph:',
      '    image: quay.io/ceph/ceph',
      '    entrypoint: /bin/bash',
      '    command:',
      '      - -c',
      '      - |',
      `        echo 'OV${fake(ALNUM, 14)}' > /tmp/dashpw`,
      '        ceph dashboard ac-user-create admin -i /tmp/dashpw administrator',
      '        sed -i "s/^API_KEY=.*/API_KEY=$$NEW_KEY/" /etc/app.env',
      '',
    ].join('\n');
    expect(await findings(text)).toEqual([
      '5:48 hardcoded-credential',
      '9:54 hardcoded-credential',
      '13:72 hardcoded-credential',
      '17:103 hardcoded-credential',
      '24:15 hardcoded-credential',
    ]);
  });

  it("an options list, a key's transform, an endpoint URL, an account's name and a pattern are settings; a webhook's generated segment and `admin@123` are secrets", async () => {
    const text = service([
      'ETCD_AUTH_TOKEN: jwt,pub-key=/certs/jwt.pub,priv-key=/certs/jwt.key,sign-method=RS256,ttl=10m',
      'WALG_LIBSODIUM_KEY_TRANSFORM: base64',
      'APIM_TOKEN: https://apim.gw.lan:9443/oauth2/token',
      `SLACK_TOKEN: https://hooks.slack.com/services/T024BE7LD/B01ABCDEF12/Xk${fake(ALNUM, 22)}`,
      'ODK_CREDENTIAL: admin@hie-odk-central',
      'DHIS2_CREDENTIAL: admin@123',
      'ROTATE_SECRET: .*/ROTATE_SECRET=$$NEW/',
    ]);
    expect(await findings(text)).toEqual(['8:20 secret-in-environment', '10:25 secret-in-environment']);
  });

  it("Mojolicious's `secrets => ['…', '…']`: the current secret, generated; a list of names is not", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: perl:5.40\n',
      'myapp.conf': [
        '{',
        `  secrets    => ['VG${fake(ALNUM, 10)}7-${fake(ALNUM, 18)}', '9a${fake(ALNUM, 28)}'],`,
        "  keys       => ['db_password', 'api_token'],",
        '};',
        '',
      ].join('\n'),
    });
    expect(found).toEqual(['myapp.conf:2:19 secret-in-project-file •••• (32 chars)']);
  });
});

describe("Summon's literal `!str`, Wazuh's cluster `<key>`, Conjur's `variable set -v`, a stream's `CREATE SECRET … AS`", () => {
  it('each holds the secret; `!var` is a lookup, a `<key>` of words and a version flag are not secrets', async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n    volumes:\n      - ./wazuh/ossec.conf:/var/ossec/etc/ossec.conf\n',
      'app/secrets.yml': ['DB_PASSWORD: !var prod/db/password', `AKEYLESS_TOKEN: !str t-${fake(HEX, 32)}`, ''].join('\n'),
      'wazuh/ossec.conf': [
        '<ossec_config>',
        '  <cluster>',
        `    <key>${fake(HEX, 32)}</key>`,
        '    <name>wazuh</name>',
        '  </cluster>',
        '  <client><key>node_name</key></client>',
        '</ossec_config>',
        '',
      ].join('\n'),
      'policy/load.sh': [
        '#!/bin/sh',
        `conjur variable set -i prod/db/password -v 'sV-${fake(ALNUM, 18)}'`,
        'conjur variable get -i prod/db/password -v 2',
        '',
      ].join('\n'),
      'risingwave/01-sources.sql': `CREATE SECRET IF NOT EXISTS msk_pw WITH (backend = 'meta') AS 'KQ${fake(ALNUM, 20)}';\n`,
    });
    expect(found).toEqual([
      'app/secrets.yml:2:22 secret-in-project-file •••• (34 chars)',
      'policy/load.sh:2:45 secret-in-project-file •••• (21 chars)',
      'risingwave/01-sources.sql:1:64 secret-in-project-file •••• (22 chars)',
      'wazuh/ossec.conf:3:10 secret-in-mounted-file •••• (32 chars)',
    ]);
  });
});

describe("a users file of quoted pairs, Yarn's npmAuthIdent, a connection string without a scheme, a login flag's user:password", () => {
  it('each holds a password; a JSON file of settings, an image reference and a login flag of a name alone do not', async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  p2pool:',
        '    image: sethsimmons/p2pool',
        `    command: --host monerod --rpc-login=xmrnode:qu${fake(ALNUM, 12)} --login-user admin`,
        '    volumes:',
        '      - ./nanomq/nanomq_pwd.conf:/etc/nanomq_pwd.conf',
        '      - ./etc/scmaster.cfg:/home/sysop/seiscomp/etc/scmaster.cfg',
        '',
      ].join('\n'),
      'nanomq/nanomq_pwd.conf': ['# Write "username":"password" in this way.', `"z2m":"mb${fake(ALNUM, 10)}"`, ''].join('\n'),
      'config/secrets.json': ['{', '  "db_host": "localhost",', '  "region": "eu-west-1"', '}', ''].join('\n'),
      '.yarnrc.yml': ['npmRegistryServer: "https://npm.internal"', `npmAuthIdent: "deploy:Ln${fake(ALNUM, 18)}"`, ''].join('\n'),
      'etc/scmaster.cfg': [
        `queues.production.processors.messages.dbstore.read = sysop:Mo${fake(ALNUM, 12)}@mariadb/seiscomp`,
        'image = registry.local:5000/app@sha256:abc',
        '',
      ].join('\n'),
    });
    expect(found).toEqual([
      '.yarnrc.yml:2:16 secret-in-project-file •••• (27 chars)',
      'compose.yaml:4:49 hardcoded-credential •••• (14 chars)',
      'etc/scmaster.cfg:1:60 secret-in-mounted-file •••• (14 chars)',
      'nanomq/nanomq_pwd.conf:2:8 secret-in-mounted-file •••• (12 chars)',
    ]);
  });
});

describe("a service's source code", () => {
  it('a constant named for a secret holding a generated value is one; a header name, a URL, a word and a lookup are not', async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'producer/src/main.zig': ['const std = @import("std");', `const fallback_password = "Ch${fake(ALNUM, 16)}7";`, ''].join('\n'),
      'api/lib/server.dart': [`const _devJwtSecret = '-X${fake(B64URL, 40)}9a';`, "final secret = Platform.environment['JWT_SECRET'];", ''].join('\n'),
      'web/src/config.ts': [
        'export const API_KEY_HEADER = "X-Api-Key";',
        'export const TOKEN_URL = "https://auth.example.org/oauth2/token";',
        'export const PASSWORD = "changeme";',
        'export const apiKey = process.env.API_KEY ?? "";',
        '',
      ].join('\n'),
    });
    expect(found).toEqual([
      'api/lib/server.dart:1:24 secret-in-project-file •••• (44 chars)',
      'producer/src/main.zig:2:28 secret-in-project-file •••• (19 chars)',
    ]);
  });
});

describe('a value that is a list of name:value pairs', () => {
  it("Drone's DRONE_USER_CREATE holds the admin's token among its pairs; pairs of words, and a password from a variable written as one, are not hardcoded", async () => {
    const text = service([
      `DRONE_USER_CREATE: username:octo-admin,admin:true,machine:true,token:jv${fake(ALNUM, 30)}`,
      'LABELS: tier:web,team:payments',
      'DB_SPEC: host:db,port:5432,user:app,password:${DB_PASSWORD}',
    ]);
    expect(await findings(text)).toEqual(['5:76 secret-in-environment', '7:52 secret-via-environment']);
  });
});

describe('set AB1: element-named settings, connection lists, CSV columns, Lisp globals, scripts without extension', () => {
  it('Zimbra\'s `<key name="…"><value>…</value>`: a secret-named key\'s value; a path and a user are not', async () => {
    const text = config([
      '<localconfig>',
      '  <key name="zimbra_ldap_password">',
      `    <value>${fake(ALNUM, 12)}</value>`,
      '  </key>',
      '  <key name="zimbra_ldap_userdn">',
      '    <value>uid=zimbra,cn=admins,cn=zimbra</value>',
      '  </key>',
      '  <key name="mailboxd_keystore">',
      '    <value>/opt/zimbra/mailboxd/etc/keystore</value>',
      '  </key>',
      '</localconfig>',
    ]);
    expect(await findings(text)).toEqual(['10:18 hardcoded-credential']);
  });

  it("redis-commander's REDIS_HOSTS holds each connection's password; one without a password, or a host:port:db, holds none", async () => {
    const text = service([`REDIS_HOSTS: "local:redis:6379:0:${fake(ALNUM, 32)},cache:keydb:6379:1"`, 'REPLICA: "redis:6379:0"']);
    expect(await findings(text)).toEqual(['5:40 secret-in-environment']);
  });

  it("a CSV file's secret column, each row's cell; a hash column, a salt and an identifier column are not", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'migration/users.csv': [
        '# user;old password;new password  (the mailboxes that did not reset)',
        `ops@example.org;${fake(ALNUM, 12)};Gr${fake(ALNUM, 10)}*1`,
        'quiet@example.org;;',
        '',
      ].join('\n'),
      // a fixed key: fake(HEX, …) repeats digits in runs, which reads as no key
      'devices/batch.csv': ['dev_eui,join_eui,app_key,name', `82e5c10d040eac26,d315b8d948964dbb,${'1c81a9b8a6983670'}${'3955e7576fdc218b'},meter-1`, ''].join(
        '\n',
      ),
      'config/bootstrap.csv': ['user_id,password_hash,salt', `telegraf,${fake(HEX, 64)},${fake(HEX, 16)}`, ''].join('\n'),
      'config/patrons.csv': ['cardnumber,password,userid', '2100001,$2b$12$f2DaPS/8QqjVP09EfTT27aPVWjnZu5PpNhEAZ7RzGSvx2b1ZLuokU,maria', ''].join('\n'),
    });
    expect(found).toEqual([
      'devices/batch.csv:2:35 secret-in-project-file •••• (32 chars)',
      'migration/users.csv:2:17 secret-in-project-file •••• (12 chars)',
      'migration/users.csv:2:30 secret-in-project-file •••• (14 chars)',
    ]);
  });

  it('a Lisp global defined with a generated string is a secret; one read from the environment, or a word, is not', async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'api/src/config.lisp': [
        `(defparameter *hcaptcha-secret* "0x${fake(HEX, 40)}")`,
        '(defparameter *admin-token* (env "ADMIN_TOKEN"))',
        '(defvar *session-key-name* "guestbook-session")',
        '',
      ].join('\n'),
    });
    expect(found).toEqual(['api/src/config.lisp:1:34 secret-in-project-file •••• (42 chars)']);
  });

  it("Buildbot's worker passwords and web users in master.cfg and buildbot.tac; a worker's password looked up is not written", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'master/master.cfg': [
        'c["workers"] = [',
        '    worker.Worker("linux-docker", os.environ["WORKERPASS_LINUX"]),',
        '    worker.Worker("arm-docker", util.Secret("worker_arm")),',
        `    worker.Worker("mac-mini", "wg~.E_${fake(ALNUM, 10)}--73", max_builds=1),`,
        ']',
        `c["www"] = dict(port=8010, auth=util.UserPasswordAuth({"admin": "IP6c${fake(ALNUM, 12)}"}))`,
        '',
      ].join('\n'),
      'workers/mac-mini/buildbot.tac': ["workername = 'mac-mini'", `passwd = 'wg~.E_${fake(ALNUM, 10)}--73'`, ''].join('\n'),
    });
    expect(found).toEqual([
      'master/master.cfg:4:32 secret-in-project-file •••• (20 chars)',
      'master/master.cfg:6:66 secret-in-project-file •••• (16 chars)',
      'workers/mac-mini/buildbot.tac:2:11 secret-in-project-file •••• (20 chars)',
    ]);
  });

  it('source code: a password chosen with a sign (a seed\'s `u.password = "…"`) is one; a word, a letters-only value and a token\'s name are not', async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'db/seeds.rb': [
        'User.find_or_create_by!(email: "admin@example.org") do |u|',
        `  u.password = "OPTN=bwm9*${fake(DIGITS, 1)}*^1"`,
        '  u.password_confirmation = u.password',
        'end',
        'demo.password = "demo-password"',
        'guest.password = "Guest2024"',
        '',
      ].join('\n'),
    });
    expect(found).toEqual(['db/seeds.rb:2:17 secret-in-project-file •••• (14 chars)']);
  });

  it('a bare `key` of 16 generated characters (LemonLDAP::NG\'s lmConf `"key"`) is a key; a word, or a shorter id, is not', async () => {
    const text = config([
      '{',
      `"key": "yY1z${fake(ALNUM, 8)}OMG8u",`,
      '"ldapBase": "ou=people,dc=example,dc=org",',
      '"cookieName": "lemonldap",',
      '"key2": "navigation-menu-key"',
      '}',
    ]);
    expect(await findings(text)).toEqual(['9:15 hardcoded-credential']);
  });

  it("a shell script without extension in bin/ is read; another program's script there is not", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'bin/deploy': ['#!/usr/bin/env bash', 'set -euo pipefail', `export PLAID_SECRET=${fake(HEX, 30)}`, 'docker compose up -d', ''].join('\n'),
      'bin/setup': ['#!/usr/bin/env ruby', `PLAID_SECRET = "${fake(HEX, 30)}"`, ''].join('\n'),
    });
    expect(found).toEqual(['bin/deploy:3:21 secret-in-project-file •••• (30 chars)']);
  });
});

describe('a number of one to three digits under a secret name', () => {
  it("under a secret's name is a length or a count (pretix's ticket_secret=32); under a password's it is a weak password, as four digits are", async () => {
    const text = config(['[tickets]', 'ticket_secret=32', 'giftcard_secret=12', '[6002]', 'password=6002']);
    expect(await findings(text)).toEqual(['12:16 hardcoded-credential']);
    expect(await findings(service(['MYSQL_ROOT_PASSWORD: 123', 'SESSION_SECRET_LENGTH: 64', 'JWT_SECRET: 32']))).toEqual(['5:28 secret-in-environment']);
  });
});

describe('set AC: application macros, key files, stored command lines, notes, pairs read through variables', () => {
  it("Stalwart's `%{env:X}%` and `%{file:…}%` macros are references; a password beside them is written", async () => {
    const text = config([
      '[authentication.fallback-admin]',
      'user = "admin"',
      'secret = "%{env:ADMIN_SECRET}%"',
      '[certificate.default]',
      'private-key = "%{file:/opt/stalwart-mail/etc/tls/privkey.pem}%"',
      `password = "Xk2%${fake(ALNUM, 10)}q"`,
    ]);
    expect(await findings(text)).toEqual(['13:19 hardcoded-credential']);
  });

  it("a private key file by its name holds a key in any encoding (RustDesk's base64 `id_ed25519`); its `.pub` does not", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  hbbs:\n    image: rustdesk/rustdesk-server\n    volumes:\n      - ./data:/root\n',
      'data/id_ed25519': `${fake(B64, 86)}==\n`,
      'data/id_ed25519.pub': `${fake(B64, 43)}=\n`,
    });
    expect(found).toEqual(['data/id_ed25519:1:1 secret-in-mounted-file •••• (88 chars)']);
  });

  it('a deploy/ directory\'s scripts are read (a PowerShell install script\'s `$x_pw = "…"`)', async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'deploy/install-client.ps1': ['$ErrorActionPreference = "Stop"', '$rustdesk_id = "hbbs.example.org"', `$rustdesk_pw = "TM${fake(ALNUM, 10)}"`, ''].join(
        '\n',
      ),
    });
    expect(found).toEqual(['deploy/install-client.ps1:3:17 secret-in-project-file •••• (12 chars)']);
  });

  it("motionEye's own settings are comments (`# @upload_password …`): a secret-named one is read, others are not", async () => {
    const text = config(['# @enabled on', '# @upload_username camuser', `# @upload_password 60sZ${fake(ALNUM, 14)}`, 'netcam_url rtsp://cam1/stream']);
    expect(await findings(text)).toEqual(['10:26 hardcoded-credential']);
  });

  it("Z-Wave's network security keys are secrets (zwave-js-ui `KEY_S2_AccessControl`)", async () => {
    expect(await findings(service([`- KEY_S2_AccessControl=${fake(HEX, 32).toUpperCase()}`, '- KEY_S2_Authenticated', '- ZWAVE_PORT=/dev/zwave']))).toEqual([
      '5:30 secret-in-environment',
      '6:9 secret-via-environment',
    ]);
  });

  it('a one-letter option given `user:password` is a login (`stalwart-cli -c admin:…`); an image tag, a volume or a port pair is not', async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'scripts/accounts.sh': [
        '#!/bin/sh',
        `stalwart-cli -u https://mx1.example.org -c admin:2${fake(ALNUM, 10)}!Es8 account list`,
        'docker run -t app:Release2024x -v data:/var/lib/app -p 127.0.0.1:8080:80 example/app',
        'tool -c config:Production',
        '',
      ].join('\n'),
    });
    expect(found).toEqual(['scripts/accounts.sh:2:50 secret-in-project-file •••• (15 chars)']);
  });

  it('a command line kept in a variable or an alias is read as the command it runs; a sentence in a variable is not', async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'scripts/backup.sh': [
        '#!/bin/sh',
        `MYSQL="mysql -uroot -pS3${fake(ALNUM, 8)}x"`,
        `alias pg='curl -u admin:Xy7p${fake(ALNUM, 8)} https://pg.example.org'`,
        'MSG="run it with -p and a password"',
        '$MYSQL -e "SHOW DATABASES"',
        '',
      ].join('\n'),
    });
    expect(found).toEqual(['scripts/backup.sh:2:23 secret-in-project-file •••• (11 chars)', 'scripts/backup.sh:3:25 secret-in-project-file •••• (12 chars)']);
  });

  it('a note that states a login whole (`credentials used to be admin:…`) gives its password; one that says where the login is does not', async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'scripts/reset.sh': [
        '#!/bin/sh',
        `# camera admin credentials used to be admin:EV7${fake(ALNUM, 9)} before the firmware reset`,
        '# the credentials are in the vault; login: https://vault.example.org/ui',
        '',
      ].join('\n'),
    });
    expect(found).toEqual(['scripts/reset.sh:2:45 hardcoded-credential •••• (12 chars)']);
  });

  it("an object store's key half is read through variables that pair too (`…_S3_KEY=${S3_STORAGE_KEY}` beside `…_S3_SECRET=${S3_STORAGE_SECRET}`), a vendor's API key is not; an anon token is public", async () => {
    const text = service([
      '- ENTE_S3_B2_EU_CEN_KEY=${S3_STORAGE_KEY:?}',
      '- ENTE_S3_B2_EU_CEN_SECRET=${S3_STORAGE_SECRET:?}',
      '- SUPABASE_ANON_TOKEN=${SUPABASE_ANON_TOKEN}',
      '- SUPABASE_SERVICE_TOKEN=${SUPABASE_SERVICE_TOKEN}',
      '- MAILJET_API_KEY=${MAILJET_API_KEY}',
      '- MAILJET_SECRET_KEY=${MAILJET_SECRET_KEY}',
    ]);
    expect(await findings(text)).toEqual([
      '6:9 secret-via-environment',
      '8:9 secret-via-environment',
      '9:9 secret-via-environment',
      '10:9 secret-via-environment',
    ]);
  });
});

describe('set AC: files a script writes, relay logins, header values', () => {
  it('a file a script writes is read by its name: a heredoc into passwords.properties, a line echoed into userlist.txt; not a heredoc into an unnamed file', async () => {
    const text = [
      'services:',
      '  registry:',
      '    image: confluentinc/cp-schema-registry',
      '    command:',
      '      - bash',
      '      - -c',
      '      - |',
      "        cat > /etc/schema-registry/passwords.properties <<'EOF'",
      `        admin: Tundra-${fake(ALNUM, 10)}-72,admin`,
      `        client: MD5:${fake(HEX, 32)},developer`,
      '        EOF',
      `        echo '"reporting" "Otter-${fake(ALNUM, 10)}-17"' >> /etc/pgbouncer/userlist.txt`,
      "        cat > /etc/app/notes.txt <<'EOF'",
      '        admin: see the wiki,admin',
      '        EOF',
      '        exec /etc/confluent/docker/run',
      '',
    ].join('\n');
    expect(await findings(text)).toEqual(['9:16 hardcoded-credential', '12:28 hardcoded-credential']);
  });

  it("Postfix's sasl_passwd gives the relay first (`[smtp.example.org]:587 user:password`): the password", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  postfix:\n    image: boky/postfix\n    volumes:\n      - ./postfix/sasl_passwd:/etc/postfix/sasl_passwd:ro\n',
      'postfix/sasl_passwd': `[email-smtp.eu-central-1.amazonaws.com]:587 AKIA${fake(BASE32, 16)}:${fake(B64, 43)}=\n`,
    });
    expect(found).toEqual(['postfix/sasl_passwd:1:66 secret-in-mounted-file •••• (44 chars)']);
  });

  it("a base64 password has `/` in its alphabet (SES's SMTP password): a pair's secret all the same; a path is none", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  postfix:\n    image: boky/postfix\n    volumes:\n      - ./postfix/sasl_passwd:/etc/postfix/sasl_passwd:ro\n',
      'postfix/sasl_passwd': `[email-smtp.eu-west-1.amazonaws.com]:587 AKIA${fake(BASE32, 16)}:Hhvl${fake(ALNUM, 8)}7/${fake(ALNUM, 30)}=\n`,
    });
    expect(found).toEqual(['postfix/sasl_passwd:1:63 secret-in-mounted-file •••• (45 chars)']);
    const paths = await projectFindings({
      'compose.yaml': 'services:\n  web:\n    image: nginx\n    volumes:\n      - ./users.conf:/etc/app/users.conf:ro\n',
      'users.conf': 'backup:/var/lib/backups/daily\nsync:data/shared/uploads\n',
    });
    expect(paths).toEqual([]);
  });

  it("an auth header's value is a token (Airbyte's API_AUTH_HEADER_VALUE); a header's value alone only when generated (Docspell's header-value), not a word", async () => {
    expect(await findings(service(['AIRBYTE_API_AUTH_HEADER_VALUE: ${AIRBYTE_API_AUTH_HEADER_VALUE:?set it}', 'CORS_HEADER_VALUE: same-origin']))).toEqual([
      '5:7 secret-via-environment',
    ]);
    const text = config([
      'integration-endpoint {',
      '  http-header {',
      '    header-name = "Docspell-Integration"',
      `    header-value = "FLsv${fake(ALNUM, 32)}"`,
      '  }',
      '}',
    ]);
    expect(await findings(text)).toEqual(['11:27 hardcoded-credential']);
  });
});

describe("set AC: a vendor's API key that names the account", () => {
  it("LiveKit's, Shopify's and an exchange's API key is the account's id beside the secret; another vendor's API key is a secret", async () => {
    const text = service([
      `LIVEKIT_API_KEY: API${fake(ALNUM, 12)}`,
      `LIVEKIT_API_SECRET: ${fake(ALNUM, 40)}`,
      `SHOPIFY_API_KEY: ${fake(HEX, 32)}`,
      `BINANCE_API_KEY: ${fake(ALNUM, 64)}`,
      `MAILJET_API_KEY: ${fake(HEX, 32)}`,
    ]);
    expect(await findings(text)).toEqual(['6:27 secret-in-environment', '9:24 secret-in-environment']);
  });
});

describe('set AD: lookups, settings tables, key/value pairs, name lists, monitoring macros, template defaults', () => {
  it("OpenNMS's `${scv:alias:attribute}` is a lookup in its vault, not a variable with a default; a Spring default is still read", async () => {
    const text = config([
      '<jdbc-data-source name="netbox" user-name="${scv:netbox-ro:username}" password="${scv:netbox-ro:password}" />',
      'sasl.jaas.config: ScramLoginModule required username="${scv:kafka:username}" password="${scv:kafka:password}";',
      `spring.datasource.password: \${DB_PASSWORD:Kq9${fake(ALNUM, 10)}}`,
    ]);
    expect(await findings(text)).toEqual(['10:49 hardcoded-credential']);
  });

  it("a settings table's name column (`setting_key`) holds names; a Postmark user in a settings row is the token; a list of lower-case names is no secret", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: invoiceplane/invoiceplane\n',
      'sql/settings.sql': [
        'INSERT INTO ip_settings (setting_key, setting_value) VALUES',
        "('smtp_server_address', 'smtp.postmarkapp.com'),",
        `('smtp_username', '${fake(HEX, 8)}-${fake(HEX, 4)}-4${fake(HEX, 3)}-8${fake(HEX, 3)}-${fake(HEX, 12)}'),`,
        `('gateway_stripe_publishableKey', 'pk_live_${fake(ALNUM, 99)}'),`,
        "('login_logo', 'brightmoor.png');",
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['sql/settings.sql:3:20 secret-in-project-file']);
    const text = service([
      'EDGEX_ADD_SECRETSTORE_TOKENS: "device-onvif-camera,app-http-export"',
      'EDGEX_ADD_KNOWN_SECRETS: redisdb[app-http-export],message-bus[device-onvif-camera]',
      `SECRETSTORE_TOKEN: ${fake(ALNUM, 26)},x`,
    ]);
    expect(await findings(text)).toEqual(['7:26 secret-in-environment']);
  });

  it("a `{key: …, value: …}` pair is named by its key (EdgeX's secretData, a Postman environment); Sensu's `{name, secret}` and `*_secret: <its name>` name the store's secrets", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  app:',
        '    image: edgexfoundry/device-onvif-camera',
        '    volumes:',
        '      - ./res:/res',
        '      - ./agent.yml:/etc/sensu/agent.yml',
        '',
      ].join('\n'),
      'res/secrets.json': [
        '{"secrets": [{"secretName": "credentials002", "secretData": [',
        '  { "key": "username", "value": "operator" },',
        `  { "key": "password", "value": "UR8${fake(ALNUM, 13)}" }`,
        ']}]}',
        '',
      ].join('\n'),
      'agent.yml': ['backend-url: [ws://backend:8081]', 'pg_dsn_secret: pg_dsn', `password: Wq7${fake(ALNUM, 13)}`, ''].join('\n'),
      'resources/handlers.yml': [
        'type: Handler',
        'spec:',
        '  command: sensu-pagerduty-handler',
        '  secrets:',
        '    - name: PAGERDUTY_TOKEN',
        '      secret: pagerduty_key',
        '---',
        'type: CheckConfig',
        'spec:',
        '  secrets:',
        '    - name: MATTERMOST_TOKEN',
        '      secret: mattermost-token',
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      'agent.yml:3:11 secret-in-mounted-file',
      'res/secrets.json:3:34 secret-in-mounted-file',
    ]);
  });

  it("a Nagios-family resource.cfg's `$USERn$` macros hold passwords and communities, not the plugins' path or a user's name; SNMP's read and write communities and an HSM's PIN are passwords", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  engine:',
        '    image: centreon/centreon-engine',
        '    volumes:',
        '      - ./resource.cfg:/etc/centreon-engine/resource.cfg',
        '      - ./snmp-config.xml:/opt/opennms/etc/snmp-config.xml',
        '      - ./core.yaml:/etc/hyperledger/fabric/core.yaml',
        '',
      ].join('\n'),
      'resource.cfg': ['$USER1$=/usr/lib64/nagios/plugins', '$USER3$=nagiosadmin', `$USER5$=snmp-RO-${fake(ALNUM, 10)}`, '$USER7$=$HOSTADDRESS$', ''].join(
        '\n',
      ),
      'snmp-config.xml': [
        '<snmp-config retry="3" timeout="800" read-community="public" version="v2c">',
        `  <definition version="v2c" read-community="irg${fake(ALNUM, 9)}">`,
        '    <specific>10.20.0.2</specific>',
        '  </definition>',
        '</snmp-config>',
        '',
      ].join('\n'),
      'core.yaml': [
        'BCCSP:',
        '  PKCS11:',
        '    Library: /usr/lib/softhsm/libsofthsm2.so',
        '    Pin: "22453452"',
        '    Label: fabric',
        'gpio:',
        '  pin: 17',
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      'core.yaml:4:10 secret-in-mounted-file',
      'resource.cfg:3:9 secret-in-mounted-file',
      'snmp-config.xml:2:45 secret-in-mounted-file',
    ]);
  });

  it('a Go template\'s default under a secret\'s name (`{{ .labels.pg_password | default "…" }}`, Helm\'s `{{ default "…" .Values.db.password }}`), a fallback inside a list and `config set NAME VALUE` are read; a default for a region is not', async () => {
    const text = config([
      `command: check-postgres.rb -u sensu -p {{ .labels.pg_password | default "BEC${fake(ALNUM, 21)}" }}`,
      `password: '{{ default "Kq9${fake(ALNUM, 12)}" .Values.db.password }}'`,
      'region: {{ .labels.region | default "eu-west-1" }}',
      `accounts: [process.env.DEPLOYER_KEY || "0x${fake(HEX, 64)}"],`,
      `config set omero.ldap.password "nrV${fake(ALNUM, 15)}"`,
      'config set omero.web.public.user public',
    ]);
    expect(await findings(text)).toEqual([
      '8:80 hardcoded-credential',
      '9:30 hardcoded-credential',
      '11:47 hardcoded-credential',
      '12:39 hardcoded-credential',
    ]);
  });
});

describe('set AD: commented variables, hCaptcha, key files, vault shares, fingerprints, samples', () => {
  it("a commented command's variable (`# previously: PBS_PASSWORD='…' proxmox-backup-client login`) is committed; a variable's reference is not", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: debian\n',
      'scripts/backup.sh': [
        '#!/bin/sh',
        `# previously: PBS_PASSWORD='O13${fake(ALNUM, 12)}' proxmox-backup-client login`,
        '# run as: API_TOKEN=$TOKEN ./backup.sh',
        'proxmox-backup-client backup root.pxar:/',
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['scripts/backup.sh:2:29 hardcoded-credential']);
  });

  it("hCaptcha's secret key by its shape under a CAPTCHA key's name in a config file; a PBS key file's unencrypted key, not its fingerprint; Vault's unseal key shares", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  api:',
        '    image: revolt/api',
        '    volumes:',
        '      - ./Revolt.toml:/Revolt.toml',
        '      - ./encryption-key.json:/root/.config/proxmox-backup/encryption-key.json',
        '      - ./init.json:/vault/init.json',
        '',
      ].join('\n'),
      'Revolt.toml': [
        '[api.security.captcha]',
        `hcaptcha_key = "0x${fake(HEX, 40).toUpperCase()}"`,
        `hcaptcha_sitekey = "${fake(HEX, 8)}-${fake(HEX, 4)}-4${fake(HEX, 3)}-8${fake(HEX, 3)}-${fake(HEX, 12)}"`,
        '',
      ].join('\n'),
      'encryption-key.json': [
        '{',
        '  "kdf": null,',
        `  "data": "${fake(B64, 43)}=",`,
        `  "fingerprint": "${Array.from({ length: 32 }, () => fake(HEX, 2)).join(':')}"`,
        '}',
        '',
      ].join('\n'),
      'init.json': [`{"keys_base64": ["${fake(B64, 43)}=", "${fake(B64, 43)}="], "root_token": "hvs.${fake(ALNUM, 24)}"}`, ''].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      'Revolt.toml:2:17 secret-in-mounted-file',
      'encryption-key.json:3:11 secret-in-mounted-file',
      'init.json:1:19 secret-in-mounted-file',
      'init.json:1:130 secret-in-mounted-file',
    ]);
  });

  it("a private key deep in a Fabric MSP tree (`…/msp/keystore/priv_sk`) and a Duplicacy storage's saved keys are read; a certificate beside the key is not", async () => {
    const msp = 'organizations/peerOrganizations/org1.example.net/users/Admin@org1.example.net/msp';
    const pemBody = Array.from({ length: 3 }, () => fake(B64, 64)).join('\n');
    const found = await projectFindings({
      'compose.yaml': 'services:\n  peer:\n    image: hyperledger/fabric-peer\n',
      [`${msp}/keystore/priv_sk`]: `-----BEGIN PRIVATE KEY-----\n${pemBody}\n-----END PRIVATE KEY-----\n`,
      [`${msp}/signcerts/cert.pem`]: `-----BEGIN CERTIFICATE-----\n${pemBody}\n-----END CERTIFICATE-----\n`,
      'backup/.duplicacy/preferences': [
        '[{',
        '  "name": "default",',
        '  "storage": "b2://acme-backups",',
        `  "keys": { "b2_id": "005${fake(HEX, 22)}", "b2_key": "K005${fake(B64, 27)}", "password": "w+${fake(ALNUM, 16)}!" }`,
        '}]',
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      'backup/.duplicacy/preferences:4:62 secret-in-project-file',
      'backup/.duplicacy/preferences:4:109 secret-in-project-file',
      `${msp}/keystore/priv_sk:1:1 secret-in-project-file`,
    ]);
  });

  it('a documentation sample counting through hex digits (`0123456789abcdef0123…`) is a placeholder, as is a run of letters; a generated key is not', async () => {
    expect(isPlaceholder('0123456789abcdef0123456789abcdef01234')).toBe(true);
    expect(isPlaceholder('abcdefghijklmnop')).toBe(true);
    expect(isPlaceholder('1234567890123')).toBe(true);
    expect(isPlaceholder(`k${fake(HEX, 36)}`)).toBe(false);
  });
});

describe('set AE: lists beside variables, remarks, salts, realms, public keys, overridden defaults', () => {
  it("a comma list of passwords that takes one from a variable has its literal items written in the file (bitnami/kafka's KAFKA_CLIENT_PASSWORDS); a commented setting with a remark in parentheses is read", async () => {
    const text = service([
      `KAFKA_CLIENT_PASSWORDS: \${KAFKA_SASL_PASSWORD},laFe${fake(ALNUM, 16)},cnmL${fake(ALNUM, 16)}`,
      'OTHER_PASSWORDS: ${A},${B}',
      `# IGLU_SUPER_API_KEY: ${fake(HEX, 8)}-${fake(HEX, 4)}-4${fake(HEX, 3)}-9${fake(HEX, 3)}-${fake(HEX, 12)}   (old key, rotated in March?)`,
      '# ADMIN_PASSWORD: (set at first login)',
    ]);
    expect(await findings(text)).toEqual([
      '5:7 secret-via-environment',
      '5:54 secret-in-environment',
      '5:75 secret-in-environment',
      '6:7 secret-via-environment',
      '7:29 hardcoded-credential',
    ]);
  });

  it('a pseudonymisation salt beside the name of its hash function is a secret; a salt beside a stored hash is not; an escaped quote in a JAAS line of a HOCON string is no password', async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  enrich:',
        '    image: snowplow/snowplow-enrich-kafka',
        '    volumes:',
        '      - ./enrichments:/enrichments',
        '      - ./collector.hocon:/snowplow/collector.hocon',
        '',
      ].join('\n'),
      'enrichments/pii.json': [`{"strategy": {"pseudonymize": {"hashFunction": "SHA-256", "salt": "G6lY${fake(ALNUM, 28)}"}}}`, ''].join('\n'),
      'enrichments/users.json': [`{"user": {"password_hash": "${fake(HEX, 64)}", "salt": "${fake(ALNUM, 24)}"}}`, ''].join('\n'),
      'collector.hocon': ['"sasl.jaas.config" = "PlainLoginModule required username=\\"collector\\" password=\\""${KAFKA_SASL_PASSWORD}"\\";"', ''].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['enrichments/pii.json:1:68 secret-in-mounted-file']);
  });

  it("Jetty's OBF: is reversed by Jetty itself: a realm's password (Pentaho Carte's kettle.pwd); its MD5: is a hash", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  carte:\n    image: pentaho/carte\n    volumes:\n      - ./pwd/kettle.pwd:/opt/pentaho/pwd/kettle.pwd:ro\n',
      'pwd/kettle.pwd': ['# Jetty realm for Carte', `cluster: OBF:1jzv${fake(LOWER_ALNUM, 40)}`, `monitor: MD5:${fake(HEX, 32)}`, ''].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['pwd/kettle.pwd:2:10 secret-in-mounted-file']);
  });

  it("public keys by name and format: Segment's write keys of Determined's telemetry, a project key (SonarQube's, OpenReplay's), Jitsu's browser key; its server key is a secret", async () => {
    const text = config([
      'telemetry:',
      `  segment_master_key: ${fake(ALNUM, 32)}`,
      `  segment_webui_key: ${fake(ALNUM, 32)}`,
      `sonar.projectKey: acme_${fake(ALNUM, 12)}`,
      `client_secret: js.${fake(LOWER_ALNUM, 10)}.${fake(LOWER_ALNUM, 26)}`,
      `server_secret: s2s.${fake(LOWER_ALNUM, 10)}.${fake(LOWER_ALNUM, 26)}`,
    ]);
    expect(await findings(text)).toEqual(['13:22 hardcoded-credential']);
  });

  it("a committed .env's placeholder that the .env.local beside it sets again is the recipe's default (Symfony's APP_SECRET); a real secret there is reported, and the .env.local's", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  php:\n    image: akeneo/pim-php-dev\n    volumes:\n      - ./:/srv/pim\n',
      '.env': ['APP_ENV=prod', 'APP_SECRET=ThisTokenIsNotSoSecretChangeIt', `MAILER_PASSWORD=Wq7${fake(ALNUM, 13)}`, ''].join('\n'),
      '.env.local': [`APP_SECRET=${fake(HEX, 40)}`, `MAILER_PASSWORD=Kq9${fake(ALNUM, 13)}`, ''].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      '.env:3:17 secret-in-mounted-file',
      '.env.local:1:12 secret-in-project-file',
      '.env.local:2:17 secret-in-project-file',
    ]);
  });
});

describe('package manifests: npm scripts are command lines', () => {
  it("a package.json script's URL password and secret option are reported; its dependencies, integrity hashes, ports and secret files are not", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  web:\n    build: ./web\n',
      'web/package.json': [
        '{',
        '  "name": "web",',
        '  "scripts": {',
        '    "build": "vite build --port 3000",',
        `    "db:shell": "psql postgres://app:Hq8${fake(ALNUM, 13)}@localhost:5432/app",`,
        `    "sourcemaps": "sentry-cli sourcemaps upload ./dist --auth-token ${fake(HEX, 64)}",`,
        '    "seed": "node seed.js --password-file ./secrets/db_password.txt --token $SEED_TOKEN",',
        '    "test": "jest --max-workers 2"',
        '  },',
        `  "gitHead": "${fake(HEX, 40)}",`,
        '  "dependencies": { "pg": "^8.11.0" }',
        '}',
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      'web/package.json:5:38 secret-in-project-file',
      'web/package.json:6:69 secret-in-project-file',
    ]);
    // a CI job named `scripts` is no package's scripts
    const ci = await projectFindings({
      'compose.yaml': 'services:\n  web:\n    build: ./web\n',
      '.gitlab-ci.yml': ['scripts:', '  stage: test', `  db: "psql postgres://app:Hq8${fake(ALNUM, 13)}@localhost:5432/app"`, ''].join('\n'),
    });
    expect(ci).toEqual([]);
  });
});

describe('set AF: key maps, key versions, hashes with their clear text, verifiers, macros, cookie salts, notification URLs', () => {
  it("nginx's map of an API-key header to its clients holds the keys; a map of user agents does not, nor its default or a regex", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  proxy:\n    image: nginx\n    volumes:\n      - ./nginx/api.conf:/etc/nginx/conf.d/api.conf:ro\n',
      'nginx/api.conf': [
        'map $http_x_api_key $api_client {',
        '    default "";',
        `    "ge-${fake(HEX, 32)}" "timetable-app";`,
        `    ${fake(ALNUM, 24)} intranet-gis;`,
        '    ~^test- "tests";',
        '}',
        'map $http_user_agent $is_bot {',
        '    default 0;',
        `    "Crawler${fake(ALNUM, 16)}" 1;`,
        '}',
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      'nginx/api.conf:3:6 secret-in-mounted-file',
      'nginx/api.conf:4:5 secret-in-mounted-file',
    ]);
  });

  it("an XML key's current version (Openfire's security.xml) is the key; a version's current number is not", async () => {
    const text = config([
      '<security>',
      '  <encrypt>',
      '    <algorithm>AES</algorithm>',
      '    <key>',
      `      <current>${fake(ALNUM, 16)}</current>`,
      '    </key>',
      '    <version>',
      '      <current>4.8.1</current>',
      '    </version>',
      '  </encrypt>',
      '</security>',
    ]);
    expect(await findings(text)).toEqual(['12:22 hardcoded-credential']);
  });

  it("a password hash with its clear text in the comment after it (GLAuth's passsha256 … # password) gives the password; a remark does not", async () => {
    const text = config([
      '[[users]]',
      '  name = "svc-authelia"',
      `  passsha256 = "${fake(HEX, 64)}" # N1Zc${fake(ALNUM, 12)}7`,
      `  passsha256 = "${fake(HEX, 64)}" # rotated-2024`,
      `  sha256 = "${fake(HEX, 64)}" # Kx9m${fake(ALNUM, 8)}`,
    ]);
    expect(await findings(text)).toEqual(['10:91 hardcoded-credential']);
  });

  it("a SCRAM verifier's columns (Openfire's ofUser: storedKey, serverKey, salt) are no secrets; a row's password column is", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  db:\n    image: postgres:16\n    volumes:\n      - ./sql:/docker-entrypoint-initdb.d:ro\n',
      'sql/20-users.sql': [
        'INSERT INTO ofUser (username, storedKey, serverKey, salt, iterations, plainPassword) VALUES',
        `('dispo1', '${fake(B64, 27)}=', '${fake(B64, 27)}=', '${fake(B64, 32)}', 4096, NULL),`,
        `('lager', '${fake(B64, 27)}=', '${fake(B64, 27)}=', '${fake(B64, 32)}', 4096, 'Lg7${fake(ALNUM, 13)}');`,
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['sql/20-users.sql:3:118 secret-in-mounted-file']);
  });

  it("Roundcube's %p and %P macros are the user's password and its new hash, filled in by Roundcube; PHP's array() of plugin names is a list, not a name and its value", async () => {
    const text = config([
      '<?php',
      "$config['plugins'] = array('managesieve', 'password', 'markasjunk');",
      "$config['smtp_pass'] = '%p';",
      `$config['password_query'] = "UPDATE mailbox SET password=%P WHERE username=%u";`,
      `$config['imap_pass'] = 'Rc4${fake(ALNUM, 13)}';`,
    ]);
    expect(await findings(text)).toEqual(['12:31 hardcoded-credential']);
  });

  it("Phoenix's signing and encryption salts are no secrets (its docs); Joken's default signer is the HMAC key", async () => {
    const text = config([
      'config :app, AppWeb.Endpoint,',
      `  secret_key_base: "${fake(B64, 64)}",`,
      `  live_view: [signing_salt: "${fake(ALNUM, 8)}"]`,
      `config :app, AppWeb.Session, signing_salt: "${fake(ALNUM, 8)}", encryption_salt: "${fake(ALNUM, 8)}"`,
      `config :joken, default_signer: "${fake(ALNUM, 64)}"`,
    ]);
    expect(await findings(text)).toEqual(['9:27 hardcoded-credential', '12:39 hardcoded-credential']);
  });

  it("a notification URL from the environment (Watchtower's shoutrrr URL, Apprise's) carries the service's token; a written one without a credential does not", async () => {
    const text = service([
      'WATCHTOWER_NOTIFICATION_URL: ${WATCHTOWER_NOTIFICATION_URL:?shoutrrr URL with its token}',
      'APPRISE_URLS: ${APPRISE_URLS}',
      'NOTIFY_URL: http://ntfy:80/alerts',
      'NOTIFICATION_URL_TEMPLATE: ${NOTIFICATION_URL_TEMPLATE}',
    ]);
    expect(await findings(text)).toEqual(['5:7 secret-via-environment', '6:7 secret-via-environment']);
  });

  it("a Go MySQL DSN without its protocol (mysqld_exporter's `user:pass@(host:3306)/`) holds the password", async () => {
    const text = service([`DATA_SOURCE_NAME: "exporter:${fake(ALNUM, 20)}@(mysql:3306)/"`, 'OTHER_DSN: "exporter@(mysql:3306)/"']);
    expect(await findings(text)).toEqual(['5:35 secret-in-environment']);
  });
});

describe('set AG: carriers through variables, CI variables, Terraform defaults, built-in users, remarks, identifiers', () => {
  it("a connection string passed through a variable named for it is passed whole, whatever the setting's name (mysqld_exporter's DATA_SOURCE_NAME, `DATABASE: ${DATABASE_URL:-}`)", async () => {
    const text = service([
      'DATA_SOURCE_NAME: ${MYSQLD_EXPORTER_DSN:-}',
      'DATABASE: ${DATABASE_URL:-}',
      'LOG_LEVEL: ${LOG_LEVEL:-info}',
      'CACHE: ${REDIS_HOST:-}',
    ]);
    expect(await findings(text)).toEqual(['5:7 secret-via-environment', '6:7 secret-via-environment']);
  });

  it("a CI definition's secret-named variable with a generated value is reported (GitLab's variables, a workflow step's env); a test database's word and the CI's store are not", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      '.gitlab-ci.yml': [
        'variables:',
        '  TRADUORA_CLIENT_ID: "8a1c4b2e-6d3f-4e5a-9b7c-1d2e3f4a5b6c"',
        `  TRADUORA_CLIENT_SECRET: "Rhh${fake(ALNUM, 29)}"`,
        '  POSTGRES_PASSWORD: postgres',
        '  DB_PASSWORD: $CI_DB_PASSWORD',
        'test:',
        '  variables:',
        '    JWT_SECRET: "test-secret-for-ci-only"',
        '  script: [npm test]',
        '',
      ].join('\n'),
      '.github/workflows/ci.yml': [
        'on: push',
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: npm test',
        '        env:',
        '          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}',
        `          SENTRY_AUTH_TOKEN: "${fake(HEX, 64)}"`,
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      '.github/workflows/ci.yml:9:30 secret-in-project-file',
      '.gitlab-ci.yml:3:27 secret-in-project-file',
    ]);
  });

  it("a secret-named Terraform variable's default is its value; a region's default and a variable without one are not", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'terraform/variables.tf': [
        'variable "rds_master_password" {',
        '  type      = string',
        '  sensitive = true',
        `  default   = "c_U${fake(ALNUM, 10)}.m*5b"`,
        '}',
        'variable "region" {',
        '  default = "eu-west-1"',
        '}',
        'variable "api_token" {',
        '  type = string',
        '}',
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['terraform/variables.tf:4:16 secret-in-project-file']);
  });

  it("Apache Derby's built-in users (`derby.user.<name>=<password>`) and Flexisip's clrtxt: passwords are written in clear; a key's sid, a configure placeholder, an Identity hash and `something` are not secrets", async () => {
    const text = config([
      'derby.connection.requireAuthentication=true',
      `derby.user.pos=yAz${fake(ALNUM, 12)}%y7`,
      `alice@sip.example.org clrtxt:T9${fake(ALNUM, 10)}!Z ;`,
      `api_key_sid: ${fake(HEX, 8)}-${fake(HEX, 4)}-4${fake(HEX, 3)}-8${fake(HEX, 3)}-${fake(HEX, 12)}`,
      'firebase-projects-api-keys=acme-linphone:@FIREBASE_KEY@',
      `password_hash: AQAAAAEAACcQAAAAE${fake(B64, 64)}==`,
    ]);
    expect(await findings(text)).toEqual(['9:22 hardcoded-credential', '10:36 hardcoded-credential']);
    // a stock config's sample (`;password=something`)
    expect(isPlaceholder('something')).toBe(true);
  });

  it("a note's secret after a remark in parentheses that has a verb of its own (`previous secret (kept until all nodes are updated): …`)", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'ops/rotate.sh': [
        '#!/bin/sh',
        `# previous secret (kept until all nodes are updated): SNa8${fake(ALNUM, 12)}%`,
        '# the secret is kept in vault: see secret/app',
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['ops/rotate.sh:2:55 hardcoded-credential']);
  });
});

describe('set AH: translations, browser keys in frontend files, plugin paths, zero keys', () => {
  it("a translation's strings under secret-named keys are words shown to users (a locale directory's it.json); a token in it is still one", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: cisti/gancio\n    volumes:\n      - ./data:/home/node/data\n',
      'data/user_locale/it.json': [
        '{',
        '  "login": {',
        '    "password": "Parola d\'ordine",',
        '    "new_password": "Nuova parola d\'ordine",',
        '    "forgot_password": "Hai dimenticato la parola d\'ordine?"',
        '  },',
        `  "github": "ghp_${fake(ALNUM, 36)}"`,
        '}',
        '',
      ].join('\n'),
      'data/config.json': ['{', `  "smtp": { "user": "gancio", "password": "Gc7${fake(ALNUM, 13)}" }`, '}', ''].join('\n'),
      // a file named like a language is no translation (step-ca's `ca.json`)
      'data/ca.json': ['{', `  "clientSecret": "KR${fake(ALNUM, 30)}"`, '}', ''].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      'data/ca.json:2:20 secret-in-mounted-file',
      'data/config.json:2:44 secret-in-mounted-file',
      'data/user_locale/it.json:7:14 secret-in-mounted-file',
    ]);
  });

  it("a browser's Google API key under a public-by-design name in a frontend's source is no secret; under another name it is", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  web:\n    build: ./frontend\n',
      'frontend/env.js': [
        'window.env = {',
        `  REACT_APP_FIREBASE_API_KEY: "AIza${fake(B64URL, 35)}",`,
        `  MAPS_SERVER_KEY: "AIza${fake(B64URL, 35)}",`,
        '};',
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['frontend/env.js:3:21 secret-in-project-file']);
  });

  it("Adyen's client key under its plugin's dotted path is public (Kill Bill's adyen.properties); its API key is not; a key of zero bytes is a test's placeholder", async () => {
    const text = config([
      `org.killbill.billing.plugin.adyen.clientKey=live_${fake(UPPER_ALNUM, 32)}`,
      `org.killbill.billing.plugin.adyen.apiKey=AQE${fake(B64, 60)}`,
    ]);
    expect(await findings(text)).toEqual(['9:48 hardcoded-credential']);
    // the vendor named in an earlier segment decides for every vendor the key rules know, not Adyen's alone
    expect(classifyKey('growthbook.clientKey').sensitive).toBe(false);
    expect(classifyKey('alerting.pagerduty.routingKey').sensitive).toBe(true);
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'phpunit.xml': [
        '<phpunit>',
        '  <php>',
        '    <env name="APP_KEY" value="base64:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="/>',
        '  </php>',
        '</phpunit>',
        '',
      ].join('\n'),
    });
    expect(found).toEqual([]);
  });
});

describe('set AI: stored digests and salts, code values, variable maps, shared secrets, numbered settings, fallbacks', () => {
  it("a SQL UPDATE's hex digest in a password column and a salt beside a stored digest are a user's record; a settings row's password and a salt alone are secrets", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  db:\n    image: mariadb\n    volumes:\n      - ./sql:/docker-entrypoint-initdb.d\n',
      'sql/20-users.sql': [
        `UPDATE main_users SET emppassword = '${fake(HEX, 32)}', modifieddate = NOW() WHERE id = 1;`,
        `UPDATE users SET hashed_password = '${fake(HEX, 40)}', salt = '${fake(HEX, 32)}' WHERE login = 'admin';`,
        'INSERT INTO `user` (`id`, `username`, `sha1_password`, `salt`) VALUES',
        `  (9100, 'harvester', '${fake(HEX, 40)}', '${fake(HEX, 32)}');`,
        `UPDATE mail_settings SET smtp_password = '${fake(ALNUM, 20)}' WHERE id = 1;`,
        'INSERT INTO `plugin` (`id`, `salt`) VALUES',
        `  (1, '${fake(HEX, 40)}');`,
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      'sql/20-users.sql:5:43 secret-in-mounted-file',
      'sql/20-users.sql:7:8 secret-in-mounted-file',
    ]);
  });

  it("Ruby's `6.hours` and an arrow function are code, not a setting's literal; a pepper written in the same file is a secret", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'config/initializers/devise.rb': [
        'Devise.setup do |config|',
        `  config.pepper = '${fake(HEX, 64)}'`,
        '  config.reset_password_within = 6.hours',
        'end',
        '',
      ].join('\n'),
      'app/src/config.js': [
        "const fs = require('fs');",
        "const readSecret = (file) => (file && fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : undefined);",
        'module.exports = { readSecret };',
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['config/initializers/devise.rb:2:20 secret-in-project-file']);
  });

  it("node-config's custom-environment-variables.json names the variables that set each setting; the default.json beside it holds values", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n    volumes:\n      - ./configs:/app/config\n',
      'configs/custom-environment-variables.json': '{\n  "auth": {\n    "secret": "EDUMEET_MGMT_KC_SECRET",\n    "password": "EDUMEET_DB_PASSWORD"\n  }\n}\n',
      'configs/default.json': `{\n  "auth": {\n    "secret": "${fake(ALNUM, 32)}"\n  }\n}\n`,
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['configs/default.json:3:16 secret-in-mounted-file']);
    // an instruction where the value comes from is a placeholder's word
    expect(['from-env', 'set_in_environment', 'see .env'].map(isPlaceholder)).toEqual([true, true, true]);
    expect(['frontend', 'envoy-proxy', 'fromage'].map(isPlaceholder)).toEqual([false, false, false]);
  });

  it("an API key beside its shared secret (Last.fm's, Shopify's) identifies the application; the shared secret is reported", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'scripts/scrobble_sync.py': [
        'import os',
        `LASTFM_API_KEY = "${fake(HEX, 32)}"`,
        `LASTFM_SHARED_SECRET = os.environ.get("LASTFM_SHARED_SECRET", "${fake(HEX, 32)}")`,
        '',
      ].join('\n'),
      'scripts/weather.py': `OPENWEATHER_API_KEY = "${fake(HEX, 32)}"\n`,
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      'scripts/scrobble_sync.py:3:64 secret-in-project-file',
      'scripts/weather.py:1:24 secret-in-project-file',
    ]);
  });

  it('names: a digest-authentication password, a remember-me key and a numbered secret are secrets; a password digest, a remember-me flag and a credential datastore are not', () => {
    const sensitive = (n: string) => classifyKey(n).sensitive;
    expect(['OC_DIGEST_PASS', 'zkDigestPassword', 'RememberMeKey', 'REMEMBER_ME_KEY', 'oauth.consumer.secret.1', 'api_key.2'].map(sensitive)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(
      ['PASSWORD_DIGEST', 'DIGEST_SHA256', 'REMEMBER_ME', 'REMEMBER_PASSWORD', 'remember_me_cookie', 'credentialDatastore', 'oauth.consumer.key.1.name'].map(
        sensitive,
      ),
    ).toEqual([false, false, false, false, false, false, false]);
  });

  it("PHP's `define('X', getenv('X') ?: '…')` runs with its fallback when the variable is unset; a placeholder fallback is none", async () => {
    const found = await projectFindings({
      'compose.yaml':
        'services:\n  app:\n    image: example/app\n    volumes:\n      - ./public/mail_settings_constants.php:/var/www/html/public/mail_settings_constants.php\n',
      'public/mail_settings_constants.php': [
        '<?php',
        `defined('MAIL_PASSWORD') || define('MAIL_PASSWORD', getenv('MAIL_PASSWORD') ?: '${fake(LOWER_ALNUM, 16)}');`,
        "defined('SMTP_TOKEN') || define('SMTP_TOKEN', getenv('SMTP_TOKEN') ?: 'changeme');",
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['public/mail_settings_constants.php:2:81 secret-in-mounted-file']);
  });
});

describe('set AJ: readers that skip what was found already skip it in the same file only', () => {
  it("a CI workflow's token is reported though a mounted file has a finding at the same offsets", async () => {
    const body = (token: string) => `env:\n  DEPLOY_TOKEN: "${token}"\n`;
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n    volumes:\n      - ./config/app.yml:/etc/app/app.yml\n',
      'config/app.yml': body(fake(ALNUM, 40)),
      '.github/workflows/deploy.yml': `${body(fake(ALNUM, 40))}on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./deploy.sh\n`,
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      '.github/workflows/deploy.yml:2:17 secret-in-project-file',
      'config/app.yml:2:18 secret-in-mounted-file',
    ]);
  });
});

describe("set AJ: a README's commands, PHP's putenv, SQL's hashed literals, a CI variable's format", () => {
  it("a README's commands (a shell block, an indented block, inline code, a console block's prompts) give their generated or chosen credentials; examples and words do not", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'README.md': [
        '# Ops notes',
        '',
        `Emergency access: \`mysql -h db.internal -u app -p'${fake(ALNUM, 24)}' app\``,
        '',
        '```sh',
        `curl -H 'X-API-TOKEN: ${fake(ALNUM, 40)}' http://nas:8000/api/clients`,
        'curl -u admin:password http://localhost:8080/',
        "mysql -u root -p'<your-password>' app",
        'export API_TOKEN=your-token-here',
        '```',
        '',
        'Or, indented:',
        '',
        `    printf '%s' '${fake(ALNUM, 24)}' | docker secret create pg_super -`,
        '',
        '```console',
        `$ ldapsearch -x -H ldap://dc1 -D 'CN=svc' -w 'Xy+M1Q${fake(ALNUM, 8)}=7gV' -b 'DC=x'`,
        `Password: Hunter-${fake(ALNUM, 10)}`,
        '```',
        '',
        '```yaml',
        `password: Zk38${fake(ALNUM, 12)}`,
        '```',
        '',
        `The old instance used \`admin\` / \`Stadt${fake(DIGITS, 4)}!\` until the cut-over; the demo's is \`demo\` / \`demo\`.`,
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      'README.md:3:51 secret-in-project-file',
      'README.md:6:23 secret-in-project-file',
      'README.md:14:18 secret-in-project-file',
      'README.md:17:47 secret-in-project-file',
      'README.md:25:34 secret-in-project-file',
    ]);
  });

  it("PHP's putenv('NAME=value') sets a literal; putenv('NAME=' . trim(file_get_contents(…))) reads a file", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n    volumes:\n      - ./config.d:/opt/tt-rss/config.d\n',
      'config.d/site.php': [
        '<?php',
        "putenv('TTRSS_DB_PASS=' . trim(file_get_contents('/run/secrets/ttrss_db_password')));",
        `putenv('TTRSS_SMTP_PASSWORD=${fake(LOWER_ALNUM, 16)}');`,
        "putenv('TTRSS_SMTP_LOGIN=tt-rss');",
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['config.d/site.php:3:29 secret-in-mounted-file']);
  });

  it("SQL's MD5('…') in a users row or SET writes the password in clear; MD5('') and NOW() do not", async () => {
    const text = config([
      `INSERT INTO users (id, login, password, email) VALUES (1, 'admin', MD5('bJYJ${fake(ALNUM, 8)}'), 'a@b.c'), (2, 'ops', MD5(''), 'x@y.z');`,
      `UPDATE users SET passwd = SHA1('Kd93-${fake(ALNUM, 8)}') WHERE id = 2;`,
      'UPDATE users SET last_login = NOW() WHERE id = 3;',
    ]);
    expect(await findings(text)).toEqual(['8:79 hardcoded-credential', '9:39 hardcoded-credential']);
  });

  it("a CI variable whose format says what it holds (GitLab's DOCKER_AUTH_CONFIG) is reported whatever its name; a service container's URL is the CI's own", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      '.gitlab-ci.yml': [
        'variables:',
        `  DOCKER_AUTH_CONFIG: '{"auths":{"registry.example.org":{"auth":"${fake(B64, 40)}"}}}'`,
        '  DATABASE_URL: postgres://postgres:postgres@postgres:5432/test',
        'build:',
        '  script:',
        '    - make test',
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['.gitlab-ci.yml:2:66 secret-in-project-file']);
  });
});

describe("set AK: a document's notes, logins by a slash, systemd units, chisel, JSON in .env, paths from a variable", () => {
  it("a document's prose (README, docs/) gives a login written `user / password`, a passphrase and a token stated after their word; defaults, words and paths do not", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'README.md': [
        '# Operations',
        '',
        `Until the SSO work lands the break-glass login is admin / -^wF${fake(ALNUM, 8)}6Gx2`,
        `Grafana for the exporter: admin / Ro^q${fake(ALNUM, 8)}Zc`,
        `Paperless API token for the scanner: ${fake(HEX, 40)}`,
        'Uptime Kuma login: admin / changeme',
        'Release notes: v1.2 / Release-2024_Q1',
        `The release commit sha: ${fake(HEX, 40)}`,
        'Mount read / write for the admin user at /srv/data / backups.',
        '',
        '```yaml',
        `login: admin / Zk38${fake(ALNUM, 8)}!x`,
        '```',
        '',
      ].join('\n'),
      'docs/handover.md': `Firewall admin for the customer: fwadmin / aW8n${fake(ALNUM, 6)}-W9mgGf\nrestic repo password: river-timber-zephyr-walnut97\n`,
      'docs/config.yml': `password: Zk38${fake(ALNUM, 12)}\n`,
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      'README.md:3:59 secret-in-project-file',
      'README.md:4:35 secret-in-project-file',
      'README.md:5:38 secret-in-project-file',
      'docs/handover.md:1:44 secret-in-project-file',
      'docs/handover.md:2:23 secret-in-project-file',
    ]);
  });

  it("a documentation tree is walked after the rest: its pages do not use up the walk's entries before scripts/", async () => {
    const pages: Record<string, string> = {};
    for (let i = 0; i < 700; i++) pages[`docs/pages/page-${String(i).padStart(3, '0')}.md`] = `# Page ${i}\n`;
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      ...pages,
      'scripts/seed.sh': '#!/bin/sh\nmysql -u root -pQv7-Lp2Rb5-Vt9Ck4 app < seed.sql\n',
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['scripts/seed.sh:2:17 secret-in-project-file']);
  });

  it('a comment gives a login by a slash beside a login word, and a passphrase after its word', async () => {
    const text = config([
      `# last reset 2024-05-02 -> admin / L7Ju${fake(ALNUM, 4)}O3`,
      '# restic repo password: river-timber-zephyr-walnut97',
      '# TCP / HTTP2Proxy for the admin port',
      '# restic repo password: see-the-vault',
      'x: 1',
    ]);
    expect(await findings(text)).toEqual(['8:42 hardcoded-credential', '9:31 hardcoded-credential']);
  });

  it("a systemd unit's Environment= assignments are read as the variables they set", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'systemd/rathole@.service': [
        '[Unit]',
        'Description=rathole client %i',
        '[Service]',
        `Environment=RATHOLE_TOKEN=${fake(ALNUM, 40)}`,
        `Environment="DB_PASSWORD=Xk39${fake(ALNUM, 10)}" "LOG_LEVEL=info"`,
        'Environment=RATHOLE_TOKEN_FILE=/etc/rathole/token',
        'ExecStart=/usr/bin/rathole --client /etc/rathole/%i.toml',
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      'systemd/rathole@.service:4:27 secret-in-project-file',
      'systemd/rathole@.service:5:26 secret-in-project-file',
    ]);
  });

  it("chisel's --auth user:pass, in a command of chisel's image that starts with its subcommand; another program's --auth user:pass too", async () => {
    const text = [
      'services:',
      '  client:',
      '    image: jpillora/chisel:1.9',
      '    command:',
      '      - client',
      '      - --auth',
      `      - "ops:${fake(ALNUM, 20)}"`,
      '      - https://tunnel.example.org',
      '  server:',
      '    image: jpillora/chisel',
      `    command: server --port 9090 --reverse --auth demo:t${fake(ALNUM, 15)}`,
      '  other:',
      '    image: example/tunnel',
      `    command: server --auth demo:t${fake(ALNUM, 15)}`,
      '  shell:',
      '    image: jpillora/chisel',
      '    command: sh -c "chisel server --auth demo:$${CHISEL_PW}"',
      '',
    ].join('\n');
    expect(await findings(text)).toEqual(['7:14 hardcoded-credential', '11:55 hardcoded-credential', '14:33 hardcoded-credential']);
  });

  it('a .env value that is JSON holding a secret reaches a secret-named variable hardcoded; a JSON of placeholders does not', async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n    environment:\n      TOTP_SECRETS: "${TOTP_SECRETS}"\n      API_SECRETS: ${API_SECRETS}\n',
      '.env': `TOTP_SECRETS={"1": "${fake(B64, 43)}=", "2": "${fake(B64, 43)}="}\nAPI_SECRETS=["changeme"]\n`,
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['.env:1:14 secret-in-env-file']);
  });

  it("an auth file of `user:password` lines (memcached's -Y) gives its passwords; an htpasswd digest is none", async () => {
    const found = await projectFindings({
      'compose.yaml':
        'services:\n  cache:\n    image: memcached:1.6\n    command: ["memcached", "-Y", "/etc/memcached/auth"]\n    volumes:\n      - ./memcached/auth:/etc/memcached/auth:ro\n',
      'memcached/auth': `yopass:a#${fake(ALNUM, 12)}!Dq\nbob:$apr1$${fake(ALNUM, 8)}$${fake(B64, 22)}\n`,
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['memcached/auth:1:8 secret-in-mounted-file']);
  });

  it("Apache's ServerTokens, Terraform's ssh_keys ids, a Mapbox pk. token without its signature and a notebook's f-string are no secrets", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  app:',
        '    image: example/app',
        '    environment:',
        `      MAPBOX_TOKEN: pk.eyJ1Ijoi${fake(B64URL, 40)}`,
        `      MAPBOX_SECRET_TOKEN: sk.eyJ1Ijoi${fake(B64URL, 40)}.${fake(B64URL, 22)}`,
        '    volumes:',
        '      - ./apache/security.conf:/etc/apache2/conf-enabled/security.conf',
        '      - ./notebooks:/home/jovyan/notebooks',
        '',
      ].join('\n'),
      'apache/security.conf': 'ServerTokens Prod\nServerSignature Off\n',
      'terraform/main.tf': `resource "digitalocean_droplet" "exit" {\n  ssh_keys  = ["${fake(HEX, 32)}"]\n}\n`,
      'notebooks/report.ipynb': JSON.stringify({
        cells: [
          { cell_type: 'code', source: ['token = os.environ["HUBSPOT_ACCESS_TOKEN"]\n', 'requests.get(url, headers={"Authorization": f"Bearer {token}"})'] },
        ],
      }),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['compose.yaml:6:28 secret-in-environment']);
  });

  it('a Python string after its prefix is the value (`b\'…\'`, `r"…"`), located at its text; an f-string filling in a name is a template', async () => {
    const text = config([`SECRET_KEY = b'aM6K${fake(B64, 40)}'`, 'AUTH_HEADER = f"Bearer {token}"', `DB_PASSWORD = r"Xk39-${fake(ALNUM, 10)}"`]);
    expect(await findings(text)).toEqual(['8:22 hardcoded-credential', '10:23 hardcoded-credential']);
  });

  it('a JSON value nested 100,000 levels deep in .env is not followed (no stack overflow), and reported as nothing', async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n    environment:\n      TOTP_SECRETS: "${TOTP_SECRETS}"\n',
      '.env': `TOTP_SECRETS=${'['.repeat(100_000)}"Xk39-Lp2Rb5-Vt9Ck4"${']'.repeat(100_000)}\n`,
    });
    expect(found).toEqual([]);
  });

  it("a key's path from a variable's directory (`${KEY:-$HOME/.ssh/id_ed25519}`) is a path, not a key", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'scripts/open-tunnel.sh': [
        '#!/bin/sh',
        'ssh -p 2222 -i "${SISH_KEY:-$HOME/.ssh/id_ed25519}" -R "app:80:localhost:8080" tun.example.org',
        `API_KEY="\${API_KEY:-Zk38${fake(ALNUM, 16)}}"`,
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['scripts/open-tunnel.sh:3:21 secret-in-project-file']);
  });
});

describe("set AL: a lone access key from .env, a session key's name, Camel's RAW(), web2py's digests, placeholders joined by words", () => {
  it("a vendor's lone access key (generated, both cases) given whole from the project's .env is hardcoded there; an object store's is its id", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  kernel:',
        '    image: example/opentcs',
        '    environment:',
        '      SERVICEWEBAPI_ACCESSKEY: ${SERVICEWEBAPI_ACCESSKEY}',
        '      MINIO_ACCESS_KEY: ${MINIO_ACCESS_KEY}',
        '      MINIO_SECRET_KEY: ${MINIO_SECRET_KEY:?}',
        '',
      ].join('\n'),
      '.env': `SERVICEWEBAPI_ACCESSKEY=4Rs${fake(ALNUM, 22)}1O\nMINIO_ACCESS_KEY=${fake(UPPER_ALNUM, 20)}\n`,
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['.env:1:25 secret-in-env-file', 'compose.yaml:7:7 secret-via-environment']);
  });

  it('a session key holding a name (web2py\'s `session_key = "eden_session"`) is no secret; a generated one is', async () => {
    const text = config(['settings.auth.session_key = "eden_session"', `app.session_key = "Qv7${fake(ALNUM, 29)}"`]);
    expect(await findings(text)).toEqual(['9:26 hardcoded-credential']);
  });

  it("Camel's RAW(…) holds the password as written; web2py's pbkdf2(…)$salt$hash is a digest; `{{…}}` placeholders joined by words are a template", async () => {
    const text = config([
      `camel.component.http.basic-auth-password=RAW(C8-${fake(ALNUM, 10)}~C*)`,
      `admin_password=pbkdf2(1000,20,sha512)$${fake(HEX, 16)}$${fake(HEX, 40)}`,
      'auth_token_subject=integration:{{policy-entry:label}}:{{jwt:aud}}',
    ]);
    expect(await findings(text)).toEqual(['8:52 hardcoded-credential']);
  });
});

describe('set AM: header comparisons, auth pairs, Redis query passwords, hashing calls, Makefile recipes, stored salts, code after a value', () => {
  it('a request header named for a token compared with a literal (Varnish, nginx, ModSecurity) holds the shared secret; a header compared with a word does not', async () => {
    const text = config([
      `if (req.http.X-Purge-Token != "${fake(HEX, 32)}") { return (synth(403)); }`,
      `if ($http_x_api_key != "Kq93${fake(ALNUM, 14)}") { return 403; }`,
      `SecRule REQUEST_HEADERS:X-Probe-Token "@streq Bx${fake(ALNUM, 30)}" "id:1002,phase:1,pass,nolog"`,
      'if (req.http.X-Forwarded-Proto != "https") { return (synth(750)); }',
    ]);
    expect(await findings(text)).toEqual(['8:38 hardcoded-credential', '9:31 hardcoded-credential', '10:53 hardcoded-credential']);
  });

  it('a user and password pair in code (`LEGACY_AUTH = (…)`, `HTTPBasicAuth(…)`) gives its password; a pair of words or a variable does not', async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'erp-sync/sync.py': [
        'import os, requests',
        `LEGACY_AUTH = ("shopsync", "Maple${fake(DIGITS, 4)}?")`,
        `r = requests.get(URL, auth=HTTPBasicAuth("bob", "Xk39-${fake(ALNUM, 10)}"))`,
        'auth_methods = ("basic", "bearer-token")',
        'r = requests.get(URL, auth=("admin", os.environ["ERP_PASSWORD"]))',
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      'erp-sync/sync.py:2:29 secret-in-project-file',
      'erp-sync/sync.py:3:50 secret-in-project-file',
    ]);
  });

  it("a Redis URL's `auth=`/`password=` query holds its password (PHP's session.save_path); a variable there does not, nor another URL's `auth=`", async () => {
    const text = config([
      `session.save_path = "tcp://redis:6379?weight=1&auth=${fake(ALNUM, 19)}"`,
      'cache_url = "redis://cache:6379?password=${REDIS_PASSWORD}"',
      'callback = "https://sso.example.org/cb?auth=saml2"',
    ]);
    expect(await findings(text)).toEqual(['8:59 hardcoded-credential']);
  });

  it("a password hashed by the application as it is seeded (`Hash::make('…')`, `make_password('…')`) is written in clear; a request's value is not", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'config/seeders.php': [
        '<?php',
        `User::create(['email' => 'box@example.org', 'password' => Hash::make('Silver${fake(DIGITS, 4)}#')]);`,
        "User::create(['email' => $request->email, 'password' => Hash::make($request->password)]);",
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['config/seeders.php:2:71 secret-in-project-file']);
  });

  it("a Makefile's recipes are read as command lines, beside its variables", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      Makefile: [
        `DB_PASSWORD ?= Kq93-${fake(ALNUM, 10)}`,
        '',
        'smoke:',
        `\tcurl -fsS -u kasse:Harbor${fake(DIGITS, 4)}. https://tickets.example.org/api | head`,
        '\t@echo "$$HOME"',
        '\tPGPASSWORD=$(DB_PASSWORD) psql -h db',
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['Makefile:1:16 secret-in-project-file', 'Makefile:4:21 secret-in-project-file']);
  });

  it("a salt stored beside a password hash (bcrypt's `$2y$…`) in a users row is the user's record; a value before code (`KEY}).json()`) is the code's variable", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  db:\n    image: mariadb:11\n    volumes:\n      - ./sql:/docker-entrypoint-initdb.d\n',
      'sql/seed.sql': [
        'INSERT INTO users_secure (id, username, password, salt) VALUES',
        `  (1, 'admin', '$2y$10$${fake(B64, 53).replace(/\+/g, '.')}', '${fake(B64, 30)}==');`,
        '',
      ].join('\n'),
      'scripts/import.py': [
        'import os, requests',
        'CRM_API_KEY = os.environ["CRM_API_KEY"]',
        'for m in requests.get(f"{CRM_URL}/members", headers={"X-API-Key": CRM_API_KEY}).json():',
        '    print(m)',
        '',
      ].join('\n'),
    });
    expect(found).toEqual([]);
  });
});

describe('settings tables, Terraform state, JSON objects named for a secret', () => {
  it("a settings table's row (`(category, name, value)`, `option_name`/`option_value`) gives the value its name names; a policy, a mode word or a site key does not", async () => {
    const smtp = fake(ALNUM, 14);
    const api = fake(HEX, 32);
    const found = await projectFindings({
      'compose.yaml': 'services:\n  db:\n    image: mariadb:11\n    volumes:\n      - ./sql:/docker-entrypoint-initdb.d\n',
      'sql/seed.sql': [
        "INSERT INTO `config` (`category`, `key`, `value`) VALUES ('mail', 'smtp_pass', '" + smtp + "'), ('site', 'title', 'Hotel Miramare');",
        'INSERT INTO wp_options (option_name, option_value, autoload) VALUES',
        `  ('payment_api_secret', '${api}', 'yes'),`,
        "  ('password_min_length', '12', 'yes'), ('USER_PASSWORD_GENERATED', 'Perso', 'yes'),",
        `  ('recaptcha_site_key', '6Ld${fake(B64URL, 37)}', 'yes');`,
        '',
      ].join('\n'),
    });
    expect(found).toEqual(['sql/seed.sql:1:81 secret-in-mounted-file •••• (14 chars)', 'sql/seed.sql:3:27 secret-in-mounted-file •••• (32 chars)']);
  });

  it("a Terraform state gives a random_password's result and a resource's password; its bcrypt_hash and ids are none", async () => {
    const password = fake(ALNUM, 24);
    const state = {
      version: 4,
      resources: [
        {
          mode: 'managed',
          type: 'random_password',
          name: 'db',
          provider: 'provider["registry.terraform.io/hashicorp/random"]',
          instances: [{ attributes: { bcrypt_hash: `$2a$10$${fake(B64, 53).replace(/\+/g, '.')}`, id: 'none', length: 24, result: password } }],
        },
        { mode: 'managed', type: 'aws_db_instance', name: 'main', instances: [{ attributes: { username: 'hotel', password, id: fake(LOWER_ALNUM, 20) } }] },
      ],
    };
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'infra/terraform.tfstate': JSON.stringify(state, null, 2),
    });
    expect(found).toEqual([
      // the result (line 15) and the database's password (line 28)
      'infra/terraform.tfstate:15:24 secret-in-project-file •••• (24 chars)',
      'infra/terraform.tfstate:28:26 secret-in-project-file •••• (24 chars)',
    ]);
  });

  it("a JSON object named for a secret gives its `value` (Terraform outputs, ARM parameters); one named for a policy or a key's public half does not, nor a key beside a secret", async () => {
    const password = fake(ALNUM, 18);
    const parameters = {
      parameters: {
        adminUsername: { value: 'hoteladmin' },
        adminPassword: { value: password },
        passwordPolicy: { value: 'strong' },
        sshPublicKey: { value: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA${fake(B64, 43)} ops@host` },
      },
      users: [{ name: 'a', role: 'admin' }, { name: 'b' }],
    };
    // a key beside a secret is the pair's id (ILIAS's chat server, read as a settings text)
    const chat = { name: 'lms', auth: { key: '486ccf82-b20f-4e8f-89ed-cca559ebb9e9', secret: fake(HEX, 32) } };
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'deploy/azuredeploy.parameters.json': JSON.stringify(parameters, null, 2),
      'chat/client.cfg': JSON.stringify(chat, null, 2),
    });
    expect(found).toEqual([
      'chat/client.cfg:5:16 secret-in-project-file •••• (32 chars)',
      'deploy/azuredeploy.parameters.json:7:17 secret-in-project-file •••• (18 chars)',
    ]);
  });
});

describe('set AN: component settings, digests after their algorithm, ids in their names, RADIUS clients, OTP seeds, labelled commands, text notes', () => {
  it("Sakai's `setting@component=value` is the setting's (a password, an SMTP password); the component's url and user are not secrets", async () => {
    const found = await projectFindings({
      'compose.yaml':
        'services:\n  sakai:\n    image: sakaiproject/sakai:23\n    volumes:\n      - ./sakai/sakai.properties:/usr/local/sakai/properties/sakai.properties\n',
      'sakai/sakai.properties': [
        'url@javax.sql.BaseDataSource=jdbc:mariadb://db:3306/sakai',
        'username@javax.sql.BaseDataSource=sakai',
        `password@javax.sql.BaseDataSource=${fake(ALNUM, 22)}`,
        `smtpPassword@org.sakaiproject.email.api.EmailService=${fake(ALNUM, 16)}`,
        '',
      ].join('\n'),
    });
    expect(found).toEqual([
      'sakai/sakai.properties:3:35 secret-in-mounted-file •••• (22 chars)',
      'sakai/sakai.properties:4:54 secret-in-mounted-file •••• (16 chars)',
    ]);
  });

  it("a digest after its algorithm's name (`sha256:<hex>`, `PBKDF2:<salt>:<hash>`) is no password; an LTI consumer's key that is its own name's id is none; its secret is", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  db:\n    image: mariadb:11\n    volumes:\n      - ./sql:/docker-entrypoint-initdb.d\n',
      'sql/users.sql': `INSERT INTO SAKAI_USER (USER_ID, EMAIL, PW) VALUES ('2d89d1bd-bc4b-4aec-8e4f-7ecfa9cd3198', 'ina@lms.net', 'PBKDF2:${fake(B64, 22)}==:${fake(B64, 43)}=');\n`,
      'tsugi/config.php': `<?php\n// $CFG->adminpw = 'sha256:${fake(HEX, 64)}';\n`,
      'sakai/local.properties': `imsblti.provider.r27tkhipwj3l.secret=${fake(HEX, 32)}\nimsblti.provider.r27tkhipwj3l.key=r27tkhipwj3l\n`,
    });
    expect(found).toEqual(['sakai/local.properties:1:38 secret-in-project-file •••• (32 chars)']);
  });

  it("radtest's password and shared secret and radclient's secret are read by their places; radtest with fewer arguments is not", async () => {
    const text = [
      'services:',
      '  radius:',
      '    image: freeradius/freeradius-server:3.2',
      '    healthcheck:',
      '      test: ["CMD-SHELL", "radtest probe Wq4nB8vLz2 127.0.0.1 0 testing123 | grep -q Access"]',
      '  probe:',
      '    image: alpine',
      `    command: sh -c 'echo "User-Name=bob" | radclient -x radius:1812 auth ${fake(ALNUM, 14)}'`,
      '  other:',
      '    image: alpine',
      '    command: radtest bob',
      '',
    ].join('\n');
    expect(await findings(text)).toEqual(['5:42 hardcoded-credential', '5:65 hardcoded-credential', '8:74 hardcoded-credential']);
  });

  it("an OATH token import's `seed` column holds each token's secret; a `seed` column elsewhere does not", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'tokens/import.csv': `# serial, seed (hex), type, otplen, timestep\nLSTO49018451, ${fake(HEX, 40)}, totp, 6, 30\nLSHO02212085, ${fake(HEX, 40)}, hotp, 8\n`,
      'data/plots.csv': `plot, seed, yield\nA1, ${fake(HEX, 40)}, 12\n`,
    });
    expect(found).toEqual(['tokens/import.csv:2:15 secret-in-project-file •••• (40 chars)', 'tokens/import.csv:3:15 secret-in-project-file •••• (40 chars)']);
  });

  it('a command commented out after a label (`# old: curl -u admin:…`) is read as the command; a variable or a placeholder there is not', async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'scripts/load.sh': [
        '#!/bin/sh',
        `# old: curl -u admin:${fake(ALNUM, 12)}! https://otp-old.example.de/admin/show`,
        '# note: run curl -u admin:$ADMIN_PW later',
        '# usage: curl -u admin:<password> https://host/',
        'curl -fsS https://otp/health',
        '',
      ].join('\n'),
    });
    expect(found).toEqual(['scripts/load.sh:2:22 hardcoded-credential •••• (13 chars)']);
  });

  it("a plain-text document's notes are read as a README's (`NOTES.txt`); a requirements file is not prose", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'NOTES.txt': `Migration notes\n- htdigest -c /etc/linotp2/admins "admin area" admin\n  (admin password set to ${fake(ALNUM, 10)} on the old box, change after migration)\n`,
      'requirements.txt': 'requests==2.31.0\npassword-strength==0.0.3\n',
    });
    expect(found).toEqual(['NOTES.txt:3:26 secret-in-project-file •••• (10 chars)']);
  });
});

describe("set AO: logins as code spans, lookups with defaults, SIM keys, Salesforce's consumer key, clients made with a login, XML values in a child", () => {
  it('a login written as two code spans gives a password of three kinds of character; a name-like one is not', async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'docs/operations.md': [
        '# Operations',
        '',
        '* Old test instance (decommissioned 2023-06) used `kieserver` / `kieserver1!`.',
        '* Console: log in as `kapua-sys` / `kapua-password`',
        `* log in as \`admin\` / \`${fake(ALNUM, 11)}\``,
        '',
      ].join('\n'),
    });
    expect(found).toEqual(['docs/operations.md:3:66 secret-in-project-file •••• (11 chars)', 'docs/operations.md:5:24 secret-in-project-file •••• (11 chars)']);
  });

  it("an environment lookup's own default (`${env:ROOT_PASSWORD:-karaf}`) is written in the file; without a default, or for a host, it is not", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'etc/unomi.custom.system.properties': [
        'org.apache.unomi.security.root.password=${env:UNOMI_ROOT_PASSWORD:-karaf}',
        `org.apache.unomi.thirdparty.provider1.key=\${env:UNOMI_PROVIDER1_KEY:-${fake(HEX, 32)}}`,
        'org.apache.unomi.mail.server.password=${env:UNOMI_MAIL_PASSWORD:-}',
        'org.apache.unomi.mail.server.host=${env:UNOMI_MAIL_HOST:-localhost}',
        '',
      ].join('\n'),
    });
    expect(found).toEqual([
      'etc/unomi.custom.system.properties:1:68 secret-in-project-file •••• (5 chars)',
      'etc/unomi.custom.system.properties:2:70 secret-in-project-file •••• (32 chars)',
    ]);
  });

  it("a SIM's K, OP and OPc beside the subscriber's identity are keys; an `op` of 32 hex digits elsewhere is not", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  ue:\n    image: towards5gs/ueransim-ue\n    volumes:\n      - ./config/uecfg.yaml:/ueransim/config/uecfg.yaml\n',
      'config/uecfg.yaml': `supi: 'imsi-208931757692225'\nkey: '${fake(HEX, 32)}'\nop: '${fake(HEX, 32)}'\nopType: 'OPC'\namf: '8000'\n`,
      'scripts/provision.sh': `#!/bin/sh\nK=${fake(HEX, 32)}\nOPC=${fake(HEX, 32)}\nIMSI=$(printf "imsi-20893%010d" 1)\n`,
      'build/trace.yaml': `op: '${fake(HEX, 32)}'\nspan: 12\n`,
    });
    expect(found).toEqual([
      'config/uecfg.yaml:2:7 secret-in-mounted-file •••• (32 chars)',
      'config/uecfg.yaml:3:6 secret-in-mounted-file •••• (32 chars)',
      'scripts/provision.sh:2:3 secret-in-project-file •••• (32 chars)',
      'scripts/provision.sh:3:5 secret-in-project-file •••• (32 chars)',
    ]);
  });

  it("a Salesforce connected app's consumer key (`3MVG9…`) is its client id; the consumer secret beside it is the secret", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'unomi/etc/org.apache.unomi.sfdc.cfg': `sfdc.consumer.key=3MVG9${fake(B64URL, 80).replace(/-/g, '.')}\nsfdc.consumer.secret=${fake(HEX, 64)}\n`,
    });
    expect(found).toEqual(['unomi/etc/org.apache.unomi.sfdc.cfg:2:22 secret-in-project-file •••• (64 chars)']);
  });

  it('a client made with a user and a password (`AtlasClient(URL, ("user", "…"))`, `RESTWorkItemHandler("user", "…", cl)`) gives the password; a URL and a media type do not', async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'bootstrap/glossary.py': [
        'from apache_atlas.client.base_client import AtlasClient',
        'client = AtlasClient(ATLAS_URL, ("steward", "J1G-W0FwFYGwc."))',
        'h = HttpClient("https://api.example", "application/json")',
        'c = SomeClient("utf-8", "strict")',
        '',
      ].join('\n'),
      'kjar/src/main/resources/META-INF/kie-deployment-descriptor.xml': [
        '<deployment-descriptor>',
        '  <work-item-handlers>',
        '    <work-item-handler>',
        '      <resolver>mvel</resolver>',
        `      <identifier>new org.jbpm.process.workitem.rest.RESTWorkItemHandler("claims-api", "A-Nz+${fake(ALNUM, 11)}", classLoader)</identifier>`,
        '    </work-item-handler>',
        '  </work-item-handlers>',
        '</deployment-descriptor>',
        '',
      ].join('\n'),
    });
    expect(found).toEqual([
      'bootstrap/glossary.py:2:46 secret-in-project-file •••• (14 chars)',
      'kjar/src/main/resources/META-INF/kie-deployment-descriptor.xml:5:89 secret-in-project-file •••• (16 chars)',
    ]);
  });

  it("an XML setting's value in a child element (Kura's `<esf:property name=\"…passphrase\"><esf:value>…`) is the setting's; one the program keeps encrypted is not", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'kura/snapshot_0.xml': [
        '<esf:configurations xmlns:esf="http://eurotech.com/esf/2.0">',
        '  <esf:property array="false" encrypted="true" name="password" type="Password">',
        `    <esf:value>${fake(B64, 32)}</esf:value>`,
        '  </esf:property>',
        '  <esf:property array="false" encrypted="false" name="net.interface.wlan0.config.wifi.master.passphrase" type="Password">',
        '    <esf:value>saffron-Lantern-willow-92</esf:value>',
        '  </esf:property>',
        '  <esf:property array="false" encrypted="false" name="net.interface.wlan0.config.wifi.master.securityType" type="String">',
        '    <esf:value>SECURITY_WPA2</esf:value>',
        '  </esf:property>',
        '</esf:configurations>',
        '',
      ].join('\n'),
    });
    expect(found).toEqual(['kura/snapshot_0.xml:6:16 secret-in-project-file •••• (25 chars)']);
  });
});

describe('set AP and AQ: pairs by dotted names, CLI objects, property lists, printf formats, doc blocks, JSON5, RFC 8959 tokens, comments, references', () => {
  it("a properties file's `x.auth.key` / `x.consumer_key` beside its `…secret` is the pair's id; the secret and a lone API key are reported", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n    volumes:\n      - ./conf/app.properties:/etc/app.properties\n',
      'conf/app.properties': [
        'sms.auth.key=301ccfb6',
        `sms.auth.secret=${fake(ALNUM, 16)}`,
        `oauth.consumer_key=${fake(LOWER_ALNUM, 40)}`,
        `oauth.consumer_secret=${fake(LOWER_ALNUM, 40)}`,
        `weather.api.key=${fake(HEX, 32)}`,
        '',
      ].join('\n'),
    });
    expect(found).toEqual([
      'conf/app.properties:2:17 secret-in-mounted-file •••• (16 chars)',
      'conf/app.properties:4:23 secret-in-mounted-file •••• (40 chars)',
      'conf/app.properties:5:17 secret-in-mounted-file •••• (32 chars)',
    ]);
  });

  it("WildFly CLI's `credential-reference={clear-text=…}` and GlassFish's `--property \"user=${DB_USER}:password=…\"` give their passwords; printf's `%s\\n` is a format", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'config/setup-audit.cli': `/subsystem=elytron/key-store=auditKS:add(path=audit.p12, type=PKCS12, credential-reference={clear-text=${fake(ALNUM, 14)}})\n`,
      'server-setup.sh': [
        '#!/bin/sh',
        `\${ASADMIN} create-jdbc-connection-pool --property "portNumber=5432:user=\${DB_USER}:password=${fake(ALNUM, 18)}" AuditPool`,
        `printf 'export KHEOPS_CLIENT_ZIPPERSECRET=%s\\n' "$(openssl rand -hex 20)"`,
        '',
      ].join('\n'),
    });
    expect(found).toEqual([
      'config/setup-audit.cli:1:104 secret-in-project-file •••• (14 chars)',
      'server-setup.sh:2:93 secret-in-project-file •••• (18 chars)',
    ]);
  });

  it("a doc block's placeholder URL (` * Format: mysql://user:password@host/db`) is no finding in a mounted file; the DSN below it is", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n    volumes:\n      - ./pages/config.values.php:/var/www/config.values.php\n',
      'pages/config.values.php': [
        '<?php',
        '/**',
        ' * Format: mysql://user:password@host/database',
        ' */',
        `$i2ce_site_dsn = 'mysql://ihris:${fake(ALNUM, 20)}@mysql/ihris_manage';`,
        '',
      ].join('\n'),
    });
    expect(found).toEqual(['pages/config.values.php:5:33 secret-in-mounted-file •••• (20 chars)']);
  });

  it("node-config's JSON5 files are read; a Spring `classpath:` resource and a backend's state path are references", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'config/development.json5': `{\n  db: {\n    password: '${fake(ALNUM, 16)}',\n  },\n}\n`,
      'adapter/application.properties': 'core.api.signing-key=classpath:keys/adapter.pem\n',
      'terraform/main.tf': 'terraform {\n  backend "s3" {\n    bucket = "lmis-tfstate"\n    key    = "prod/terraform.tfstate"\n  }\n}\n',
    });
    expect(found).toEqual(['config/development.json5:3:16 secret-in-project-file •••• (16 chars)']);
  });

  it('an RFC 8959 `secret-token:` URI is a token wherever it is written (a fallback in code, a CI variable)', async () => {
    const token = `secret-token:${fake(UPPER_ALNUM, 52)}`;
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'shop/config.py': `import os\nMERCHANT_API_TOKEN = os.environ.get("MERCHANT_API_TOKEN", "${token}")\n`,
      '.gitlab-ci.yml': `variables:\n  TALER_MERCHANT_TOKEN: "${token}"\n`,
    });
    expect(found).toEqual(['.gitlab-ci.yml:2:26 secret-in-project-file •••• (65 chars)', 'shop/config.py:2:60 secret-in-project-file •••• (65 chars)']);
  });

  it("a comment's variable of generated letters and a command quoted after a label of words are read; a sentence is not", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'backup/backup.sh': [
        '#!/bin/sh',
        '# emergency manual unlock: RESTIC_PASSWORD=ScONEUCEiXqRYsvs restic unlock',
        "# first deploy used: printf '%s' 'bCCrdYMOgcQsEFyIGzJaWeEV' | docker secret create nextcloud_admin_password -",
        '# the secret is named: SECRET_NAME=MyApplicationSecret in the vault',
        'restic backup /data',
        '',
      ].join('\n'),
    });
    expect(found).toEqual(['backup/backup.sh:2:44 hardcoded-credential •••• (16 chars)', 'backup/backup.sh:3:35 hardcoded-credential •••• (24 chars)']);
  });
});

describe('printf formats and base64 after a scheme, beside the readers of set AP', () => {
  it("printf's `NAME = %s\\n` format filled by a literal argument gives the argument; a command's output does not; `base64:…=` is one value", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'scripts/cf.sh': [
        '#!/bin/sh',
        `printf 'dns_cloudflare_api_token = %s\\n' "${fake(B64URL, 40)}" > /tmp/cf.ini`,
        `printf 'export KHEOPS_AUTH_HMASECRET=%s\\n' "$(head -c 32 /dev/urandom | base64)"`,
        '',
      ].join('\n'),
      '.env.testing': 'APP_KEY=base64:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n',
    });
    expect(found).toEqual(['scripts/cf.sh:2:43 secret-in-project-file •••• (40 chars)']);
  });
});

describe("set AR: a CI workflow named for tests, EDN keywords, Db2's connect, spaced assignments and web server directives in comments", () => {
  it("a CI workflow named `tests.yml` is read for tokens (a test file elsewhere is not); an EDN map's keyword gives its string", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      '.github/workflows/tests.yml': `on: pull_request\njobs:\n  t:\n    runs-on: ubuntu-latest\n    env:\n      STRIPE_PRIVATE_KEY: sk_live_${fake(ALNUM, 24)}\n    steps:\n      - run: make test\n`,
      'app/tests.py': `STRIPE = "sk_live_${fake(ALNUM, 24)}"\n`,
      'zrc/main.edn': `{ns main\n ui-client\n {:zen/tags #{aidbox/service}\n  :client-id "ui-portal"\n  :client-secret "${fake(ALNUM, 40)}"}}\n`,
    });
    expect(found).toEqual([
      '.github/workflows/tests.yml:6:27 secret-in-project-file •••• (32 chars)',
      'zrc/main.edn:5:19 secret-in-project-file •••• (40 chars)',
    ]);
  });

  it("Db2's `connect to DB user X using pw` gives the password, a variable there does not; a comment's `NAME = '…'` and `# SetEnv NAME value` are read", async () => {
    const found = await projectFindings({
      'compose.yaml':
        'services:\n  app:\n    image: example/app\n    volumes:\n      - ./apache/dada.conf:/etc/apache2/conf.d/dada.conf\n      - ./localsettings.py:/app/localsettings.py\n',
      'scripts/db.sh': `#!/bin/sh\ndb2 connect to FHIRDB user db2inst1 using ${fake(ALNUM, 16)}\ndb2 connect to FHIRDB user db2inst1 using $DB2_PASSWORD\n`,
      'localsettings.py': `import os\n# old: EMAIL_HOST_PASSWORD = '${fake(ALNUM, 18)}' (before the SendGrid move)\n# note: SECRET_NAME = 'prod' is set elsewhere\n`,
      'apache/dada.conf': `<VirtualHost *:80>\n  # SetEnv SMTP_PASSWORD ${fake(ALNUM, 16)}\n  # SetEnv SMTP_HOST smtp.example.org\n</VirtualHost>\n`,
    });
    expect(found).toEqual([
      'apache/dada.conf:2:26 hardcoded-credential •••• (16 chars)',
      'localsettings.py:2:31 hardcoded-credential •••• (18 chars)',
      'scripts/db.sh:2:43 secret-in-project-file •••• (16 chars)',
    ]);
  });
});

describe('sets AS, AT and AU: CI commands, PayPal signatures, header values, keyword arguments, XML value children', () => {
  it("a CI definition's commands are read (a trigger token, a literal header); the CI's own references and BuildKit secret specs are not", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      '.github/workflows/deploy.yml': [
        'on: push',
        'jobs:',
        '  deploy:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        `      - run: curl -fsS -X POST "https://forge.example.com/servers/1/sites/2/deploy/http?token=${fake(ALNUM, 40)}"`,
        '      - run: |',
        '          echo "${{ secrets.REGISTRY_PASSWORD }}" | docker login -u bot --password-stdin ghcr.io',
        '          docker build --secret id=npmrc,src=.npmrc -t app .',
        '',
      ].join('\n'),
      '.gitlab-ci.yml': [
        'deploy:',
        '  script:',
        `    - curl -sf -X POST -F token=${fake(HEX, 32)} -F ref=main https://gitlab.example.com/api/v4/projects/4/trigger/pipeline`,
        '    - ssh deploy@prod "export DB_PASSWORD=\\$(aws ssm get-parameter --name /prod/db --query Parameter.Value --output text)"',
        '',
      ].join('\n'),
    });
    expect(found).toEqual([
      '.github/workflows/deploy.yml:6:95 secret-in-project-file •••• (40 chars)',
      '.gitlab-ci.yml:3:33 secret-in-project-file •••• (32 chars)',
    ]);
  });

  it("PayPal's API signature, a password hashed into its column, a header's value in a string, lftp's login and a keyfile are found", async () => {
    const found = await projectFindings({
      'compose.yaml':
        'services:\n  app:\n    image: example/app\n    env_file: .env\n    volumes:\n      - ./sql/seed.sql:/docker-entrypoint-initdb.d/seed.sql\n',
      '.env': `PAYPAL_EXPRESS_SIGNATURE=${fake(ALNUM, 56)}\nPAYPAL_SIGNATURE_VERSION=2\n`,
      'sql/seed.sql': [
        `UPDATE configuration SET configuration_value = '${fake(ALNUM, 56)}' WHERE configuration_key = 'MODULE_PAYMENT_PAYPALWPP_APISIGNATURE';`,
        `INSERT INTO account (email, password_hash) VALUES ('a@example.org', crypt('${fake(ALNUM, 12)}', gen_salt('bf')));`,
        '',
      ].join('\n'),
      'scripts/ingest.sh': `#!/bin/sh\nAUTH="Basic ${fake(ALNUM, 32)}"\nlftp -u deploy,${fake(ALNUM, 14)} sftp://ssh.example.net\n`,
      'mongo/mongo-keyfile': `${fake(B64, 64)}\n`,
    });
    expect(found).toEqual([
      '.env:1:26 secret-in-env-file •••• (56 chars)',
      'mongo/mongo-keyfile:1:1 secret-in-project-file •••• (64 chars)',
      'scripts/ingest.sh:2:13 secret-in-project-file •••• (32 chars)',
      'scripts/ingest.sh:3:16 secret-in-project-file •••• (14 chars)',
      'sql/seed.sql:1:49 secret-in-mounted-file •••• (56 chars)',
      'sql/seed.sql:2:76 secret-in-mounted-file •••• (12 chars)',
    ]);
  });

  it("a keyword argument's variable and a PHP closure are no secrets; a password given to Roundup's Password() is", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n    volumes:\n      - ./tracker:/tracker\n      - ./config:/app/config\n',
      'tracker/initial_data.py': `user = db.getclass('user')\nuser.create(username="admin", password=adminpw, roles='Admin')\nuser.create(username="bot", password=password.Password("${fake(ALNUM, 20)}"), roles='User')\n`,
      'config/config.php': '<?php\n$secret = fn (string $name) => is_file("/run/secrets/$name") ? trim(file_get_contents("/run/secrets/$name")) : null;\n',
    });
    expect(found).toEqual(['tracker/initial_data.py:3:57 secret-in-mounted-file •••• (20 chars)']);
  });

  it("an element named for a secret keeps it in its value child, past a comment (ASP.NET's data-protection key); a README's key id is not the key", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n    secrets: [dp]\nsecrets:\n  dp:\n    file: ./secrets/dataprotection-key.xml\n',
      'secrets/dataprotection-key.xml': `<key id="0609767c-dbb5-4157-8400-faf98abf4451" version="1">\n  <descriptor>\n    <masterKey p4:requiresEncryption="true" xmlns:p4="http://schemas.asp.net/2015/03/dataProtection">\n      <!-- Warning: the key below is in an unencrypted form. -->\n      <value>${fake(B64, 88)}</value>\n    </masterKey>\n  </descriptor>\n</key>\n`,
      'README.md': `# Inference\n\nThe key id of our Hopsworks API key is \`${fake(ALNUM, 16)}\`; the secret part is in the vault.\n`,
    });
    expect(found).toEqual(['compose.yaml:7:11 secret-file-permissive undefined', 'secrets/dataprotection-key.xml:5:14 secret-in-mounted-file •••• (88 chars)']);
  });

  it("fetchmail's `user … password …`, Tuleap's conf/*.inc, RabbitMQ's authenticate_user and Roundup's mail gateway are read", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  mq:',
        '    image: rabbitmq:3',
        '    healthcheck:',
        `      test: ["CMD", "rabbitmqctl", "authenticate_user", "app", "${fake(ALNUM, 24)}"]`,
        '  mail:',
        '    image: example/fetchmail',
        '    volumes:',
        '      - ./fetchmailrc:/etc/fetchmailrc:ro',
        '  gw:',
        '    image: example/roundup',
        `    command: roundup-mailgw -C issue /tracker imaps issues:${fake(ALNUM, 18)}@imap.example.net`,
        '',
      ].join('\n'),
      fetchmailrc: `poll mail.example.net protocol IMAP\n  user "support@example.net" password "${fake(ALNUM, 18)}" ssl\n`,
      'conf/database.inc': `<?php\n$sys_dbhost   = 'db';\n$sys_dbpasswd = '${fake(ALNUM, 22)}';\n`,
    });
    expect(found).toEqual([
      'compose.yaml:5:65 hardcoded-credential •••• (24 chars)',
      'compose.yaml:12:60 hardcoded-credential •••• (18 chars)',
      'conf/database.inc:3:18 secret-in-project-file •••• (22 chars)',
      'fetchmailrc:2:40 secret-in-mounted-file •••• (18 chars)',
    ]);
  });
});

describe("vendors' names for a token: OVH's consumer key beside its application's pair, Skylight's authentication", () => {
  it("OVH's consumer key is a token of its own beside the application's key and secret; an OAuth consumer key beside its consumer secret is its id", async () => {
    const text = service([
      `OVH_APPLICATION_KEY: ${fake(ALNUM, 16)}`,
      `OVH_APPLICATION_SECRET: ${fake(ALNUM, 32)}`,
      `OVH_CONSUMER_KEY: ${fake(ALNUM, 32)}`,
      `TWITTER_CONSUMER_KEY: ${fake(ALNUM, 25)}`,
      `TWITTER_CONSUMER_SECRET: ${fake(ALNUM, 50)}`,
      'SKYLIGHT_AUTHENTICATION:',
    ]);
    expect(await findings(text)).toEqual([
      '6:31 secret-in-environment',
      '7:25 secret-in-environment',
      '9:32 secret-in-environment',
      '10:7 secret-via-environment',
    ]);
  });
  it("a superuser given with its password (Aidbox's `admin:…`) and Oracle's `user/password@host` connect string hold passwords; a name alone and a path do not", async () => {
    const text = service([
      `AIDBOX_SUPERUSER: admin:${fake(ALNUM, 16)}`,
      'PGPOOL_SUPERUSER: postgres',
      `DB_CONN: "spaceuser/${fake(ALNUM, 16)}@postgres:5432/spaceschema"`,
      'DB_CONN_PATH: "spaceuser/data@v2"',
    ]);
    expect(await findings(text)).toEqual(['5:31 secret-in-environment', '7:16 secret-in-environment']);
  });
});

describe('sets AV and AW: Kamal, env files under a bare name, PPP secrets, dnsdist, forward proxies, lists of users', () => {
  it("Kamal's .kamal/secrets is read and its deploy.yml's secret names are not values; a key file named id_*; a bare name beside an env_file setting it still comes from the shell", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n    env_file: backend/.env\n    environment:\n      - JWT_SECRET\n',
      'backend/.env': `JWT_SECRET=${fake(ALNUM, 32)}\n`,
      '.kamal/secrets': `KAMAL_REGISTRY_PASSWORD=ghp_${fake(ALNUM, 36)}\nRAILS_MASTER_KEY=$(cat config/master.key)\n`,
      'config/deploy.yml': 'service: crm\nenv:\n  secret:\n    - RAILS_MASTER_KEY\n    - DATABASE_URL\n',
      'deploy/id_deploy': `-----BEGIN OPENSSH PRIVATE KEY-----\n${fake(B64, 70)}\n-----END OPENSSH PRIVATE KEY-----\n`,
    });
    expect(found).toEqual([
      '.kamal/secrets:1:25 secret-in-project-file •••• (40 chars)',
      'backend/.env:1:12 secret-in-env-file •••• (32 chars)',
      // `environment` overrides `env_file`: the bare name gives the container the shell's value (or none)
      'compose.yaml:6:9 secret-via-environment undefined',
      'deploy/id_deploy:1:1 secret-in-project-file •••• (140 chars)',
    ]);
  });

  it("pppd's chap-secrets, dnsdist's console key, a forward proxy's basic_auth and a list of users with passwords are found; a MySQL hash, APISIX's $env:// and an installer's _X_ are not", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  vpn:',
        '    image: example/l2tp',
        '    volumes:',
        '      - ./chap-secrets:/etc/ppp/chap-secrets',
        '      - ./dnsdist.conf:/etc/dnsdist/dnsdist.conf',
        '      - ./Caddyfile:/etc/caddy/Caddyfile',
        '      - ./seed.sql:/docker-entrypoint-initdb.d/seed.sql',
        '      - ./apisix.yaml:/usr/local/apisix/conf/apisix.yaml',
        '      - ./Db.php:/var/www/config/Db.php',
        '    environment:',
        `      NAIVE_USERS: "jana:${fake(ALNUM, 18)},petr:${fake(ALNUM, 18)}"`,
        '      ALLOWED_USERS: "alice:admin bob:viewer"',
        '',
      ].join('\n'),
      'chap-secrets': `# client server secret IP\n"vpnadmin" l2tpd "${fake(ALNUM, 16)}" *\n"guest" l2tpd @/etc/ppp/guest.secret *\n`,
      'dnsdist.conf': `controlSocket("127.0.0.1:5199")\nsetKey("${fake(B64, 43)}=")\n`,
      Caddyfile: `:443 {\n  forward_proxy {\n    basic_auth kovar ${fake(ALNUM, 18)}\n    hide_ip\n  }\n}\n`,
      'seed.sql': "CREATE USER 'pdns'@'%' IDENTIFIED BY PASSWORD '*0123456789ABCDEF0123456789ABCDEF01234567';\n",
      'apisix.yaml': 'deployment:\n  etcd:\n    password: "$env://ETCD_PASSWORD"\n',
      'Db.php': "<?php\nreturn ['password' => '_DBC_PASS_'];\n",
    });
    expect(found).toEqual([
      'Caddyfile:3:22 secret-in-mounted-file •••• (18 chars)',
      'chap-secrets:2:19 secret-in-mounted-file •••• (16 chars)',
      'compose.yaml:12:26 secret-in-environment •••• (18 chars)',
      'compose.yaml:12:50 secret-in-environment •••• (18 chars)',
      'dnsdist.conf:2:9 secret-in-mounted-file •••• (44 chars)',
    ]);
  });

  it("a mail server's URL and Alertmanager's Slack URL passed through a variable are secrets via the environment; Hydra's token strategy and Libreswan's rsasigkey are not", async () => {
    const text = service(
      [
        'COURIER_SMTP_CONNECTION_URI: ${KRATOS_SMTP_URI:-}',
        '- SLACK_API_URL',
        'MAIL_SERVER_URL: ${MAIL_SERVER_URL}',
        'STRATEGIES_ACCESS_TOKEN: opaque',
        `LEFTRSASIGKEY: 0sAwEAA${fake(B64, 60)}`,
      ].map((l) => (l.startsWith('- ') ? l.slice(2) + ':' : l)),
    );
    expect(await findings(text)).toEqual(['5:7 secret-via-environment', '6:7 secret-via-environment']);
  });
});

describe('sets AX, AY and AZ: comments of other languages, credential calls, Ethereum and Nostr keys, directories of secrets', () => {
  it("a note in a SQL, PHP or INI comment, a password passed to create_superuser or ldap_bind and a Hardhat account's key are found; a SCRAM verifier in a comment, a heading's colon and a variable argument are not", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n',
      'db/seed.sql': `-- integration user for payroll export; pw: ${fake(ALNUM, 10)}!7\n-- ALTER ROLE app PASSWORD 'SCRAM-SHA-256$4096:${fake(B64, 22)}==$${fake(B64, 43)}=:${fake(B64, 43)}=';\nSELECT 1;\n`,
      'config.inc.php': `<?php\n// Old password (before the 2023 migration): ${fake(ALNUM, 12)}\n// SALT VARIABLE:\n$ok = ldap_bind($ds, 'CN=svc,DC=example,DC=org', '${fake(ALNUM, 9)}#2x');\n$ok2 = ldap_bind($ds, $dn, $password);\n`,
      'odoo.conf': `[options]\n; old master password: ${fake(ALNUM, 16)}\nadmin_passwd = $pbkdf2-sha512$25000$${fake(B64, 22)}$${fake(B64, 86)}\n`,
      'scripts/entrypoint.sh': `#!/bin/sh\npython manage.py shell -c "\nU.objects.create_superuser('hradmin', 'hr@example.org', '${fake(ALNUM, 8)}@2001x')\n"\n`,
      'harvest.py': `AUTH = ("harvester", "${fake(ALNUM, 14)}=.6")\n`,
      'hardhat.config.ts': `export default {\n  networks: {\n    devnet: { accounts: ["0x${fake(HEX, 64)}"] },\n    live: { accounts: process.env.KEY ? [process.env.KEY] : [] },\n  },\n};\n`,
    });
    expect(found).toEqual([
      'config.inc.php:2:46 hardcoded-credential •••• (12 chars)',
      'config.inc.php:4:51 secret-in-project-file •••• (12 chars)',
      'db/seed.sql:1:45 hardcoded-credential •••• (12 chars)',
      'hardhat.config.ts:3:27 secret-in-project-file •••• (66 chars)',
      'harvest.py:1:23 secret-in-project-file •••• (17 chars)',
      'odoo.conf:2:24 hardcoded-credential •••• (16 chars)',
      'scripts/entrypoint.sh:3:58 secret-in-project-file •••• (14 chars)',
    ]);
  });

  it("an ethstats secret, a node key, Nostr's nsec, a tracker's passkey and a Lightning rune are secrets; Pushover's user key and a CAPTCHA's client key are not", async () => {
    const text = [
      'services:',
      '  node:',
      '    image: example/erigon',
      '    command:',
      `      - --ethstats=archive-01:${fake(ALNUM, 24)}@stats.example.org:443`,
      `      - --nodekeyhex=${fake(HEX, 64)}`,
      '    environment:',
      `      BOT_NSEC: nsec1${fake(BECH32, 58).toLowerCase()}`,
      '      ADMIN_NSEC: ${ADMIN_NSEC:?set it}',
      `      TRACKER_PASSKEY: ${fake(HEX, 32)}`,
      `      CLN_RUNE: ${fake(B64URL, 64)}`,
      `      PUSHOVER_USER_KEY: ${fake(LOWER_ALNUM, 30)}`,
      `      RE_CAPTCHA_CLIENT_KEY: 6L${fake(B64URL, 38)}`,
      `      NETHERMIND_KEYSTORECONFIG_TESTNODEKEY: ${fake(HEX, 64)}`,
      '',
    ].join('\n');
    // Pushover's user key (line 12) and reCAPTCHA's client key (13) are identifiers
    expect(await findings(text)).toEqual([
      '5:31 hardcoded-credential',
      '6:22 hardcoded-credential',
      '8:17 secret-in-environment',
      '9:7 secret-via-environment',
      '10:24 secret-in-environment',
      '11:17 secret-in-environment',
      '14:46 secret-in-environment',
    ]);
  });

  it('files of a directory of secrets, a secret then its token, a JWT secret in hex and a PgBouncer userlist are read; a keystore salt and a template beside its file are not', async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  validator:',
        '    image: example/prysm',
        '    volumes:',
        '      - ./passwords:/passwords:ro',
        '      - ./keystores:/keystores:ro',
        '      - ./workspace:/workspace',
        '      - ./kannel.conf:/etc/kannel/kannel.conf',
        '',
      ].join('\n'),
      'passwords/keystore-m_12381_3600_0_0_0.txt': `${fake(ALNUM, 12)}*%${fake(ALNUM, 6)}\n`,
      'keystores/keystore-m_12381_3600_0_0_0.json': `{"crypto": {"kdf": {"function": "scrypt", "params": {"dklen": 32, "n": 262144, "r": 8, "p": 1, "salt": "${fake(HEX, 64)}"}}}}\n`,
      'workspace/main-security.xml.dist': '<Users>\n  <User name="editor" password="CHANGE_ME" />\n</Users>\n',
      'kannel.conf': `group = core\nadmin-password = ${fake(ALNUM, 3)},${fake(ALNUM, 12)}\n`,
      'secrets/README': 'The values live in the vault.\n',
      'wallet/auth-token': `${fake(HEX, 64)}\neyJhbGciOiJIUzI1NiJ9.${fake(B64URL, 40)}.${fake(B64URL, 43)}\n`,
      'roles/node/files/jwt.hex': `${fake(HEX, 64)}\n`,
      'pgbouncer/userlist.txt': `"app" "SCRAM-SHA-256$4096:${fake(B64, 22)}==$${fake(B64, 43)}=:${fake(B64, 43)}="\n"report" "${fake(ALNUM, 24)}"\n`,
    });
    expect(found).toEqual([
      'kannel.conf:2:18 secret-in-mounted-file •••• (16 chars)',
      'passwords/keystore-m_12381_3600_0_0_0.txt:1:1 secret-in-mounted-file •••• (20 chars)',
      'pgbouncer/userlist.txt:2:11 secret-in-project-file •••• (24 chars)',
      'roles/node/files/jwt.hex:1:1 secret-in-project-file •••• (64 chars)',
      'wallet/auth-token:1:1 secret-in-project-file •••• (64 chars)',
    ]);
  });

  it("what echo writes into a password file, curl's login inside $(…), a setting line in a document and an API key inserted into its table are found; docker's --secret-add and a template literal are not", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n    volumes:\n      - ./policy.js:/app/policy.js\n',
      'scripts/import-keys.sh': [
        '#!/bin/sh',
        `printf '%s' '${fake(ALNUM, 10)}.~I!' > data/wallet/password.txt`,
        'echo hello > out.log',
        `head=$(curl -fsS -u "monitor:${fake(ALNUM, 20)}" -H 'content-type: application/json' \\`,
        '  --data "{}" "$RPC" | jq -r .result)',
        'docker service update --secret-rm db_pw_v1 --secret-add source=db_pw_v2,target=db_password app',
        'docker service create --secret db_password_v2 --name x example/app',
        '',
      ].join('\n'),
      'docs/setup.md': `# Setup\n\nOld setup (before rpcauth), kept for reference:\n    bitcoin-rpcpassword=${fake(ALNUM, 24)}\n`,
      'sql/02-api-keys.sql': `INSERT INTO user_api_key (id, user_id, name, key, created_date)\nVALUES (1, 2, 'powerbi', '${fake(HEX, 40)}', 1715000000);\n`,
      'policy.js': 'const r = await fetch(u, {\n  headers: { authorization: `Bearer ${SPAM_API_KEY}` },\n});\n',
    });
    expect(found).toEqual([
      'docs/setup.md:4:25 secret-in-project-file •••• (24 chars)',
      'scripts/import-keys.sh:2:14 secret-in-project-file •••• (14 chars)',
      'scripts/import-keys.sh:4:30 secret-in-project-file •••• (20 chars)',
      'sql/02-api-keys.sql:2:27 secret-in-project-file •••• (40 chars)',
    ]);
  });

  it("WHMCS's cc_encryption_hash, a PHP getenv fallback under =>, a generated token after a bare `key` in a comment are found; an SSH public key after `key` and an environment lookup before a comma are not", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n    volumes:\n      - ./knexfile.js:/app/knexfile.js\n',
      'configuration.php': `<?php\n$cc_encryption_hash = '${fake(ALNUM, 64)}';\n$db = ['password' => getenv('DB_PASSWORD') ?: '${fake(ALNUM, 20)}'];\n`,
      'scripts/outbound.sh': `#!/bin/sh\n# legacy CRM key (v1 API): ${fake(ALNUM, 32)}\n# deploy key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${fake(B64, 43)} ops@example.org\necho\n`,
      'knexfile.js': 'module.exports = {\n  connection: {\n    password: process.env.DB_PASSWORD,\n    user: "app",\n  },\n};\n',
    });
    expect(found).toEqual([
      'configuration.php:2:24 secret-in-project-file •••• (64 chars)',
      'configuration.php:3:48 secret-in-project-file •••• (20 chars)',
      'scripts/outbound.sh:2:28 hardcoded-credential •••• (32 chars)',
    ]);
  });
});

describe('sets BA and BB: settings rows in French, licences, key files of password managers and schedulers, notes over two lines', () => {
  it("a password that starts with a dot, Teampass's settings rows, Duo's akey, a licence's code and a Copernicus key are found; a JSON path, Duo's ikey, Dropbox's app key and an SPDX licence are not", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  db:',
        '    image: mysql:8',
        '    environment:',
        `      MYSQL_ROOT_PASSWORD: .${fake(ALNUM, 12).replace(/\d/g, 'q')}-${fake(ALNUM, 6).replace(/\d/g, 'x')}`,
        '      ROLE_CLAIM_TOKEN: .realm_access.roles',
        '  app:',
        '    build:',
        '      context: .',
        '      args:',
        `        SENDY_LICENSE: ${fake(ALNUM, 20)}`,
        '        LICENSE: Apache-2.0',
        '    volumes:',
        '      - ./keeweb.json:/app/config.json',
        '',
      ].join('\n'),
      'seed/settings.sql': [
        'INSERT INTO teampass_misc (type, intitule, valeur) VALUES',
        "('admin', 'ldap_mode', '1'),",
        `('admin', 'ldap_password', '${fake(ALNUM, 18)}'),`,
        `('admin', 'duo_ikey', 'DI${fake(UPPER_ALNUM, 18)}'),`,
        `('admin', 'duo_skey', '${fake(ALNUM, 40)}'),`,
        `('admin', 'duo_akey', '${fake(HEX, 40)}');`,
        '',
      ].join('\n'),
      'keeweb.json': `{\n  "dropboxAppKey": "${fake(LOWER_ALNUM, 15)}"\n}\n`,
      '.cdsapirc': `url: https://cds.climate.copernicus.eu/api/v2\nkey: ${fake(DIGITS, 6)}:${fake(HEX, 8)}-${fake(HEX, 4)}-${fake(HEX, 4)}-${fake(HEX, 4)}-${fake(HEX, 12)}\n`,
    });
    expect(found).toEqual([
      '.cdsapirc:2:6 secret-in-project-file •••• (43 chars)',
      'compose.yaml:5:28 secret-in-environment •••• (20 chars)',
      'compose.yaml:11:24 secret-in-build-args •••• (20 chars)',
      'seed/settings.sql:3:29 secret-in-project-file •••• (18 chars)',
      'seed/settings.sql:5:24 secret-in-project-file •••• (40 chars)',
      'seed/settings.sql:6:24 secret-in-project-file •••• (40 chars)',
    ]);
  });

  it("a KeePass key file, ecFlow's password file, a key stated on the comment line after its label, a password in a document's code span and zeopasswd's argument are found; ecFlow's %VAR%, a short fallback and a variable in form data are not", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n    volumes:\n      - ./include/head.h:/home/ecflow/include/head.h\n',
      'data/Kunden.keyx': `<?xml version="1.0" encoding="utf-8"?>\n<KeyFile>\n  <Meta><Version>2.0</Version></Meta>\n  <Key>\n    <Data Hash="${fake(HEX, 8).toUpperCase()}">\n      ${fake(HEX, 8).toUpperCase()} ${fake(HEX, 8).toUpperCase()} ${fake(HEX, 8).toUpperCase()} ${fake(HEX, 8).toUpperCase()}\n    </Data>\n  </Key>\n</KeyFile>\n`,
      'ecflow/ecflow-server.3141.ecf.custom_passwd': `5.0.0\n# user server port password\nnwpops ecflow-server 3141 ${fake(ALNUM, 16)}\n`,
      'include/head.h': 'export ECF_PASS=%ECF_PASS%\n',
      'docker/entrypoint.sh': `#!/bin/sh\n# fallback key used during the 3.0 -> 3.1 migration:\n# def00000${fake(HEX, 128)}\n# first install: zeopasswd -f auth.db schooltool ${fake(ALNUM, 8)}!n\ncurl -s -d "api_key=$SENDY_API_KEY&list_id=$LIST_ID" https://mail.example.org/api/count.php\nexec apache2-foreground\n`,
      'README.md': `# Newsletter\n\nSES SMTP credentials for the brand: user \`news@example.org\`, pass \`${fake(ALNUM, 16)}\`\n`,
      'config/secrets.yml': 'development:\n  secret_key_base: <%= ENV.fetch("SECRET_KEY_BASE", "dev") %>\n',
    });
    expect(found).toEqual([
      'README.md:3:68 secret-in-project-file •••• (16 chars)',
      'data/Kunden.keyx:6:7 secret-in-project-file •••• (35 chars)',
      'docker/entrypoint.sh:3:3 hardcoded-credential •••• (136 chars)',
      'docker/entrypoint.sh:4:50 hardcoded-credential •••• (10 chars)',
      'ecflow/ecflow-server.3141.ecf.custom_passwd:3:27 secret-in-project-file •••• (16 chars)',
    ]);
  });
});

describe('sets BC, BD and BE: defaults beside .env, password files by their target, notes after a label, CI step inputs, form logins, stored digests', () => {
  it("an unused default shaped like a password, a JMX password file mounted as a config, a lookup's default in XML, a camera's login and a calendar feed are found; an unused word default, a salt beside its hash and authorized_keys are not", async () => {
    const found = await projectFindings({
      '.env': `ADMIN_PASSWORD=${fake(ALNUM, 18)}\nREDIS_PASSWORD=${fake(ALNUM, 18)}\n`,
      'compose.yaml': [
        'services:',
        '  app:',
        '    image: example/app',
        '    command: ["--authorized-keys", "/authorized_keys"]',
        '    environment:',
        `      INIT_PASSWORD: \${ADMIN_PASSWORD:-Q${fake(ALNUM, 10)}7x}`,
        '      REDIS_PASSWORD: ${REDIS_PASSWORD:-redispassword}',
        `      SCHOOL_ICS_URL: https://ent.example.fr/ical/${fake(HEX, 40)}.ics`,
        '    configs:',
        '      - source: jmx_access',
        '        target: /usr/local/tomcat/conf/jmxremote.password',
        '    volumes:',
        '      - ./ome/Server.xml:/opt/ovenmediaengine/conf/Server.xml',
        '      - ./data/config.json.php:/var/www/shaarli/data/config.json.php',
        'configs:',
        '  jmx_access:',
        '    content: |',
        `      monitorRole ${fake(ALNUM, 12)}`,
        '',
      ].join('\n'),
      'ome/Server.xml': [
        '<Server>',
        `  <SecretKey>\${env:OME_SIGNED_KEY:${fake(ALNUM, 24)}}</SecretKey>`,
        `  <Urls><Url>admin:${fake(ALNUM, 12)}@192.168.20.31:554/Streaming/Channels/101</Url></Urls>`,
        '</Server>',
        '',
      ].join('\n'),
      'data/config.json.php': `<?php /*\n{\n    "credentials": {\n        "login": "culture",\n        "salt": "${fake(HEX, 40)}",\n        "hash": "${fake(HEX, 40)}"\n    }\n}\n*/ ?>\n`,
    });
    expect(found).toEqual([
      '.env:1:16 secret-in-env-file •••• (18 chars)',
      '.env:2:16 secret-in-env-file •••• (18 chars)',
      'compose.yaml:6:22 secret-in-environment •••• (13 chars)',
      'compose.yaml:8:51 secret-in-environment •••• (40 chars)',
      'compose.yaml:18:19 hardcoded-credential •••• (12 chars)',
      'ome/Server.xml:2:35 secret-in-mounted-file •••• (24 chars)',
      'ome/Server.xml:3:20 secret-in-mounted-file •••• (12 chars)',
    ]);
  });

  it("a note after a label, a password after its word, a step's input, a form's login and a German note are found; an attribute named for a secret, a stored SHA-256 digest and a GBIF key are not", async () => {
    const found = await projectFindings({
      'compose.yaml': 'services:\n  app:\n    image: example/app\n    environment:\n      GBIF_ORG_KEY: 3fbcad9d-6f25-4626-bb53-96ab5e2da5f6\n',
      'backup/backup.sh': `#!/bin/sh\n# emergency: mail backup to treasurer with smtp user tresorier / Sommer_${fake(DIGITS, 4)}\npg_dump app\n`,
      'sql/02-users.sql': [
        `-- temporary account for the IT contractor, password Xs8${fake(ALNUM, 9)} (remove after go-live)`,
        `UPDATE specifyuser SET Password = '${fake(HEX, 64)}' WHERE Name = 'sp7admin';`,
        `INSERT INTO users (login, details) VALUES ('mchen', '{"password":"${fake(HEX, 64)}"}');`,
        '',
      ].join('\n'),
      '.github/workflows/deploy.yml': `on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: appleboy/ssh-action@v1\n        with:\n          host: 10.0.0.5\n          username: pi\n          password: b${fake(ALNUM, 10)}9Q\n`,
      'behaviors/paywall-login.js': `export async function login(page) {\n  await page.fill('#password', 'Wq${fake(ALNUM, 12)}3');\n}\n`,
      'INSTALL.md': `# Installation\n\nWebmaster-Zugang nach Installation: Benutzer \`webmaster\`, Passwort \`Buchbinder!${fake(DIGITS, 4)}&\`\n`,
      'aleph/util.py': 'from aleph import settings\n\nTEST_SECRET = settings.SECRET_KEY\n',
    });
    expect(found).toEqual([
      '.github/workflows/deploy.yml:10:21 secret-in-project-file •••• (13 chars)',
      'INSTALL.md:3:69 secret-in-project-file •••• (16 chars)',
      'backup/backup.sh:2:66 hardcoded-credential •••• (11 chars)',
      'behaviors/paywall-login.js:2:33 secret-in-project-file •••• (15 chars)',
      'sql/02-users.sql:1:54 hardcoded-credential •••• (12 chars)',
    ]);
  });
});

describe("sets BF and BG: firmware headers, curl's config, rule subscriptions, stored passwords' records", () => {
  it("a firmware header's #define, a German password's name, curl's config, an oinkcode, a Telegram session and a file of a default password are found; a Mosquitto client's digest and salt, Tor's hashed password, a test's bracket and a list of field names are not", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  tor:',
        '    image: example/tor',
        `    command: tor --SocksPort 0.0.0.0:9050 --HashedControlPassword 16:${fake(HEX, 58).toUpperCase()}`,
        '  suricata:',
        '    image: jasonish/suricata',
        '    environment:',
        `      ET_PRO_OINKCODE: ${fake(HEX, 16)}`,
        '  feeder:',
        '    image: example/feeder',
        '    environment:',
        `      TELEGRAM_SESSION: 1${fake(B64, 120)}`,
        '',
      ].join('\n'),
      'tasmota/user_config_override.h': `#ifndef _USER_CONFIG_OVERRIDE_H_\n#undef  STA_PASS1\n#define STA_PASS1         "i^X${fake(ALNUM, 14)}"\n#define MQTT_HOST         "192.168.50.10"\n#endif\n`,
      'solaranzeige/user.config.php': `<?php\n$MQTTKennwort = "jf${fake(ALNUM, 12)}";\n`,
      '.opensearch.primary.curlrc': `--silent\n--user "malcolm_internal:Rc${fake(ALNUM, 20)}"\n`,
      DEFAULT_PASSWORD: `username: admin@admin.test\npassword: td${fake(ALNUM, 20)}\n`,
      'docker/entrypoint.sh': '#!/bin/sh\nif [ ! -f DEFAULT_PASSWORD ]; then\n  python3 create_default_user.py\nfi\n',
      'intelmq/runtime.yaml': 'deduplicator:\n  parameters:\n    filter_keys: raw,time.observation\n',
      'mosquitto/dynamic-security.json': `{\n  "clients": [{\n    "username": "plug",\n    "password": "${fake(B64, 86)}==",\n    "salt": "${fake(B64, 16)}",\n    "iterations": 101\n  }]\n}\n`,
    });
    expect(found).toEqual([
      '.opensearch.primary.curlrc:2:26 secret-in-project-file •••• (22 chars)',
      'DEFAULT_PASSWORD:2:11 secret-in-project-file •••• (22 chars)',
      'compose.yaml:8:24 secret-in-environment •••• (16 chars)',
      'compose.yaml:12:25 secret-in-environment •••• (121 chars)',
      'solaranzeige/user.config.php:2:18 secret-in-project-file •••• (14 chars)',
      'tasmota/user_config_override.h:3:28 secret-in-project-file •••• (17 chars)',
    ]);
  });
});

describe('sets BH and BI: Azure storage keys, Ansible commands, push and deploy URLs, Erlang cookies, plugin settings', () => {
  it("an Azure storage key under an access key's name, Azurite's accounts, an Ansible task's docker login, a Drone plugin's password, an Uptime Kuma push token, an Erlang cookie and a template's `set` value are found; a Jinja expression in a task's command is not", async () => {
    const azureKey = () => `${fake(B64, 86)}==`;
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  azurite:',
        '    image: mcr.microsoft.com/azure-storage/azurite',
        '    environment:',
        `      AZURITE_ACCOUNTS: "pulumistate:${azureKey()}"`,
        '  heartbeat:',
        '    image: curlimages/curl',
        `    command: sh -c "while true; do curl -fsS https://status.example.org/api/push/${fake(ALNUM, 16)}?status=up; sleep 60; done"`,
        '',
      ].join('\n'),
      'terraform/backend.tf': `terraform {\n  backend "azurerm" {\n    storage_account_name = "tfstate"\n    access_key           = "${azureKey()}"\n  }\n}\n`,
      'ansible/deploy.yml': `- hosts: edge\n  tasks:\n    - name: Log in to the registry\n      ansible.builtin.command: docker login registry.example.org -u deploy -p An${fake(ALNUM, 18)}\n    - name: Broker users\n      ansible.builtin.command: mosquitto_passwd -b /mosquitto/config/passwd {{ item.user }} {{ item.password }}\n`,
      '.drone.yml': `kind: pipeline\nsteps:\n  - name: deploy\n    image: appleboy/drone-ssh\n    settings:\n      username: deploy\n      password: Copper${fake(DIGITS, 4)}!\n`,
      'couchdb/vm.args': `-name couchdb@couchdb-1\n-setcookie ${fake(UPPER_ALNUM, 32)}\n`,
      'templates/homelab.json': `{"env": [{"name": "PAPERLESS_SECRET_KEY", "set": "D9${fake(ALNUM, 30)}"}]}\n`,
    });
    expect(found).toEqual([
      '.drone.yml:7:17 secret-in-project-file •••• (11 chars)',
      'ansible/deploy.yml:4:79 secret-in-project-file •••• (20 chars)',
      'compose.yaml:5:25 secret-in-environment •••• (100 chars)',
      'compose.yaml:8:82 hardcoded-credential •••• (16 chars)',
      'couchdb/vm.args:2:12 secret-in-project-file •••• (32 chars)',
      'templates/homelab.json:1:50 secret-in-project-file •••• (32 chars)',
      'terraform/backend.tf:4:29 secret-in-project-file •••• (88 chars)',
    ]);
  });
});

describe('sets BJ and BK: sections of secrets, radio passcodes, option pairs, settings written into a variable', () => {
  it("a section named for passwords, an APRS-IS passcode, rtl_433's `pass=`, Meshtastic's `--set` pairs, a Chainlink `.api` file, a TOML block in a variable, an nginx key map in a config's content and a Mage trigger URL are found; a salt beside its hash function, an SQL UPDATE's MD5 and an LDAP attribute's name are not", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  node:',
        '    image: smartcontract/chainlink',
        '    command: node start -a /chainlink/.api',
        '    volumes:',
        '      - ./chainlink:/chainlink',
        '    environment:',
        '      CL_SECRETS: |',
        '        [Mercury.Credentials.streams]',
        "        URL = 'https://ws.example.org'",
        `        Password = 'LJ${fake(ALNUM, 30)}'`,
        '  gateway:',
        '    image: nginx',
        '    configs: [gateway]',
        '  trigger:',
        '    image: curlimages/curl',
        `    command: curl -X POST https://mage.example.org/api/pipeline_schedules/14/pipeline_runs/${fake(HEX, 32)}`,
        'configs:',
        '  gateway:',
        '    content: |',
        '      map $$http_x_api_key $$client {',
        '        default "";',
        `        "uH${fake(B64URL, 40)}" frontend;`,
        '      }',
        '',
      ].join('\n'),
      'chainlink/.api': `ops@example.org\nf^${fake(ALNUM, 16)}\n`,
      'chainlink/secrets.toml': `[Password]\nKeystore = 'R^${fake(ALNUM, 24)}'\n`,
      'svxreflector.conf': `[USERS]\nSK7RGN=RegionNodes\n\n[PASSWORDS]\nRegionNodes="FU${fake(ALNUM, 22)}"\n`,
      'aprsc.conf': 'ServerId OH7RDA-10\nPassCode    9178\n',
      'direwolf.conf': 'MYCALL VA3TQB-10\nIGLOGIN VA3TQB-10 18357\nIGLOGIN VA3TQB-11 -1\n',
      'rtl_433.conf': `# output mqtt://mosquitto:1883,user=rtl433,pass=Mea1ES3${fake(ALNUM, 9)}.nMT,retain=1\noutput json:/var/log/events.json\n`,
      'scripts/provision.sh': `#!/bin/sh\nM="meshtastic --host node"\n$M --set mqtt.password "qD${fake(ALNUM, 14)}"\n$M --ch-set psk base64:${fake(B64, 43)}=\n$M --ch-set psk "base64:\${CHANNEL_PSK}"\n`,
      'openwebrx/users.json': `[{"user": "admin", "password": {"encoding": "hash", "value": "${fake(HEX, 64)}", "algorithm": "sha256", "salt": "${fake(B64, 22)}=="}}]\n`,
      'db/seed.sql': `UPDATE zt_user SET password = '${fake(HEX, 32)}' WHERE account = 'admin';\n`,
      'config/ldap.php': "<?php\n$config->ldap->password  = 'userPassword';\n",
    });
    expect(found).toEqual([
      'aprsc.conf:2:13 secret-in-project-file •••• (4 chars)',
      'chainlink/.api:2:1 secret-in-mounted-file •••• (18 chars)',
      'chainlink/secrets.toml:2:13 secret-in-mounted-file •••• (26 chars)',
      'compose.yaml:11:21 secret-in-environment •••• (32 chars)',
      'compose.yaml:17:92 hardcoded-credential •••• (32 chars)',
      'compose.yaml:23:10 hardcoded-credential •••• (42 chars)',
      'direwolf.conf:2:19 secret-in-project-file •••• (5 chars)',
      'rtl_433.conf:1:49 secret-in-project-file •••• (20 chars)',
      'scripts/provision.sh:3:25 secret-in-project-file •••• (16 chars)',
      'scripts/provision.sh:4:17 secret-in-project-file •••• (51 chars)',
      'svxreflector.conf:5:14 secret-in-project-file •••• (24 chars)',
    ]);
  });
});

describe('sets BL and BM: Dockerfile defaults, notification URLs, LiveKit key names, Matrix ids, public key files', () => {
  it("a Dockerfile's ENV secret and ARG URL password, an ntfy token and Pushover's lower-case keys in Apprise URLs are found; a LiveKit key's name, a Matrix user id, a template in a query or a Bearer value, a custom scheme's variable, a salted digest and a verify key's .pub file are not", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  app:',
        '    build: .',
        '    environment:',
        '      LIVEKIT_KEY: API6cbN52qhTjLR',
        '      MATRIX_USER: "@weatherbot:example.chat"',
        `      APPRISE_URLS: ntfys://tk_${fake(LOWER_ALNUM, 29)}@ntfy.sh/alerts`,
        '    volumes:',
        '      - ./synapse:/data',
        '      - ./cross-seed:/config',
        '      - ./huntarr:/huntarr',
        '  notify:',
        '    image: caronc/apprise',
        '    configs: [apprise]',
        '  token:',
        '    image: curlimages/curl',
        '    command: ["sh", "-c", "curl -H \'Authorization: SharedSecret $$ADMIN_SECRET\' http://registration:5000/api/token"]',
        'configs:',
        '  apprise:',
        '    content: |',
        '      pover://u7v5uze35o8zsp5i00pofw8vj0x1q1@axs1lvc5nppnnv0hniknvgxf00i27j',
        '',
      ].join('\n'),
      Dockerfile: `FROM python:3.12\nARG PIP_EXTRA_INDEX_URL=https://ci-bot:yC${fake(ALNUM, 38)}@pypi.example.org/simple/\nENV DATASETTE_SECRET=${fake(HEX, 64)}\nENV SECRET_KEY=changeme\nARG NPM_TOKEN\n`,
      'synapse/example.signing.key.pub': `ed25519 a_Q2dw ${fake(B64, 43)}\n`,
      'synapse/homeserver.yaml': 'modules:\n  - module: antispam.Module\n    config:\n      authorization: "Bearer {{ antispam_token }}"\n',
      'cross-seed/config.js': 'module.exports = {\n  sonarr: [`http://sonarr:8989/?apikey=${process.env.SONARR_API_KEY}`],\n};\n',
      'huntarr/credentials.json': `{\n  "username": "admin",\n  "password": "${fake(HEX, 32)}:${fake(HEX, 64)}"\n}\n`,
    });
    expect(found).toEqual([
      'Dockerfile:2:40 secret-in-project-file •••• (40 chars)',
      'Dockerfile:3:22 secret-in-project-file •••• (64 chars)',
      'compose.yaml:7:29 secret-in-environment •••• (32 chars)',
      'compose.yaml:21:15 hardcoded-credential •••• (30 chars)',
      'compose.yaml:21:46 hardcoded-credential •••• (30 chars)',
    ]);
  });
});

describe('sets BN and BO: lone access keys, Ruby and Perl methods, key files, base-36 secrets, permissions', () => {
  /** Letters of one case and digits as a generator writes them (base 36), a digit in every four characters. */
  const base36 = (groups: number) => Array.from({ length: groups }, () => fake('abcdefghijklmnopqrstuvwxyz', 3) + fake(DIGITS, 1)).join('');
  it("a vendor's lone access key (in a file, a default, a script, from the host), a Ruby method's and a Perl sub's string, a key file without extension, a base-36 client secret, a password after its option that starts with a dash, a Token header kept under AUTH and hop's Auth() are found; a permission's name, Transmission's salted digest, hex of text, a version key, a pair's key beside its secret file, Perl's <$fh>, an Elixir file read and an instruction as a fallback are not", async () => {
    const pem = ['-----BEGIN OPENSSH PRIVATE KEY-----', fake(B64, 64), fake(B64, 64), fake(B64, 40), '-----END OPENSSH PRIVATE KEY-----'].join('\n');
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  app:',
        '    image: example/hydrus',
        '    command: redis-server --requirepass -Xq7' + fake(ALNUM, 28) + ' --maxmemory 128mb',
        '    environment:',
        '      FILTER_VERSION_KEY: ztf_partnership_v3',
        '      HYDRUS_SERVICE_KEY: 6c6f63616c2074616773',
        `      HYDL_DAEMON_ACCESS_KEY: \${HYDL_DAEMON_ACCESS_KEY:-Qm4${fake(ALNUM, 29)}}`,
        '      HYDRUS_ACCESS_KEY:',
        `      PIXIV_PHPSESSID: "59156126_Ln6${fake(ALNUM, 29)}"`,
        `      ANTARES_API_KEY: ${base36(5)}`,
        '      ANTARES_API_SECRET_FILE: /run/secrets/antares_api_secret',
        '    volumes:',
        '      - ./config:/config',
        '',
      ].join('\n'),
      'deploy/deploy_key': `${pem}\n`,
      'app/listener.py': `from gcn_kafka import Consumer\nconsumer = Consumer(\n    client_id="cc1mpehdr1ssobvufpad2h3zs1",\n    client_secret="${base36(13)}",\n)\n`,
      'app/relay.py': `from hop.auth import Auth\nLEGACY_AUTH = Auth("gw-relay-legacy", "p1U${fake(ALNUM, 29)}")\n`,
      'app/settings.py': 'HERMES = {\n    "HERMES_API_KEY": os.getenv("HERMES_API_KEY", "set HERMES_API_KEY value in environment"),\n}\n',
      'scripts/backfill.py': `API_KEY = "${base36(5)}"\nAPI_SECRET = "Jb${fake(ALNUM, 38)}"\n`,
      'scripts/bulk-upload.sh': `#!/bin/sh\nAUTH="Token dXB${fake(ALNUM, 57)}"\ncurl -H "Authorization: $AUTH" https://booru.example.org/api/posts\n`,
      'scripts/retag.py': `ACCESS_KEY = "${fake(HEX, 64)}"\n`,
      'config/server.yaml': "privileges:\n  'users:edit:self:pass': regular\n  'users:edit:any:pass': administrator\n",
      'config/settings.json': `{\n  "rpc-password": "{${fake(HEX, 40)}${fake(ALNUM, 8)}",\n  "rpc-username": "media"\n}\n`,
      'config/hydownloader-config.json': `{\n  "daemon.access_key": "Rs${fake(ALNUM, 30)}",\n  "daemon.port": 53211\n}\n`,
      'config/danbooru_local_config.rb': `module Danbooru\n  class CustomConfiguration < Configuration\n    def recaptcha_secret_key\n      "6Lu${fake(ALNUM, 37)}"\n    end\n\n    # def nijie_password\n    #   "voh3tCPa.r.w_+p"\n    # end\n  end\nend\n`,
      'config/DBDefs.pm': `package DBDefs;\nsub SMTP_SECRET_CHECKSUM { "Ve${fake(ALNUM, 30)}" }\nsub REPLICATION_ACCESS_TOKEN {\n    open(my $fh, '<', '/run/secrets/token') or return '';\n    chomp(my $token = <$fh>);\n    return $token;\n}\n1;\n`,
      'config/runtime.exs': `import Config\nconfig :philomena,\n  password_pepper: File.read!(System.fetch_env!("PASSWORD_PEPPER_FILE")) |> String.trim(),\n  anonymous_name_salt: System.get_env("ANONYMOUS_NAME_SALT") || "${fake(HEX, 32)}"\n`,
    });
    expect(found).toEqual([
      'app/listener.py:4:20 secret-in-project-file •••• (52 chars)',
      'app/relay.py:2:40 secret-in-project-file •••• (32 chars)',
      'compose.yaml:4:41 hardcoded-credential •••• (32 chars)',
      'compose.yaml:8:31 secret-in-environment •••• (32 chars)',
      'compose.yaml:9:7 secret-via-environment undefined',
      'compose.yaml:10:24 secret-in-environment •••• (41 chars)',
      'compose.yaml:12:32 secret-file-var-unmounted undefined',
      'config/DBDefs.pm:2:29 secret-in-mounted-file •••• (32 chars)',
      'config/danbooru_local_config.rb:4:8 secret-in-mounted-file •••• (40 chars)',
      'config/danbooru_local_config.rb:8:10 secret-in-mounted-file •••• (15 chars)',
      'config/hydownloader-config.json:2:25 secret-in-mounted-file •••• (32 chars)',
      'config/runtime.exs:4:66 secret-in-mounted-file •••• (32 chars)',
      'deploy/deploy_key:1:1 secret-in-project-file •••• (240 chars)',
      'scripts/backfill.py:2:15 secret-in-project-file •••• (40 chars)',
      'scripts/bulk-upload.sh:2:13 secret-in-project-file •••• (60 chars)',
      'scripts/retag.py:1:15 secret-in-project-file •••• (64 chars)',
    ]);
  });
});

describe('sets BP and BQ: firmware settings, header directives, fallbacks in expressions, Redis ACL users, GeneWeb', () => {
  it("an Apache header's token, ESP-IDF's and PlatformIO's passwords, a GeneWeb base's passwords and gwd's, a lookup's fallback inside an expression, a generated key after django-insecure-, a URL password in a script and a Redis ACL user's password on the command line are found; a key expression, Java's PBKDF2 record, a person's key and an example URL are not", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  redis:',
        '    image: redis:7',
        `    command: redis-server --user openc3 on '>Nr${fake(ALNUM, 24)}' '~*' '+@all' --user healthcheck on nopass '+ping'`,
        '  geneweb:',
        '    image: example/geneweb',
        `    command: gwd -bd /srv/geneweb/bases -p 2317 -wizard yK7${fake(ALNUM, 13)} -friend MC7${fake(ALNUM, 7)} -log /var/log/gwd.log`,
        '    environment:',
        '      TELEOP_ZENOH_KEY_EXPR: "aisle7/**/cmd_vel"',
        '      GW_KEY: michaud.0.jean',
        '    volumes:',
        '      - ./bases:/srv/geneweb/bases',
        '      - ./apache/robolab.conf:/usr/local/apache2/conf/extra/robolab.conf',
        '      - ./yamcs/users.yaml:/yamcs/etc/users.yaml',
        '',
      ].join('\n'),
      'apache/robolab.conf': `<VirtualHost *:80>\n  RequestHeader set X-Dock-Token "${fake(HEX, 32)}"\n  RequestHeader set X-Forwarded-Proto "https"\n</VirtualHost>\n`,
      'yamcs/users.yaml': `operator:\n  password: PBKDF2WithHmacSHA1:1000:${fake(HEX, 32)}:${fake(HEX, 40)}\n`,
      'bases/harlow.gwf': `wizard_passwd=Harlow1887\nfriend_passwd=4hQ${fake(ALNUM, 15)}\nbody_prop=<b>\n`,
      'firmware/esp32/sdkconfig.defaults': `CONFIG_ESP_WIFI_SSID="orchard-iot"\nCONFIG_ESP_WIFI_PASSWORD="6IG${fake(ALNUM, 13)}"\n`,
      'firmware/motor/platformio.ini': `[env:esp32]\nupload_protocol = espota\nupload_flags =\n    --port=3232\n    --auth=ruv${fake(ALNUM, 8)}3X\n    --auth=basic\n`,
      'campus/settings.py': `import os\nSECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "django-insecure-eOq${fake(ALNUM, 44)}4c"\nAUTH = (os.environ.get("YAMCS_USERNAME", "cmd-bridge"), os.environ.get("YAMCS_PASSWORD") or "PjL${fake(ALNUM, 15)}")\n`,
      'ground/archiver.py': `import os\nDB_URL = os.environ.get("ARCHIVE_DB_URL", "postgresql://osk:l=P_0${fake(ALNUM, 11)}@localhost:5432/telemetry")\nEXAMPLE = "postgres://user:password@localhost/db"\n`,
    });
    expect(found).toEqual([
      'apache/robolab.conf:2:35 secret-in-mounted-file •••• (32 chars)',
      'bases/harlow.gwf:1:15 secret-in-mounted-file •••• (10 chars)',
      'bases/harlow.gwf:2:15 secret-in-mounted-file •••• (18 chars)',
      'campus/settings.py:2:54 secret-in-project-file •••• (65 chars)',
      'campus/settings.py:3:94 secret-in-project-file •••• (18 chars)',
      'compose.yaml:4:46 hardcoded-credential •••• (26 chars)',
      'compose.yaml:7:57 hardcoded-credential •••• (16 chars)',
      'compose.yaml:7:82 hardcoded-credential •••• (10 chars)',
      'firmware/esp32/sdkconfig.defaults:2:27 secret-in-project-file •••• (16 chars)',
      'firmware/motor/platformio.ini:5:12 secret-in-project-file •••• (13 chars)',
      'ground/archiver.py:2:61 secret-in-project-file •••• (16 chars)',
    ]);
  });
});

describe('sets BR and BS: start scripts, answer files, Salt pillars, grafana.ini, OTLP headers, short secret files', () => {
  it("a start script's inline password, a README's PSK, grafana.ini's triple-quoted password, a secret's short file, a Brewfather stream id, a Salt pillar's password, an answer file's numbered passwords and an OTLP header's credential are found; a key's fingerprint and an attribute's name under `key` are not", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  app:',
        '    build: .',
        '    environment:',
        '      OTEL_EXPORTER_OTLP_HEADERS: ${OTEL_EXPORTER_OTLP_HEADERS}',
        `      SALT_MASTER_FINGER: "${Array.from({ length: 32 }, () => fake(HEX, 2)).join(':')}"`,
        '    secrets: [reefpi_password]',
        '    volumes:',
        '      - ./grafana/grafana.ini:/etc/grafana/grafana.ini',
        '      - ./otel/config.yaml:/etc/otelcol/config.yaml',
        'secrets:',
        '  reefpi_password:',
        '    file: ./secrets/reefpi_password',
        '',
      ].join('\n'),
      '.env': `OTEL_EXPORTER_OTLP_HEADERS=Authorization=Basic%20fm9${fake(B64, 57)}\n`,
      'secrets/reefpi_password': 'reef-pi\n',
      'README.md': '# Brewhouse\n\nThe controllers join the `BREWHOUSE-IOT` Wi-Fi; the PSK is `qnCF7KnigfA5RZ`.\n',
      'compose/production/django/entrypoint': `#!/bin/bash\nset -o errexit\nDJANGO_SUPERUSER_PASSWORD='A5Js-${fake(ALNUM, 11)}' python manage.py createsuperuser --noinput --username brewer\nexec gunicorn config.wsgi\n`,
      'grafana/grafana.ini': `[smtp]\nenabled = true\npassword = """JGUM-${fake(ALNUM, 12)}*+298tEq"""\n`,
      'otel/config.yaml': 'processors:\n  attributes/redact:\n    actions:\n      - key: gen_ai.prompt.0.content\n        action: delete\n',
      'bot/src/index.js': `const BREWFATHER_STREAM = 'http://log.brewfather.net/stream?id=${fake(ALNUM, 14)}';\n`,
      'pillar/secrets.sls': `secrets:\n  import_pass: EVm${fake(ALNUM, 13)}\n`,
      'setup/automation/standalone-lab': `#!/bin/bash\nWEBUSER=analyst@example.org\nWEBPASSWD1=kk1${fake(ALNUM, 13)}\nWEBPASSWD2=kk1${fake(ALNUM, 13)}\n`,
    });
    // (the secret file's mode is the machine's umask's: secret-file-permissive is no part of this test)
    expect(found.filter((f) => !f.includes('secret-file-permissive'))).toEqual([
      '.env:1:28 secret-in-env-file •••• (60 chars)',
      'README.md:3:61 secret-in-project-file •••• (14 chars)',
      'bot/src/index.js:1:64 secret-in-project-file •••• (14 chars)',
      'compose/production/django/entrypoint:3:28 secret-in-project-file •••• (16 chars)',
      'grafana/grafana.ini:3:15 secret-in-mounted-file •••• (25 chars)',
      'pillar/secrets.sls:2:16 secret-in-project-file •••• (16 chars)',
      'secrets/reefpi_password:1:1 secret-in-mounted-file •••• (7 chars)',
      'setup/automation/standalone-lab:3:12 secret-in-project-file •••• (16 chars)',
      'setup/automation/standalone-lab:4:12 secret-in-project-file •••• (16 chars)',
    ]);
  });
});

describe('sets BT, BU and BV: markup comments, CI comments, set literals, secure links, glued names, option defaults', () => {
  it("an old key in an XML comment, a CI file's commented password, a set's only key, nginx's secure-link secret, GDAL's bearer, FlightAirMap's glued names, a scoped Rails setting, a labelled C# note, a command after a note's label and an option's default are found; a Ruby block's start, APRS's zero passcode, hostapd's key management, a CI's test database word, a map's key and an example are not", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  app:',
        '    image: x/app:1',
        '    environment:',
        '      GDAL_HTTP_BEARER:',
        `      FAM_BINGKEY: ${fake(ALNUM, 40)}`,
        '    volumes:',
        '      - ./erddap/content:/usr/local/tomcat/content/erddap',
        '      - ./station.cfg:/opt/auto_rx/station.cfg',
        '      - ./hostapd.conf:/etc/hostapd/hostapd.conf',
        '      - ./nginx/tiles.conf:/etc/nginx/conf.d/tiles.conf',
        '',
      ].join('\n'),
      'erddap/content/setup.xml': `<erddapSetup>\n<!-- old flagKeyKey: ${fake(ALNUM, 40)} (rotated 2023-11) -->\n<!-- see the setup guide: the key signs flag links -->\n</erddapSetup>\n`,
      'station.cfg': '[aprs]\naprs_enabled = False\naprs_pass = 00000\n',
      'hostapd.conf': 'interface=wlan0\nwpa_key_mgmt=WPA-PSK\n',
      'nginx/tiles.conf': `location /t/ {\n  secure_link $arg_md5,$arg_expires;\n  secure_link_md5 "$secure_link_expires$uri ${fake(ALNUM, 28)}";\n}\n`,
      '.github/workflows/index.yml': `jobs:\n  index:\n    steps:\n      - env:\n          DB_PASSWORD: \${{ secrets.DB_PASSWORD }}\n          # DB_PASSWORD: Cz1${fake(ALNUM, 13)}   # before moving to repo secrets\n          # POSTGRES_PASSWORD: postgres\n        run: make index\n`,
      'app/main.py': `EXTRA_KEYS = {"${fake(HEX, 40)}"}\nAPI_KEY_LOOKUP = {"partner": 1}\n`,
      'require/settings.php': `<?php\n$globalDBpass = 'S6E${fake(ALNUM, 19)}';\n`,
      'config/initializers/secret_token.rb': `Concerto::Application.config.secret_token = '${fake(HEX, 128)}'\nConcerto::Application.config.secret_key_base = begin\n  ENV.fetch('SECRET_KEY_BASE')\nend\n`,
      'scripts/backup.sh': `#!/bin/sh\n# emergency manual unlock: RESTIC_PASSWORD=Sc1${fake(ALNUM, 13)} restic unlock\nrestic backup /data\n`,
      'plugin/TwilioOptions.cs': `// TODO remove before release: AuthToken = "${fake(HEX, 32)}"\n// example: AuthToken = "your-token-here"\n`,
      'package/node.json': `{"options": [\n  {"title": "Webhook token", "name": "token", "type": "string", "default": "${fake(LOWER_ALNUM, 24)}"},\n  {"title": "Speed", "name": "speed", "type": "integer", "default": 5}\n]}\n`,
    });
    expect(found).toEqual([
      '.github/workflows/index.yml:6:26 hardcoded-credential •••• (16 chars)',
      'app/main.py:1:16 secret-in-project-file •••• (40 chars)',
      'compose.yaml:5:7 secret-via-environment undefined',
      'compose.yaml:6:20 secret-in-environment •••• (40 chars)',
      'config/initializers/secret_token.rb:1:46 secret-in-project-file •••• (128 chars)',
      'erddap/content/setup.xml:2:22 hardcoded-credential •••• (40 chars)',
      'nginx/tiles.conf:3:45 secret-in-mounted-file •••• (28 chars)',
      'package/node.json:2:76 secret-in-project-file •••• (24 chars)',
      'plugin/TwilioOptions.cs:1:45 secret-in-project-file •••• (32 chars)',
      'require/settings.php:2:18 secret-in-project-file •••• (22 chars)',
      'scripts/backup.sh:2:44 hardcoded-credential •••• (16 chars)',
    ]);
  });
});

describe('sets BW and BX: MPD, device API queries, JavaScript fallbacks, withheld marks, INI sections', () => {
  it("MPD's password (mpd.conf, a config's content, mpc's host), a device API's `?pw=`, a JavaScript fallback after process.env and a Redis section's auth are found; a withheld mark, a hashing method's name, an option list's variable and another section's `auth` are not", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  mpd:',
        '    image: x/mpd:1',
        '    healthcheck:',
        `      test: ["CMD-SHELL", "mpc -h Hc1${fake(ALNUM, 13)}@127.0.0.1 status"]`,
        '    environment:',
        `      OS_URL: http://192.168.1.40/jc?pw=${fake(HEX, 32)}`,
        '    configs: [mpd_extra]',
        '    volumes:',
        '      - ./mpd/mpd.conf:/etc/mpd.conf',
        '      - ./evse/backup.json:/data/backup.json',
        '      - ./emoncms/settings.ini:/var/www/emoncms/settings.ini',
        '      - ./telegraf/telegraf.conf:/etc/telegraf/telegraf.conf',
        'configs:',
        '  mpd_extra:',
        '    content: |',
        `      password "Cc1${fake(ALNUM, 11)}@read,add,control,admin"`,
        '      zeroconf_enabled "yes"',
        '',
      ].join('\n'),
      'mpd/mpd.conf': `music_directory "/music"\npassword "Mp1${fake(ALNUM, 13)}@read,add,control,admin"\naudio_output {\n    type "shout"\n    password "Ic1${fake(ALNUM, 17)}"\n}\n`,
      'evse/backup.json': '{\n  "ssid": "garage",\n  "pass": "_DUMMY_PASSWORD",\n  "mqtt_pass": "_DUMMY_PASSWORD"\n}\n',
      'emoncms/settings.ini': `[redis]\nenabled = true\nauth = "Rd1${fake(ALNUM, 29)}"\n[smtp]\nauth = true\n[ledgersmb]\nauth = DB2\n`,
      'telegraf/telegraf.conf': '[[inputs.http]]\n  ## firmware 2.1.9: /jc = controller variables, pw = md5 of device password\n  urls = ["http://os/jc"]\n',
      'config/secret.js': `module.exports = () => process.env.SUGARIZER_JWT_SECRET || '${fake(B64, 43)}=';\nconst port = process.env.PORT || '8080';\n`,
      'scripts/mount-nas.sh': '#!/bin/sh\nCRED=/etc/cifs.cred\nmount -t cifs //nas/music /mnt/music -o "credentials=$CRED,vers=2.0,ro"\n',
    });
    expect(found).toEqual([
      'compose.yaml:5:35 hardcoded-credential •••• (16 chars)',
      'compose.yaml:7:41 secret-in-environment •••• (32 chars)',
      'compose.yaml:17:17 hardcoded-credential •••• (14 chars)',
      'config/secret.js:1:61 secret-in-project-file •••• (44 chars)',
      'emoncms/settings.ini:3:9 secret-in-mounted-file •••• (32 chars)',
      'mpd/mpd.conf:2:11 secret-in-mounted-file •••• (16 chars)',
      'mpd/mpd.conf:5:15 secret-in-mounted-file •••• (20 chars)',
    ]);
  });
});

describe("set BU: a token stated with its own word, a name and generated hex digits, a program's own lookup and its fallback", () => {
  it("`token=…` under a secret's name, a CI variable, a README's code span and URL query holding a name and 16 hex digits, `_secret(\"X\") or \"…\"` and `aws configure set` are found; `mode=strict`, a token's role, a word, a build's cache key, a fallback under a setting's name and a region are not", async () => {
    const hex = () => `7${fake(HEX, 14)}a`;
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  oref0:',
        '    image: x/oref0:1',
        '    environment:',
        `      API_SECRET: "token=rig-${hex()}"`,
        '      NS_SECRET: "mode=strict"',
        '      NS_TOKEN_ROLE: devicestatus-upload',
        '',
      ].join('\n'),
      '.gitlab-ci.yml': `variables:\n  NS_READ_TOKEN: smoketest-${hex()}\n  NS_ROLE_TOKEN: readable\ntest:\n  script: echo ok\n`,
      'README.md': [
        '# Rig',
        '',
        `Caregiver phone: Nightscout URL \`https://loop.example.org\`, token \`loop-${hex()}\`.`,
        '',
        `Follower link: https://ns.example.org/?token=oma-${hex()}`,
        '',
        `Build cache key: \`build-${hex()}\`.`,
        '',
      ].join('\n'),
      'app/settings.py': `SECRET_KEY = _secret("FLASK_SECRET_KEY") or "${fake(HEX, 48)}"\nTIMEOUT = cfg("TIMEOUT") or "30a${fake(HEX, 20)}"\n`,
      'backup/backup.sh': `#!/bin/sh\n# aws configure set aws_secret_access_key ${fake(ALNUM, 40)}\naws configure set region eu-west-1\n`,
    });
    expect(found).toEqual([
      '.gitlab-ci.yml:2:18 secret-in-project-file •••• (26 chars)',
      'README.md:3:68 secret-in-project-file •••• (21 chars)',
      'README.md:5:46 secret-in-project-file •••• (20 chars)',
      'app/settings.py:1:46 secret-in-project-file •••• (48 chars)',
      'backup/backup.sh:2:43 secret-in-project-file •••• (40 chars)',
      'compose.yaml:5:19 secret-in-environment •••• (26 chars)',
    ]);
  });
});

describe('sets BY and BZ: a bcrypt salt as a secret, command lines in a configuration, glued names, Perl modules, fixtures', () => {
  it("CNCjs's salt-shaped secret and the curl of its commands, Signal K's ADMINUSER pair, connect and enable passwords, a commented exec form's USERPWD, Rocrail's control code, a Perl module's URL and secret, a letters-only auth pair and a Frappe fixture are found; a full bcrypt hash, a switch that enables passwords, a command of no options, an exec form of no credential, Perl's escaped `\\@` after a variable and a test's fixture are not", async () => {
    const salt = () => `$2a$10$${fake(B64.replace('+', '.'), 22)}`;
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  cncjs:',
        '    image: cncjs/cncjs:1.10',
        '    volumes:',
        '      - ./cncrc.json:/root/.cncrc',
        '    environment:',
        `      ADMINUSER: "skipper:${fake(ALNUM, 20)}"`,
        '      LINUXCNCRSH_CONNECTPW: Mill7shop',
        '      LINUXCNCRSH_ENABLEPW: Mill8shop',
        '      ENABLE_PW: "true"',
        `      CNCJS_SECRET: "${salt().replaceAll('$', '$$$$')}"`,
        `    # command: ["-H", "https://ais.example.nl/api/submit", "USERPWD", "zeezwaluw:s-${fake(ALNUM, 20)}", "INTERVAL", "30"]`,
        '    # command: ["--port", "8080"]',
        '  rocrail:',
        '    image: x/rocrail:2.1',
        '    volumes:',
        '      - ./rocrail.ini:/opt/rocrail/rocrail.ini',
        '',
      ].join('\n'),
      'cncrc.json': [
        '{',
        `  "secret": "${salt()}",`,
        `  "passwordHash": "${salt()}${fake(B64.replace('+', '.'), 31)}",`,
        '  "commands": [',
        `    { "title": "Push", "commands": "curl -u shop:${fake(ALNUM, 17)} -T /watch/last.nc https://nas.lan/webdav/" },`,
        '    { "title": "Halt", "commands": "sudo halt" }',
        '  ]',
        '}',
        '',
      ].join('\n'),
      'lib/ProductOpener/Config2.pm': [
        'package ProductOpener::Config2;',
        'my $url = "postgresql://productopener:${postgres_password}\\@postgres/minion";',
        '%options = (',
        `  minion_backend => {Pg => 'postgresql://productopener:${fake(ALNUM, 24)}@postgres/minion'},`,
        `  session_secret => '${fake(ALNUM, 64)}',`,
        ');',
        '',
      ].join('\n'),
      'rocrail.ini': '<?xml version="1.0"?>\n<rocrail planfile="plan.xml">\n  <tcp port="8051" maxcon="10" controlcode="188408" slavecode="" />\n</rocrail>\n',
      'lending/api.py': 'def pull():\n    auth = ("acme_fin_uat", "TucgxSaopjSE")\n    return auth\n',
      'lending/fixtures/razorpay_settings.json': `[{"doctype": "Razorpay Settings", "api_secret": "${fake(ALNUM, 24)}"}]\n`,
      'tests/fixtures/login.json': `{"password": "${fake(ALNUM, 16)}"}\n`,
    });
    expect(found).toEqual([
      'cncrc.json:2:14 secret-in-mounted-file •••• (29 chars)',
      'cncrc.json:5:50 secret-in-mounted-file •••• (17 chars)',
      'compose.yaml:7:27 secret-in-environment •••• (20 chars)',
      'compose.yaml:8:30 secret-in-environment •••• (9 chars)',
      'compose.yaml:9:29 secret-in-environment •••• (9 chars)',
      'compose.yaml:11:21 secret-in-environment •••• (29 chars)',
      'compose.yaml:12:72 hardcoded-credential •••• (32 chars)',
      'lending/api.py:2:30 secret-in-project-file •••• (12 chars)',
      'lending/fixtures/razorpay_settings.json:1:50 secret-in-project-file •••• (24 chars)',
      'lib/ProductOpener/Config2.pm:4:56 secret-in-project-file •••• (24 chars)',
      'lib/ProductOpener/Config2.pm:5:22 secret-in-project-file •••• (64 chars)',
      'rocrail.ini:3:45 secret-in-mounted-file •••• (6 chars)',
    ]);
  });
});

describe('sets CA and CB: IPTV playlists, game servers, xTeVe users, seed scripts, line continuations, CSV states', () => {
  it("an M3U URL's password in a README, a GSLT, a seed script's password, a secret piped after `|| \\`, a CSV's token, a Node-RED header's value, a Dockerfile comment's login and a Markdown table's password are found; a CurveZMQ server key, xTeVe's salted hashes, a UUID after a token's word, a CSV row's state, a placeholder query, another header and code's lookup are not", async () => {
    const upperHex = '0123456789ABCDEF';
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  xteve:',
        '    image: x/xteve:2',
        '    volumes:',
        '      - ./xteve:/root/.xteve',
        '      - ./cs2/server.cfg:/home/steam/cs2/game/csgo/cfg/server.cfg',
        '      - ./node-red:/data',
        '      - ./agents:/opt/agents',
        '    environment:',
        `      VOLTTRON_CENTRAL_SERVERKEY: ${fake(B64URL, 43)}`,
        '',
      ].join('\n'),
      'xteve/authentication.json': `{"hash": "sha256", "users": {"id-1": {"_id": "id-1", "_password": "${fake(B64, 43)}=", "_salt": "${fake(ALNUM, 32)}"}}}\n`,
      'cs2/server.cfg': `hostname "LAN"\nsv_setsteamaccount "${fake(upperHex, 32)}" // GSLT\n`,
      'README.md': [
        '# IPTV',
        '',
        `Playlist: http://line.example.net:8080/get.php?username=kh4471902&password=ktj4${fake(LOWER_ALNUM, 6)}&type=m3u_plus`,
        '',
        'Template: http://line.example.net/get.php?username=USER&password=changeme1&type=m3u_plus',
        '',
        `Postmark: server "panel", token \`${fake(HEX, 8)}-${fake(HEX, 4)}-4${fake(HEX, 3)}-9${fake(HEX, 3)}-${fake(HEX, 12)}\`.`,
        '',
      ].join('\n'),
      'bootstrap/seed_accounts.py': `ACCOUNTS = [\n    {"username": "kovac_m", "password": "TLPdEF3f9yDE", "max_streams": 2},\n]\n`,
      'deploy/deploy.sh': `#!/bin/sh\ndocker secret inspect xteve_pw >/dev/null 2>&1 || \\\n  printf '%s' '4tlQ${fake(ALNUM, 10)}' | docker secret create xteve_pw -\n`,
      'feeder/devices.csv': `device_id,school,device_token\n16549,Escola,${fake(HEX, 24)}\n16550,Institut,pending\n`,
      'node-red/flows.json': `[{"id": "a6", "type": "http request", "headers": [{"keyValue": "X-Api-Key", "valueValue": "${fake(ALNUM, 40)}"}, {"keyValue": "Accept", "valueValue": "application/json"}]}]\n`,
      Dockerfile: 'FROM python:3.11\n# vc admin for first boot: admin / Boiler1995!\n# see the password reset docs\nRUN pip install volttron\n',
      'docs/firmware.md': '# Firmware\n\n| Setting | Value |\n|---|---|\n| User | airrohr |\n| Password | cA8qHlvNkvTHfa |\n| Password | see the vault |\n',
      'agents/publisher/agent.py':
        'class Agent:\n    def __init__(self, cfg):\n        self.auth = (cfg["sta_user"], os.environ.get("STA_PASSWORD", cfg["sta_password"]))\n',
    });
    expect(found).toEqual([
      'Dockerfile:2:36 secret-in-project-file •••• (10 chars)',
      'README.md:3:76 secret-in-project-file •••• (10 chars)',
      'bootstrap/seed_accounts.py:2:42 secret-in-project-file •••• (12 chars)',
      'cs2/server.cfg:2:21 secret-in-mounted-file •••• (32 chars)',
      'deploy/deploy.sh:3:16 secret-in-project-file •••• (14 chars)',
      'docs/firmware.md:6:14 secret-in-project-file •••• (14 chars)',
      'feeder/devices.csv:2:14 secret-in-project-file •••• (24 chars)',
      'node-red/flows.json:1:91 secret-in-mounted-file •••• (40 chars)',
    ]);
  });
});

describe("detect34: a list of values under a secret's name; a setting that holds a command line", () => {
  it("Netdisco's `snmp_auth: [{community: …}]` and a list of communities are SNMP's passwords; a list of secrets' names is not; fail2ban's `actionban = curl -u …` and a unit's `ExecStart=mysqldump -p…` are command lines, an `actionban` of iptables words is not", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  netdisco:',
        '    image: netdisco/netdisco:latest-backend',
        '    volumes:',
        '      - ./netdisco/deployment.yml:/home/netdisco/environments/deployment.yml:ro',
        '      - ./fail2ban:/etc/fail2ban/action.d:ro',
        '      - ./units:/etc/systemd/system:ro',
        '',
      ].join('\n'),
      'netdisco/deployment.yml': [
        'snmp_auth:',
        "  - tag: 'default_v2_readonly'",
        `    community: 'lq${fake(LOWER_ALNUM, 4)}p8010vgg'`,
        '  - tag: core',
        `    community: ['Kq7${fake(ALNUM, 9)}', 'Zt4${fake(ALNUM, 9)}']`,
        'masking:',
        '  secrets: [db_password, api_token]',
        "  tags: ['core', 'edge']",
        '',
      ].join('\n'),
      'fail2ban/maltrail.conf': [
        '[Definition]',
        `actionban = curl -fsS -u socadmin:Kp2${fake(ALNUM, 12)} "https://maltrail.example.net/fail2ban" > /var/lib/fail2ban/ips`,
        'actionunban = iptables -D f2b-<name> -s <ip> -j <blocktype>',
        '',
      ].join('\n'),
      'units/backup.service': ['[Service]', `ExecStart=/usr/bin/mysqldump -u root -pWq7${fake(ALNUM, 12)} --all-databases`, ''].join('\n'),
    });
    expect(found).toEqual([
      'fail2ban/maltrail.conf:2:35 secret-in-mounted-file •••• (15 chars)',
      'netdisco/deployment.yml:3:16 secret-in-mounted-file •••• (14 chars)',
      'netdisco/deployment.yml:5:17 secret-in-mounted-file •••• (12 chars)',
      'netdisco/deployment.yml:5:33 secret-in-mounted-file •••• (12 chars)',
      'units/backup.service:2:40 secret-in-mounted-file •••• (15 chars)',
    ]);
  });
});

describe('detect34: build steps, seed scripts and stores that hold a credential; values that only look like one', () => {
  it("a Dockerfile's RUN with a private index's user and password, a seed script's create_superuser, a multi-line new PDO, an FTP image's `USERS` entries, a header's value alone, Maven wrapper settings, a Terraform state backup, a users table filled without columns and a settings table's keystr/valstr are read", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  app:',
        '    build: .',
        '    volumes:',
        '      - ./docker/entrypoint.sh:/entrypoint.sh:ro',
        '      - ./sql:/docker-entrypoint-initdb.d:ro',
        '      - ./legacy:/srv/legacy:ro',
        '    environment:',
        `      UPSTREAM_AUTH_HEADER: Basic d2Vi${fake(ALNUM, 20)}Q9z`,
        `      TWITCH_CHAT_OAUTH: "oauth:5n${fake(LOWER_ALNUM, 28)}"`,
        '      ALLOWED_USERS: "alice|bob|carol"',
        '  ftp:',
        '    image: delfer/alpine-ftp-server',
        '    environment:',
        `      USERS: "logger|Kq9${fake(ALNUM, 11)}|/ftp/logger|10000 viewer|Zt4${fake(ALNUM, 9)}|/ftp/viewer|10001"`,
        '',
      ].join('\n'),
      Dockerfile: [
        'FROM python:3.12',
        `RUN pip install --no-cache-dir --extra-index-url https://deploy:Wx7${fake(ALNUM, 20)}@pypi.example.net/simple -r requirements.txt`,
        'RUN mysql -uroot -proot -e "select 1"',
        '',
      ].join('\n'),
      'docker/entrypoint.sh': [
        '#!/bin/bash',
        'set -e',
        `python manage.py shell -c "from django.contrib.auth.models import User; User.objects.create_superuser('bkadmin', 'it@example.org', 'B+Mf!tjZ4h@KJN')"`,
        '',
      ].join('\n'),
      'legacy/import.php': [
        '<?php',
        '$legacy = new PDO(',
        "    'mysql:host=old-db;dbname=joomla',",
        "    'reader',",
        `    'AgOV${fake(ALNUM, 4)}9jqp'`,
        ');',
        '',
      ].join('\n'),
      'sql/10-users.sql': [
        `INSERT INTO "USERS" VALUES ('admin', 'Or7${fake(ALNUM, 12)}_Ni');`,
        "INSERT INTO \"USERS\" VALUES ('read', 'read');",
        `INSERT INTO cc_pref (subjid, keystr, valstr) VALUES (NULL, 'tunein_partner_key', 'jY9${fake(ALNUM, 21)}');`,
        "INSERT INTO cc_pref (subjid, keystr, valstr) VALUES (NULL, 'station_name', 'KFMR');",
        '',
      ].join('\n'),
      '.mvn/settings.xml': `<settings><servers><server><id>github</id><username>ci</username><password>ghp_${fake(ALNUM, 36)}</password></server></servers></settings>\n`,
      'terraform/terraform.tfstate.backup': `{"resources": [{"type": "aws_db_instance", "instances": [{"attributes": {"username": "archive", "password": "IB9+${fake(ALNUM, 16)}"}}]}]}\n`,
    });
    expect(found).toEqual([
      '.mvn/settings.xml:1:76 secret-in-project-file •••• (40 chars)',
      'Dockerfile:2:65 secret-in-project-file •••• (23 chars)',
      'compose.yaml:9:35 secret-in-environment •••• (27 chars)',
      'compose.yaml:10:33 secret-in-environment •••• (30 chars)',
      'compose.yaml:15:22 secret-in-environment •••• (14 chars)',
      'compose.yaml:15:62 secret-in-environment •••• (12 chars)',
      'docker/entrypoint.sh:3:133 secret-in-mounted-file •••• (14 chars)',
      'legacy/import.php:5:6 secret-in-mounted-file •••• (12 chars)',
      'sql/10-users.sql:1:39 secret-in-mounted-file •••• (18 chars)',
      'sql/10-users.sql:3:83 secret-in-mounted-file •••• (24 chars)',
      'terraform/terraform.tfstate.backup:1:110 secret-in-project-file •••• (20 chars)',
    ]);
  });

  it("binkd's `node ADDRESS … HOST PASSWORD` gives the session password (not `-`); Liquidsoap's `password=source_pass` in a call over several lines is a variable", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  bbs:',
        '    image: example/bbs',
        '    volumes:',
        '      - ./binkd:/etc/binkd:ro',
        '      - ./radio:/etc/liquidsoap:ro',
        '',
      ].join('\n'),
      'binkd/binkd.conf': [
        'domain fsxnet /var/spool/ftn/outbound 21',
        `node 21:1/100@fsxnet -md hub.example.nz:24556 Pu7${fake(ALNUM, 7)} c`,
        'node 21:1/101@fsxnet * -',
        '',
      ].join('\n'),
      'radio/radio.liq': [
        'source_pass = getenv("ICECAST_SOURCE_PASSWORD")',
        'output.icecast(%mp3(bitrate=128),',
        '  host="icecast", port=8000, password=source_pass,',
        '  mount="live", radio)',
        '',
      ].join('\n'),
    });
    expect(found).toEqual(['binkd/binkd.conf:2:47 secret-in-mounted-file •••• (10 chars)']);
  });

  it("a signal filter's `highpass`/`lowpass`, `n/a` for a disabled module's secret, a DynamoDB `range_key`, ENiGMA½'s `@environment:NAME`, a `|SHA256|` digest and a Twitch placeholder are no secrets", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  app:',
        '    image: example/app',
        '    volumes:',
        '      - ./conf:/etc/app:ro',
        '    environment:',
        '      TWITCH_OAUTH: "oauth:yourtwitchoauthtokengoeshere"',
        '',
      ].join('\n'),
      'conf/settings.json': '{"filter": {"highpass": 0.8, "lowpass": 9}, "twitter": {"api_secret": "n/a", "access_token": "N/A"}}\n',
      'conf/config.hjson': `{ email: { auth: { user: "postmaster@example.org", pass: "@environment:MAILGUN_API_KEY" } } }\n`,
      'conf/seed.sql': `INSERT INTO CMCHAR (CMUSERID, CMPASS) VALUES ('Archon', '|SHA256|${fake(B64, 43)}=');\n`,
      'terraform/dynamodb.tf': ['resource "aws_dynamodb_table" "runs" {', '  hash_key  = "pk"', '  range_key = "game#category"', '}', ''].join('\n'),
    });
    expect(found).toEqual([]);
  });
});

describe('a word or a phrase in base64', () => {
  it("is a documentation's stand-in behind a prefix; a generated secret behind the same prefix is not", async () => {
    const text = service([
      '# GOTRUE_HOOK_SEND_SMS_SECRETS: "v1,whsec_VGhpcyBpcyBhbiBleGFtcGxlIG9mIGEgc2hvcnRlciBCYXNlNjQgc3RyaW5n"',
      '# DMS_TOKEN: DMS_YWNjZXNzX3Rva2Vu',
      `GOTRUE_HOOK_MFA_VERIFICATION_ATTEMPT_SECRETS: "v1,whsec_${fake(B64, 43)}="`,
    ]);
    expect(await findings(text)).toEqual(['7:53 secret-in-environment']);
  });
});

describe('sets CG, CH, CI and CJ: words from smaller alphabets, remarks, camel-cased names, build files, Sanctum', () => {
  const NO_VOWELS = 'bcdfghjkmnpqrstvwxz';
  it("a password stated in a remark may be lower case and digits, or letters alone; a cipher's name, a word and its number or a digest is not", async () => {
    const lowerDigits = `${fake(NO_VOWELS, 3)}4${fake(NO_VOWELS, 3)}7${fake(NO_VOWELS, 2)}`;
    const found = await findings(
      service([
        'A: "1"',
        `# old admin password: ${lowerDigits}`,
        '# the relay password: chacha20poly1305',
        '# initial password is welcome123',
        `# release checksum of the binary we pin: ${fake(HEX, 64)}`,
      ]),
    );
    expect(found).toEqual(['6:29 hardcoded-credential']);
  });

  it('a known format in a remark of any words is found; a shell substring of a variable is no default', async () => {
    const hook = `https://hooks.slack.com/services/T${fake(UPPER_ALNUM, 8)}/B${fake(UPPER_ALNUM, 10)}/${fake(ALNUM, 24)}`;
    const text = [
      'services:',
      '  app:',
      '    image: example/app',
      `    # old alert hook, replaced by the Discord one: ${hook}`,
      '    command: ["/bin/sh", "-c", "echo using token $${TOKEN_CAM1:0:4}... && exec /usr/local/bin/upload.sh"]',
      '',
    ].join('\n');
    expect(await findings(text)).toEqual(['4:52 hardcoded-credential']);
  });

  it("express-basic-auth's users, sbt's Credentials, an ERB fallback block and a camel-cased PHP auth are found; Sanctum's token digests are not", async () => {
    const found = await projectFindings({
      'compose.yaml': ['services:', '  app:', '    image: example/app', '    volumes:', '      - ./app:/srv/app:ro', ''].join('\n'),
      'app/index.js': [`app.use('/speaker', basicAuth({ users: { speaker: 'U_${fake(ALNUM, 6)}*7q' }, challenge: true }));`, ''].join('\n'),
      'build.sbt': [`credentials += Credentials("Nexus", "nexus.example.org", "sbt-ci", "Zp${fake(ALNUM, 10)}^s+")`, ''].join('\n'),
      'app/database.yml': ['production:', `  password: <%= ENV.fetch("DATABASE_PASSWORD") { "${fake(ALNUM, 20)}" } %>`, ''].join('\n'),
      'app/config.php': ['<?php', `$httpProxyAuth = 'svc-proxy:${fake(ALNUM, 12)}4';`, "$useProxyAuth = 'none';", ''].join('\n'),
      'app/seed.sql': [
        'INSERT INTO personal_access_tokens (tokenable_type, tokenable_id, name, token) VALUES',
        `  ('App\\\\Models\\\\User', 1, 'zapier', '${fake(HEX, 64)}');`,
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      'app/config.php:2:29 secret-in-mounted-file',
      'app/database.yml:2:51 secret-in-mounted-file',
      'app/index.js:1:52 secret-in-mounted-file',
      'build.sbt:1:69 secret-in-project-file',
    ]);
  });

  it("Flickr's key beside its shared secret and Twitter's consumer key name the app; restful_authentication's site key, PyBossa's ITSDANGEROUSKEY, an astrometry.net key and a Pushover token are secrets", async () => {
    const found = await projectFindings({
      'compose.yaml': ['services:', '  app:', '    image: example/app', '    volumes:', '      - ./config:/srv/config:ro', ''].join('\n'),
      'config/config.yml': [
        'flickr:',
        `  key: ${fake(HEX, 32)}`,
        `  shared_secret: ${fake(HEX, 16)}`,
        'rest_auth:',
        `  REST_AUTH_SITE_KEY: '${fake(HEX, 40)}'`,
        'astrometry:',
        `  api_key: ${fake(NO_VOWELS, 16)}`,
        '',
      ].join('\n'),
      'config/settings_local.py': [
        `TWITTER_CONSUMER_KEY = '${fake(ALNUM, 25)}'`,
        "TWITTER_CONSUMER_SECRET = os.environ.get('TWITTER_CONSUMER_SECRET')",
        `ITSDANGEROUSKEY = '${fake(ALNUM, 32)}'`,
        `PUSHOVER_APP_TOKEN = "${fake(NO_VOWELS, 4)}192${fake(NO_VOWELS, 6)}69${fake(NO_VOWELS, 8)}08${fake(NO_VOWELS, 5)}4${fake(NO_VOWELS, 3)}"`,
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      'config/config.yml:3:18 secret-in-mounted-file',
      'config/config.yml:5:24 secret-in-mounted-file',
      'config/config.yml:7:12 secret-in-mounted-file',
      'config/settings_local.py:3:20 secret-in-mounted-file',
      'config/settings_local.py:4:23 secret-in-mounted-file',
    ]);
  });

  it("node-config's config/default.json is the configuration every environment starts from; a sample beside it is not read", async () => {
    const found = await projectFindings({
      'compose.yaml': ['services:', '  app:', '    build: .', ''].join('\n'),
      'config/default.json': ['{', `  "db": { "password": "Zq${fake(ALNUM, 10)}4" }`, '}', ''].join('\n'),
      'config/default.sample.json': ['{', `  "db": { "password": "Zq${fake(ALNUM, 10)}5" }`, '}', ''].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['config/default.json:2:24 secret-in-project-file']);
  });

  it("a YAML list's item commented out whole is read as the command it was; letters alone as a generator writes them are a password's shape", async () => {
    const found = await projectFindings({
      'compose.yaml': ['services:', '  app:', '    image: example/app', ''].join('\n'),
      '.gitlab-ci.yml': ['deploy:', '  script:', `    # - docker login -u ci -p ${fake(ALNUM, 14)}7 registry.gitlab.com`, ''].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['.gitlab-ci.yml:3:31 hardcoded-credential']);
    expect(await findings(config(['<?php', `$config['snmp']['community'] = array("GhIeInVSiLXcbQ", "public");`]))).toEqual(['9:45 hardcoded-credential']);
  });
});

describe('sets CK, CL, CM and CN (tuned halves): pipelines, game servers, documents and secrets written twice', () => {
  it("a Jenkinsfile's shell steps are command lines; a pipeline's credentials from variables are not", async () => {
    const found = await projectFindings({
      'compose.yaml': ['services:', '  app:', '    image: example/app', ''].join('\n'),
      Jenkinsfile: [
        'pipeline {',
        '  agent any',
        '  stages {',
        "    stage('push') {",
        '      steps {',
        `        sh 'docker login harbor.example.org -u robot -p ${fake(ALNUM, 30)}4x'`,
        "        sh '''",
        `          curl -u deploy:Xk9${fake(ALNUM, 12)}7 https://hooks.example.org/deploy`,
        "        '''",
        '        sh "docker login -u ${HARBOR_USER} -p ${HARBOR_PASSWORD} harbor.example.org"',
        '      }',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      'Jenkinsfile:6:57 secret-in-project-file',
      'Jenkinsfile:8:26 secret-in-project-file',
    ]);
  });

  it("a .env's `null` is no value: the compose file's bare entry is given at run time", async () => {
    const found = await projectFindings({
      'compose.yaml': ['services:', '  app:', '    image: example/app', '    environment:', '      MAIL_PASSWORD:', '      MAIL_HOST:', ''].join('\n'),
      '.env': ['MAIL_PASSWORD=null', 'MAIL_HOST=mailpit', ''].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['compose.yaml:5:7 secret-via-environment']);
  });

  it("SteamCMD's logins are passwords: on its command line, commented out, and in its script; an anonymous login is not", async () => {
    const found = await projectFindings({
      'compose.yaml': ['services:', '  game:', '    image: example/amp', '    volumes:', '      - ./steam:/home/amp/steam', ''].join('\n'),
      'scripts/update.sh': [
        '#!/bin/sh',
        `steamcmd +login lanforge_srv ${fake(ALNUM, 14)}.d8 +app_update 896660 +quit`,
        'steamcmd +login anonymous +app_update 896660 +quit',
        `# steamcmd +login lanforge_srv Cd~${fake(ALNUM, 12)} +app_update 896660 +quit`,
        '',
      ].join('\n'),
      'steam/update.txt': [
        '@ShutdownOnFailedCommand 1',
        'force_install_dir /home/amp/steam/rust',
        `login lanforge_srv Kh!!.${fake(ALNUM, 10)}#8`,
        'app_update 258550 validate',
        'quit',
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      'scripts/update.sh:2:30 secret-in-project-file',
      'scripts/update.sh:4:32 hardcoded-credential',
      'steam/update.txt:3:20 secret-in-mounted-file',
    ]);
  });

  it("Valve's KeyValues, a password starting with `!`, a quoted password with a `=`, a GSLT and a game server's settings seven levels down are found", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  game:',
        '    image: example/amp',
        '    volumes:',
        '      - ./data:/home/amp/.ampdata',
        '      - ./rabbitmq.conf:/etc/rabbitmq/rabbitmq.conf:ro',
        '',
      ].join('\n'),
      'data/sourcemod/databases.cfg': [
        '"Databases"',
        '{',
        '\t"default"',
        '\t{',
        '\t\t"user"\t\t\t"sm"',
        `\t\t"pass"\t\t\t"${fake(ALNUM, 20)}"`,
        '\t}',
        '}',
        '',
      ].join('\n'),
      'data/instances/Pal01/Pal/Saved/Config/LinuxServer/Server/PalWorldSettings.ini': [
        '[/Script/Pal.PalGameWorldSettings]',
        `OptionSettings=(Difficulty=None,ServerName="Nordhall",AdminPassword="9C${fake(ALNUM, 12)}",PublicPort=8211)`,
        '',
      ].join('\n'),
      'rabbitmq.conf': ['default_user = sync', `default_pass = !goR1_${fake(ALNUM, 12)}=-d`, ''].join('\n'),
      'terraform/prod.tfvars': [`db_password = "m=_L5${fake(ALNUM, 14)}"`, ''].join('\n'),
      '.env': [`GSLT_TF2_1=${fake(HEX, 32).toUpperCase()}`, ''].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      '.env:1:12 secret-in-project-file',
      'data/instances/Pal01/Pal/Saved/Config/LinuxServer/Server/PalWorldSettings.ini:2:70 secret-in-mounted-file',
      'data/sourcemod/databases.cfg:6:13 secret-in-mounted-file',
      'rabbitmq.conf:2:16 secret-in-mounted-file',
      'terraform/prod.tfvars:1:16 secret-in-project-file',
    ]);
  });

  it('a document restates a login the project runs with, and a URL password or a vendor-prefixed key in its prose; a generated secret found elsewhere is found where it is written again', async () => {
    const key = fake(HEX, 32);
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  mq:',
        '    image: rabbitmq:3-management',
        '    environment:',
        '      RABBITMQ_DEFAULT_USER: guest',
        '      RABBITMQ_DEFAULT_PASS: guest',
        '  tiles:',
        '    image: example/mapproxy',
        '    env_file: .env',
        '    volumes:',
        '      - ./mapproxy:/mapproxy:ro',
        '',
      ].join('\n'),
      '.env': [`SKYVECTOR_TILE_KEY=${key}`, ''].join('\n'),
      'mapproxy/mapproxy.yaml': ['sources:', '  vfr:', '    type: tile', `    url: https://t.skyvector.example/${key}/vfr/%(tms_path)s.jpg`, ''].join('\n'),
      'README.md': [
        '# Ops',
        '',
        'Management UI: http://localhost:15672 (guest / guest).',
        `Metabase admin: coach@example.org / \`Snatch@${fake(DIGITS, 4)}x\` (change after first login)`,
        `Old setup note: AMP was at http://hostadmin:y2RKh-WV~${fake(ALNUM, 8)}@10.0.0.20:8080`,
        `Old key (rotated 2025-11): \`zp_${fake(HEX, 32)}\``,
        'Connect with http://user:password@localhost:8080 and admin / changeme.',
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      '.env:1:20 secret-in-env-file',
      'README.md:3:48 secret-in-project-file',
      'README.md:4:38 secret-in-project-file',
      'README.md:5:45 secret-in-project-file',
      'README.md:6:29 secret-in-project-file',
      'compose.yaml:6:30 secret-in-environment',
      'mapproxy/mapproxy.yaml:4:38 secret-in-mounted-file',
    ]);
  });

  it("a config's YAML content is read by its key paths (PagerDuty's routing key); a routing key elsewhere is AMQP's", async () => {
    expect(
      await findings(
        config(['receivers:', '  - name: ops', '    pagerduty_configs:', `      - routing_key: ${fake(HEX, 32)}`, 'amqp:', '  routing_key: orders.created']),
      ),
    ).toEqual(['11:28 hardcoded-credential']);
  });

  it("source code's commented command, django-environ's default; an OAuth consumer key beside its secret read from the environment, and a secret store's path, are not secrets", async () => {
    const found = await projectFindings({
      'compose.yaml': ['services:', '  app:', '    build: .', ''].join('\n'),
      'app/sync.py': [
        'import os',
        `# manual testing: curl -H "Authorization: ${fake(HEX, 64)}" -H "SiteId: 417290" https://api.example.org/v6`,
        '# curl -u admin:$PASSWORD https://api.example.org/v6',
        '',
      ].join('\n'),
      'app/settings/production.py': [
        'import environ',
        'env = environ.Env()',
        `SECRET_KEY = env("DJANGO_SECRET_KEY", default="${fake(ALNUM, 40)}")`,
        'DEBUG = env.bool("DJANGO_DEBUG", default=False)',
        `GARMIN_CONSUMER_KEY = "${fake(HEX, 8)}-${fake(HEX, 4)}-4${fake(HEX, 3)}-a${fake(HEX, 3)}-${fake(HEX, 12)}"`,
        'GARMIN_CONSUMER_SECRET = os.environ.get("GARMIN_CONSUMER_SECRET")',
        '',
      ].join('\n'),
      'deploy/deploy.sh': [
        '#!/usr/bin/env bash',
        'create_secret influx_admin_password energy/influx-admin-password',
        'create_secret grafana_oauth_secret energy/grafana-oauth-client-secret',
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      'app/settings/production.py:3:48 secret-in-project-file',
      'app/sync.py:2:43 secret-in-project-file',
    ]);
  });
});

describe('sets CO to CT (their tuned halves)', () => {
  it("a Go conversion's literal, a function named for a secret returning one, an Odoo parameter record, a migration's SQL seed, a hyphenated setting's value, a Rake task's commented command, OpenWeather's appid and a setting named by its INI section; a cloud key's resource name is not a secret", async () => {
    const found = await projectFindings({
      'compose.yaml': ['services:', '  app:', '    build: .', ''].join('\n'),
      'cmd/bot/main.go': [
        'package main',
        '',
        `var webhookSecret = []byte("${fake(ALNUM, 32)}")`,
        'var greeting = []byte("hello, world")',
        '',
        'func clientSecret() string {',
        '\tif s := os.Getenv("CLIENT_SECRET"); s != "" {',
        '\t\treturn s',
        '\t}',
        `\treturn "${fake(ALNUM, 40)}"`,
        '}',
        '',
        'func secretName() string {',
        '\treturn "ledger-client-secret"',
        '}',
        '',
      ].join('\n'),
      'addons/sync/data/ir_config_parameter.xml': [
        '<odoo>',
        '  <record id="param_base" model="ir.config_parameter">',
        '    <field name="key">sync.api_base</field>',
        '    <field name="value">https://api.example.org/v1</field>',
        '  </record>',
        '  <record id="param_token" model="ir.config_parameter">',
        '    <field name="key">sync.api_token</field>',
        `    <field name="value">${fake(HEX, 40)}</field>`,
        '  </record>',
        '</odoo>',
        '',
      ].join('\n'),
      'migrations/0002_seed.sql': ['INSERT INTO api_client (name, api_key, created_at) VALUES', `  ('partner-portal', '${fake(HEX, 48)}', NOW());`, ''].join(
        '\n',
      ),
      'migrations/0001_initial.py': ['from django.db import migrations', `DEFAULT_TOKEN = "${fake(ALNUM, 40)}"`, ''].join('\n'),
      '.env.production': ['VISION_KMS_KEY=projects/ocr/locations/global/keyRings/ocr/cryptoKeys/pages', 'KMS_KEY_ALIAS=alias/app-data', ''].join('\n'),
      'scripts/enable-webservices.sh': [
        '#!/bin/sh',
        `docker compose exec papercut server-command set-config auth.webservices.auth-token "${fake(ALNUM, 24)}"`,
        'docker compose exec papercut server-command set-config auth.webservices.allowed-addresses "10.0.0.0/8"',
        '',
      ].join('\n'),
      'lib/tasks/sync.rake': [
        'namespace :sync do',
        `  # curl -H "Authorization: Token token=${fake(ALNUM, 40)}" https://api.example.org/v2/depletions`,
        'end',
        '',
      ].join('\n'),
      'config/alerts.toml': [
        '[pagerduty]',
        `routing_key = "${fake(HEX, 32)}"`,
        '[amqp]',
        'routing_key = "orders.created"',
        '[cache]',
        'key = "sessions"',
        '[main]',
        'auth = DB2',
        '[pagerduty]',
        '[TG#2401]',
        `routing_key = "${fake(HEX, 32)}"`,
        '',
      ].join('\n'),
      'scripts/weather.sh': [
        '#!/bin/sh',
        `curl -fsS "https://api.openweathermap.org/data/3.0/onecall?lat=$LAT&lon=$LON&appid=${fake(HEX, 32)}"`,
        'curl -fsS "https://api.example.org/apps?appid=42"',
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      'addons/sync/data/ir_config_parameter.xml:8:25 secret-in-project-file',
      'cmd/bot/main.go:3:29 secret-in-project-file',
      'cmd/bot/main.go:10:10 secret-in-project-file',
      'config/alerts.toml:2:16 secret-in-project-file',
      'lib/tasks/sync.rake:2:41 secret-in-project-file',
      'migrations/0002_seed.sql:2:23 secret-in-project-file',
      'scripts/enable-webservices.sh:2:85 secret-in-project-file',
      'scripts/weather.sh:2:84 secret-in-project-file',
    ]);
  });

  it("an env_file's bare name passes the variable through from the shell; GeneWeb's `-wizard NAME:PASSWORD` is the password after the colon; PostHog's API key is its public project key", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  ingest:',
        '    image: example/ingest',
        '    env_file:',
        '      - ./ingest.env',
        '    environment:',
        '      POSTHOG_API_KEY: ${POSTHOG_API_KEY:-}',
        '      POSTHOG_PERSONAL_API_KEY: ${POSTHOG_PERSONAL_API_KEY:-}',
        '  geneweb:',
        '    image: example/geneweb',
        '    command: gwd -p 2317 -wizard ${GW_WIZARD_USER}:${GW_WIZARD_PASSWORD} -friend guest:${GW_FRIEND_PASSWORD}',
        '',
      ].join('\n'),
      'ingest.env': ['# secrets come from the host', 'AWS_SECRET_ACCESS_KEY', 'INVOICE_PREFIX=invoices/', 'REGION', ''].join('\n'),
      '.env': ['GW_WIZARD_USER=jdubois', `GW_WIZARD_PASSWORD=${fake(ALNUM, 16)}`, 'GW_FRIEND_PASSWORD=cousins', ''].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      '.env:2:20 secret-in-env-file',
      '.env:3:20 secret-in-env-file',
      'compose.yaml:8:7 secret-via-environment',
      'ingest.env:2:1 secret-via-environment',
    ]);
  });
  it("a placeholder in an XML comment's sentence is an example; a value written down there, one commented out on its own line, and a set one are read", async () => {
    expect(
      await findings(
        config([
          '<clickhouse><users><default>',
          '  <!-- Password could be given in plain text or as SHA256.',
          '       Example: <password>qwerty</password>.',
          '  -->',
          `  <!-- test account: <password>${fake(ALNUM, 12)}</password> -->`,
          `  <!-- <password>${fake(ALNUM, 14)}</password> -->`,
          `  <password>${fake(ALNUM, 12)}</password>`,
          '</default></users></clickhouse>',
        ]),
      ),
    ).toEqual(['12:38 hardcoded-credential', '13:24 hardcoded-credential', '14:19 hardcoded-credential']);
  });
});

describe('detect38: placeholders for credentials a provider issues; prices and switched-off defaults', () => {
  it("a key base is the secret Rails derives its keys from, whatever qualifies it (GitLab's OTP_KEY_BASE), a phrase there too; a cache key's base is a setting", async () => {
    const text = service([
      '- GITLAB_SECRETS_OTP_KEY_BASE=long-and-random-alphanumeric-string',
      `- GITLAB_SECRETS_DB_KEY_BASE=${fake(ALNUM, 64)}`,
      '- CACHE_KEY_BASE=orders',
    ]);
    expect(await findings(text)).toEqual(['5:37 secret-in-environment', '6:36 secret-in-environment']);
  });
  it("a price per token is a number, a default that switches a key off (`invalid`) is no key: the variable is passed through; a key's default is reported", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  api:',
        '    image: example/mailer',
        '    environment:',
        '      - API_KEY=${API_KEY:-invalid}',
        '      - API_ALLOW_FROM=${API_ALLOW_FROM:-invalid}',
        `      - SIGNING_KEY=\${SIGNING_KEY:-${fake(ALNUM, 32)}}`,
        '  proxy:',
        '    image: example/llm-proxy',
        '    configs:',
        '      - source: models',
        '        target: /app/config.yaml',
        'configs:',
        '  models:',
        '    content: |',
        '      model_list:',
        '        - model_name: voyage',
        '          litellm_params:',
        '            api_key: "os.environ/VOYAGE_API_KEY"',
        '            input_cost_per_token: 0.00000012',
        '            output_cost_per_token: 0',
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      'compose.yaml:5:9 secret-via-environment',
      'compose.yaml:7:21 secret-in-environment',
    ]);
  });

  it("a provider's API key, OAuth client secret or bot token holding a placeholder authenticates nothing; a placeholder the stack chooses for itself, or for a service of the stack, is what it runs with", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  web:',
        '    image: example/studio',
        '    environment:',
        '      - BETTER_AUTH_SECRET=${BETTER_AUTH_SECRET:-your_auth_secret_here}',
        '      - RESEND_API_KEY=${RESEND_API_KEY:-your-resend-api-key}',
        '      - GOOGLE_CLIENT_SECRET=${GOOGLE_CLIENT_SECRET:-placeholder}',
        '      - SLACK_BOT_TOKEN=xoxb-your-token-here',
        '      - TYPESENSE_API_KEY=${TYPESENSE_API_KEY:-your-api-key}',
        '      - INTERNAL_API_TOKEN=changeme',
        '      - MAILGUN_API_KEY=key-' + fake(HEX, 32),
        '  search:',
        '    image: typesense/typesense:27.1',
        '    command: --api-key=${TYPESENSE_API_KEY:-your-api-key} --data-dir /data',
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      'compose.yaml:5:28 secret-in-environment',
      // the variable still passes the real credential in when it is set
      'compose.yaml:6:9 secret-via-environment',
      'compose.yaml:7:9 secret-via-environment',
      'compose.yaml:9:27 secret-in-environment',
      'compose.yaml:10:28 secret-in-environment',
      'compose.yaml:11:25 secret-in-environment',
      'compose.yaml:14:24 hardcoded-credential',
    ]);
  });
});

describe('sets CY and CZ (their tuned halves)', () => {
  it("a field encryption key, a generated django-insecure key of small letters and digits, a RADIUS clear-text password row, a PHP serialized option's password, printf's one argument piped into docker secret create and a login beside a users file are found", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  proxy:',
        '    image: traefik:v3.1',
        '    volumes:',
        '      - ./traefik:/etc/traefik:ro',
        '  app:',
        '    build: .',
        '',
      ].join('\n'),
      'vetrecords/settings/prod.py': [
        `FIELD_ENCRYPTION_KEY = "${fake(B64URL, 43)}="`,
        'LDAP_FIELD_PASSWORD = "userPassword"',
        `SECRET_KEY = "django-insecure-njrmemswi70u41m2gfdza1cghku93ircab3hx7eo1nvzldo06c"`,
        '',
      ].join('\n'),
      'migrations/0001_seed.sql': [
        `INSERT INTO radcheck (username, attribute, op, value) VALUES ('maint', 'Cleartext-Password', ':=', '${fake(ALNUM, 23)}');`,
        `INSERT INTO radcheck (username, attribute, op, value) VALUES ('ops', 'NT-Password', ':=', '${fake(HEX, 32).toUpperCase()}');`,
        `INSERT INTO wp_options (option_name, option_value) VALUES ('wp_mail_smtp', 'a:1:{s:4:"smtp";a:3:{s:4:"host";s:18:"smtp.office365.com";s:4:"pass";s:20:"${fake(ALNUM, 20)}";s:4:"auth";b:1;}}');`,
        '',
      ].join('\n'),
      'deploy.sh': [
        '#!/bin/sh',
        `printf '${fake(ALNUM, 10)}=${fake(ALNUM, 11)}' | docker secret create grafana_smtp_v3 -`,
        'printf \'deployed %s\\n\' "$TAG" > /tmp/last-deploy',
        '',
      ].join('\n'),
      'traefik/dynamic.yml': [
        'http:',
        '  middlewares:',
        '    admin-auth:',
        `      # before the usersfile: frontdesk / Pinecove${fake(DIGITS, 6)}`,
        '      basicAuth:',
        '        usersFile: /etc/traefik/usersfile',
        '',
      ].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      'deploy.sh:2:9 secret-in-project-file',
      'migrations/0001_seed.sql:1:101 secret-in-project-file',
      'migrations/0001_seed.sql:3:152 secret-in-project-file',
      'traefik/dynamic.yml:4:43 hardcoded-credential',
      'vetrecords/settings/prod.py:1:25 secret-in-project-file',
      'vetrecords/settings/prod.py:3:15 secret-in-project-file',
    ]);
  });
  it("WordPress's sample phrase, a test vector, a key's id, a PowerShell cmdlet, Laravel's password broker and a Redis stream's key are not secrets", async () => {
    const found = await projectFindings({
      'compose.yaml': [
        'services:',
        '  wordpress:',
        '    image: wordpress:6.6-apache',
        '    volumes:',
        '      - ./wp-config.php:/var/www/html/wp-config.php:ro',
        '  app:',
        '    build: .',
        '',
      ].join('\n'),
      'wp-config.php': [
        '<?php',
        `define( 'AUTH_KEY',         '${fake(ALNUM, 50)}' );`,
        "define( 'SECURE_AUTH_KEY',  'put your unique phrase here' );",
        '',
      ].join('\n'),
      'README.md': ['# Kiosk gateway', '', `Test vector: HMAC("key","The quick brown fox jumps over the lazy dog") = ${fake(HEX, 64)}`, ''].join('\n'),
      'docs/runbook.md': ['# Runbook', '', `3. Realm signing keys rotate every 90 days; \`kid\` of the current key: \`${fake(B64URL, 32)}\`.`, ''].join('\n'),
      'scripts/backup.ps1': [
        '$cred = New-Object System.Management.Automation.PSCredential ("sa", $saPassword)',
        'Backup-SqlDatabase -ServerInstance "db" -Database "LIMS" -Credential $cred',
        '',
      ].join('\n'),
      'config/auth.php': ['<?php', 'return [', "    'defaults' => ['guard' => 'web', 'passwords' => 'users'],", '];', ''].join('\n'),
      'src/config.js': ["module.exports = { redis: { url: process.env.REDIS_URL, streamKey: 'flash:events', keyPrefix: 'mgp:' } };", ''].join('\n'),
    });
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['wp-config.php:2:30 secret-in-mounted-file']);
  });
});

describe("a product's default login documented in a comment (corpus audit at f05d8228)", () => {
  it('is not reported under a note that calls it the default or built-in login; a password commented out elsewhere is', async () => {
    const password = fake(ALNUM, 14);
    const found = await projectFindings({
      'compose.yaml': [
        '# The default users credentials are:',
        '# Login: admin',
        '# Password: unleash4all',
        '# It is highly recommended to change the password after first login.',
        'services:',
        '  broker:',
        '    image: emqx/emqx:5.8',
        '    # The built-in login credentials are:',
        '    # - USERNAME: admin',
        '    # - PASSWORD: public',
        '  app:',
        '    image: example/app',
        '    environment:',
        '      APP_ENV: production',
        '      # the old database login, before the move:',
        '      # DB_USER: app',
        `      # DB_PASSWORD: ${password}`,
        '',
      ].join('\n'),
    });
    expect(found).toEqual(['compose.yaml:17:22 hardcoded-credential •••• (14 chars)']);
  });

  it('the same lines under a note that does not call them a default are reported, and so is an initial login', async () => {
    const password = fake(ALNUM, 14);
    const found = await projectFindings({
      'compose.yaml': [
        '# The users credentials are:',
        '# Login: admin',
        '# Password: unleash4all',
        '# initial admin login (chosen at the first start):',
        `# Password: ${password}`,
        'services:',
        '  app:',
        '    image: example/app',
        '',
      ].join('\n'),
    });
    expect(found).toEqual(['compose.yaml:3:13 hardcoded-credential •••• (11 chars)', 'compose.yaml:5:13 hardcoded-credential •••• (14 chars)']);
  });
});

describe("an OAuth consumer's key read from .env beside its consumer secret", () => {
  it('is the pair identifying half; OVH consumer key beside the application secret is a token of its own', async () => {
    const found = await projectFindings({
      '.env': [
        `TRIPLESEAT_CONSUMER_KEY=${fake(ALNUM, 40)}`,
        `TRIPLESEAT_CONSUMER_SECRET=${fake(ALNUM, 40)}`,
        `OVH_CONSUMER_KEY=${fake(ALNUM, 32)}`,
        `OVH_APPLICATION_SECRET=${fake(ALNUM, 32)}`,
        '',
      ].join('\n'),
      'compose.yaml': [
        'services:',
        '  router:',
        '    image: example/router',
        '    environment:',
        '      TRIPLESEAT_CONSUMER_KEY: ${TRIPLESEAT_CONSUMER_KEY}',
        '      TRIPLESEAT_CONSUMER_SECRET: ${TRIPLESEAT_CONSUMER_SECRET}',
        '  certbot:',
        '    image: example/certbot',
        '    environment:',
        '      OVH_CONSUMER_KEY: ${OVH_CONSUMER_KEY}',
        '      OVH_APPLICATION_SECRET: ${OVH_APPLICATION_SECRET}',
        '',
      ].join('\n'),
    });
    expect(found).toEqual([
      '.env:2:28 secret-in-env-file •••• (40 chars)',
      '.env:3:18 secret-in-env-file •••• (32 chars)',
      '.env:4:24 secret-in-env-file •••• (32 chars)',
    ]);
  });
});
