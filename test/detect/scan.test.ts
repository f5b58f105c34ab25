import { describe, expect, it } from 'vitest';
import { isPlaceholder } from '../../src/detect/placeholder.js';
import { findUrlCredentials, isVariableOnly, judgeSecretValue, scanValue } from '../../src/detect/scan.js';
import { ALNUM, BASE32, fake } from './fake.js';

/** The password parts findUrlCredentials reports, with their via-variable flag. */
function urlPasswords(text: string): [string, boolean][] {
  return findUrlCredentials(text).map((m) => [text.slice(m.start, m.end), m.viaVariable]);
}

describe('findUrlCredentials', () => {
  it.each([
    ['postgres://u:p@h/db', 'p'],
    ['postgresql://app:s3cr3t@db:5432/app?sslmode=disable', 's3cr3t'],
    ['redis://:pw@h:6379', 'pw'],
    ['redis://default:redispw@redis:6379/0', 'redispw'],
    ['amqp://guest:guest@rabbit', 'guest'],
    ['amqps://user:pass@mq.example.com:5671/vhost', 'pass'],
    ['mongodb+srv://u:p@c.x.net', 'p'],
    ['mongodb://root:example@mongo1:27017,mongo2:27017/admin?replicaSet=rs0', 'example'],
    ['mysql://root:r00t@127.0.0.1/db', 'r00t'],
    ['jdbc:postgresql://app:jdbcpw@db:5432/app', 'jdbcpw'],
    ['https://user:tok3n@git.example.com/org/repo.git', 'tok3n'],
    ['smtp://mailer:m4il@smtp.example.com:587', 'm4il'],
    ['ldap://cn=admin:ldappw@ldap', 'ldappw'],
    // an unescaped @ in the password: the authority ends at the last @ before the host
    ['postgres://app:p@ss@db:5432/app', 'p@ss'],
    // an @ in the query is no authority's; a ? in the password still ends at the host's @
    ['smtp://radio%40x.example:m4il@smtp.example.com:587/?from=radio@x.example&to=ops@x.example', 'm4il'],
    ['postgres://app:pa?ss@db/app', 'pa?ss'],
    ['http://[::1]:8080', undefined],
    ['postgres://app:pw@[::1]:5432/db', 'pw'],
  ])('%s → %s', (text, password) => {
    expect(urlPasswords(text)).toEqual(password === undefined ? [] : [[password, false]]);
  });

  it.each([
    'http://example.com',
    'https://example.com:8443/path',
    'git@github.com:x/y.git',
    'user@host',
    'ssh://git@github.com/x/y',
    'http://user:@host',
    'https://example.com/a:b@c',
    'https://example.com/?q=a:b@c',
    'mailto:someone@example.com',
    'postgres://postgres@db/app',
    'redis://redis:6379',
  ])('no password in %s', (text) => {
    expect(urlPasswords(text)).toEqual([]);
  });

  it.each([
    ['http://${USER}:${PASS}@h', '${PASS}'],
    ['postgresql://${POSTGRES_USER}:${POSTGRES_PASSWORD}@${DB_HOST}:${DB_PORT}/db', '${POSTGRES_PASSWORD}'],
    ['postgres://${POSTGRES_USER:-app}:${POSTGRES_PASSWORD}@db/app', '${POSTGRES_PASSWORD}'],
    ['redis://:$$REDIS_PASSWORD@redis:6379', '$$REDIS_PASSWORD'],
    ['redis://default:${REDIS_PASSWORD:-changeme}@redis:6379', '${REDIS_PASSWORD:-changeme}'],
    ['amqp://$RABBIT_USER:$RABBIT_PASS@rabbit', '$RABBIT_PASS'],
  ])('%s → %s via a variable', (text, password) => {
    expect(urlPasswords(text)).toEqual([[password, true]]);
  });

  it('a literal password next to variables is literal', () => {
    expect(urlPasswords('postgres://${DB_USER}:hunter2@${DB_HOST}/app')).toEqual([['hunter2', false]]);
  });

  it('finds every URL of a text, with offsets into the text', () => {
    const text = 'primary=postgres://a:one@db1/x replica="postgres://b:two@db2/x"';
    const found = findUrlCredentials(text);
    expect(found.map((m) => text.slice(m.start, m.end))).toEqual(['one', 'two']);
    expect(found[0]).toMatchObject({ patternId: 'url-credentials', description: 'password in a URL', start: 21, end: 24 });
  });
});

describe('judgeSecretValue', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ["''", 'empty'],
    ['""', 'empty'],
    ['null', 'empty'],
    ['None', 'empty'],
    ['true', 'boolean-like'],
    ['False', 'boolean-like'],
    ['yes', 'boolean-like'],
    ['off', 'boolean-like'],
    ['0', 'boolean-like'],
    ['1', 'boolean-like'],
    ['/run/secrets/db_password', 'reference'],
    ['os.environ/OPENAI_API_KEY', 'reference'],
    ['%env(DATABASE_PASSWORD)%', 'reference'],
    ['certs/es01/es01.key', 'reference'],
    ['$argon2id$v=19$m=65540,t=3,p=4$bXBGMENBZUVzT3VUSFErTzQ4Syt2eUlsaGFJZGxSRE5tRTBnUG5PNkxqMD0$HE2MMNmyObymUlWbQhVNCcCl0cjiXtEfkjdAa9RkCOo', 'hash'],
    ['$2y$10$abcdefghijklmnopqrstuuJ0l3X0vJ3KQ8Uq2kM6o3G0H9jv1Wg6K', 'hash'],
    ['$apr1$abcdefgh$ABCDEFGHIJKLMNOPQRSTU0', 'hash'],
    ['$mtpPa55word', 'literal'],
    ['/var/run/secrets/kubernetes.io/token', 'reference'],
    ['./secrets/postgres_password.txt', 'reference'],
    ['/etc/ssl/private/server.key', 'reference'],
    ['~/.ssh/id_ed25519', 'reference'],
    ['vault:secret/data/app#db_password', 'reference'],
    ['op://Private/db/password', 'reference'],
    ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf', 'reference'],
    ['projects/my-project/secrets/db-password/versions/latest', 'reference'],
    ['@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/db/)', 'reference'],
    ['{{ .Secrets.db }}', 'template'],
    ['$(cat /run/secrets/db_password)', 'code'],
    ['user_provided', 'reference'],
    ['hunter2', 'literal'],
    ['changeme', 'literal'],
    ['1234', 'literal'],
    ['p@ss/w0rd+x==', 'literal'],
    ['/Xy9', 'literal'],
    ['secret with spaces', 'literal'],
  ])('%j → %s', (value, verdict) => {
    expect(judgeSecretValue(value)).toBe(verdict);
  });
});

describe('isVariableOnly', () => {
  it.each([
    ['$VAR', true],
    ['${VAR}', true],
    ['${VAR:-default}', true],
    ['${VAR:?required}', true],
    ['$$VAR', true],
    ['$${VAR}', true],
    ['${USER}:${PASS}', true],
    ['"$$REDIS_PASSWORD"', true],
    ['pre${VAR}', false],
    ['${VAR}suffix', false],
    ['hunter2', false],
    ['$', false],
    ['$1', false],
  ])('%s → %s', (text, expected) => {
    expect(isVariableOnly(text)).toBe(expected);
  });
});

describe('scanValue', () => {
  it('returns non-overlapping matches in order, the more specific format winning', () => {
    const token = 'ghp_' + fake(ALNUM, 36);
    const key = 'AKIA' + fake(BASE32, 16);
    const text = `git clone https://bot:${token}@github.com/o/r && export AWS_ACCESS_KEY_ID=${key} DB=postgres://u:pw@db/x`;
    const found = scanValue(text);
    expect(found.map((m) => [m.patternId, text.slice(m.start, m.end)])).toEqual([
      ['github-pat', token],
      ['url-credentials', 'pw'],
    ]);
    // the access key id is an identifier: recognised (so nothing inside it is reported), not a secret
    expect(scanValue(text, true).map((m) => m.patternId)).toEqual(['github-pat', 'aws-access-key-id', 'url-credentials']);
  });

  it('does not report credentials passed through variables', () => {
    expect(scanValue('postgres://${U}:${P}@db/x password=${PW} Authorization: Bearer $TOKEN')).toEqual([]);
  });

  it('finds nothing in ordinary values', () => {
    for (const v of [
      'postgres',
      'http://web:8080/health',
      'Europe/Berlin',
      '--max-connections=100',
      'traefik.http.routers.app.rule=Host(`x`)',
      'sha256:' + 'a'.repeat(64),
    ]) {
      expect(scanValue(v)).toEqual([]);
    }
  });

  it('ignores empty input', () => {
    expect(scanValue('')).toEqual([]);
    expect(findUrlCredentials('')).toEqual([]);
  });
});

describe('isPlaceholder', () => {
  it.each([
    'changeme',
    'CHANGE_ME',
    'change-me-please',
    'changeit',
    'example',
    'examplepass',
    '<your-token>',
    '<YOUR_API_KEY>',
    'xxxx',
    'xxxxxxxxxxxxxxxx',
    '********',
    'your_password_here',
    'your-secret-key',
    'TODO',
    'replace-me',
    'replace_with_a_long_random_string',
    'secret',
    'password',
    'mysecretpassword',
    'SomeSecretPassword',
    'password123',
    '123456',
    'admin',
    'root',
    'minioadmin',
    'sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    'AKIAIOSFODNN7EXAMPLE',
    'long-and-random-alphanumeric-string',
    '${SECRET}',
  ])('%s looks like a placeholder', (v) => {
    expect(isPlaceholder(v)).toBe(true);
  });

  it.each(['hunter2', 'J5brHrAXFLQSif0K', 'gxahngf9wc9ak9ahgpjp03zp1akcr7ry', 'Tr0ub4dor&3', 'secret_' + fake(ALNUM, 43), 'a<b>c', ''])('%s does not', (v) => {
    expect(isPlaceholder(v)).toBe(false);
  });
});

describe('scanValue: a JSON Web Key', () => {
  const B64URL = `${ALNUM}-_`;
  const d = fake(B64URL, 342);
  const found = (text: string) => scanValue(text).map((m) => `${m.patternId} ${text.slice(m.start, m.end)}`);

  it('finds the private member of a JWK, whichever member comes first', () => {
    expect(found(`{"kty":"RSA","kid":"lti-key-2024","d":"${d}","e":"AQAB"}`)).toEqual([`jwk-private-key ${d}`]);
    expect(found(`{ "crv": "P-256", "d": "${d.slice(0, 43)}", "x": "abc", "kty": "EC" }`)).toEqual([`jwk-private-key ${d.slice(0, 43)}`]);
    expect(found(`{"kty": "oct", "k": "${d.slice(0, 43)}"}`)).toEqual([`jwk-private-key ${d.slice(0, 43)}`]);
    // a key set: each key's own
    expect(found(`{"keys":[{"kty":"EC","d":"${d.slice(0, 43)}"},{"kty":"EC","d":"${d.slice(50, 93)}"}]}`)).toEqual([
      `jwk-private-key ${d.slice(0, 43)}`,
      `jwk-private-key ${d.slice(50, 93)}`,
    ]);
  });

  it('leaves a public JWK, and a "d" of another object, alone', () => {
    expect(found(`{"kty":"RSA","kid":"k1","n":"${fake(B64URL, 342)}","e":"AQAB"}`)).toEqual([]);
    expect(found(`{"d":"${fake(B64URL, 40)}"}, {"kty":"RSA"}`)).toEqual([]);
  });
});

describe('a word of a sentence is no value (set U)', () => {
  it('a flag followed by a function word is prose about the flag; a value after it is reported', () => {
    expect(scanValue('use --password to set it')).toEqual([]);
    expect(scanValue('run --password the-Granite-42 now').map((m) => m.patternId)).toEqual(['cli-secret-flag']);
  });
});

describe('a keyword argument that names a variable (set V)', () => {
  const found = (text: string) => scanValue(text).map((m) => text.slice(m.start, m.end));
  it('is no password where the call quotes its strings', () => {
    expect(found('live = input.harbor("live", port=8005, password=dj_pw)')).toEqual([]);
    expect(found('conn = connect(host="db", password=db_password)')).toEqual([]);
  });
  it('is one where nothing in the call is quoted, or the value is not a lower-case name', () => {
    expect(found('x = f(password=source_pw)')).toEqual(['source_pw']);
    expect(found('y = f(host="db", password=Wq7eRt5yUi)')).toEqual(['Wq7eRt5yUi']);
    expect(found('Server=db;Password=dj_pw;')).toEqual(['dj_pw']);
  });
});

describe('a placeholder with blanks cut by the value it stands in (set V, review)', () => {
  const found = (text: string) => scanValue(text).map((m) => text.slice(m.start, m.end));
  it('is no password when the rest of the line closes it', () => {
    expect(found('password = <devpi ci password>')).toEqual([]);
  });
  it('is one when nothing closes it', () => {
    expect(found('password = <devpi2Kq9 rest')).toEqual(['<devpi2Kq9']);
  });
});
