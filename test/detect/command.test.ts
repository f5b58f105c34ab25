import { describe, expect, it } from 'vitest';
import { findCommandCredentials, findShellCredentials, tokenize } from '../../src/detect/command.js';
import { ALNUM, fake } from './fake.js';

/** [via, secret as written, viaVariable] for every credential of a shell-form command. */
function shell(command: string): [string, string, boolean][] {
  return findShellCredentials(command).map((c) => [c.via, command.slice(c.absStart, c.absEnd), c.viaVariable]);
}

/** [arg, via, secret, viaVariable] for every credential of an exec-form command. */
function exec(tokens: string[]): [number, string, string, boolean][] {
  return findCommandCredentials(tokens).map((c) => [c.arg, c.via, tokens[c.arg].slice(c.start, c.end), c.viaVariable]);
}

describe('tokenize', () => {
  it('splits on blanks and keeps offsets into the string', () => {
    expect(tokenize('redis-cli  -a s3cret ping')).toEqual([
      { text: 'redis-cli', start: 0, end: 9 },
      { text: '-a', start: 11, end: 13 },
      { text: 's3cret', start: 14, end: 20 },
      { text: 'ping', start: 21, end: 25 },
    ]);
  });

  it('removes quotes and backslashes; the token span covers them', () => {
    expect(tokenize(`echo 'a b' "c \\"d\\"" e\\ f`)).toEqual([
      { text: 'echo', start: 0, end: 4 },
      { text: 'a b', start: 5, end: 10 },
      { text: 'c "d"', start: 11, end: 20 },
      { text: 'e f', start: 21, end: 25 },
    ]);
  });

  it('keeps $(…), ${…} and backticks inside their word; the command of a word that is $(…) follows its command as one of its own', () => {
    expect(tokenize('x=$(cat /a b) y=${V:-a b} z=`id -u`').map((t) => t.text)).toEqual(['x=$(cat /a b)', 'y=${V:-a b}', 'z=`id -u`', 'cat', '/a', 'b']);
    expect(tokenize('echo "$((1 + 2))"').map((t) => t.text)).toEqual(['echo', '$((1 + 2))']);
  });

  it('emits operators as tokens and skips comments', () => {
    expect(tokenize('a && b || c; d | e & # comment\nf 2>&1 > /dev/null').map((t) => t.text)).toEqual([
      'a',
      '&&',
      'b',
      '||',
      'c',
      ';',
      'd',
      '|',
      'e',
      '&',
      '\n',
      'f',
      '2>&',
      '1',
      '>',
      '/dev/null',
    ]);
  });

  it('recurses into sh -c / bash -c scripts, with offsets into the outer string', () => {
    const command = `sh -c "redis-cli -a 'p w' ping" && ls`;
    const tokens = tokenize(command);
    expect(tokens.map((t) => t.text)).toEqual(['sh', '-c', 'redis-cli', '-a', 'p w', 'ping', '&&', 'ls']);
    const pw = tokens[4];
    expect(command.slice(pw.start, pw.end)).toBe("'p w'");
  });

  it('follows nested shells and flag clusters (-ec, -o pipefail -c)', () => {
    expect(tokenize(`bash -o pipefail -c 'sh -ec "echo hi"'`).map((t) => t.text)).toEqual(['bash', '-o', 'pipefail', '-c', 'sh', '-ec', 'echo', 'hi']);
  });
});

describe('findShellCredentials', () => {
  it.each([
    // hardcoded
    ['redis-server --requirepass s3cr3t-pass', [['--requirepass', 's3cr3t-pass', false]]],
    ['redis-server --requirepass "quoted pass"', [['--requirepass', 'quoted pass', false]]],
    ['redis-server --masterauth m4ster', [['--masterauth', 'm4ster', false]]],
    ['redis-cli -a s3cret ping', [['-a', 's3cret', false]]],
    ['valkey-cli -h valkey -a "$$VALKEY_PASSWORD" ping', [['-a', '$$VALKEY_PASSWORD', true]]],
    ['mysql -uroot -psecret123 -e "select 1"', [['-p', 'secret123', false]]],
    ['mysqladmin ping -h localhost -u root -p$$MYSQL_ROOT_PASSWORD', [['-p', '$$MYSQL_ROOT_PASSWORD', true]]],
    ['mysqladmin ping -h localhost -u root --password=r00t', [['--password', 'r00t', false]]],
    ['mariadb-admin ping -p"${MARIADB_ROOT_PASSWORD}"', [['-p', '${MARIADB_ROOT_PASSWORD}', true]]],
    ['mysql -u root -p mydb', []],
    // the command run in a container: docker exec, docker compose exec, kubectl exec … --
    ['docker compose exec -T mariadb mysqldump -usnipeit -prY1gTFQiSb snipeit', [['-p', 'rY1gTFQiSb', false]]],
    ['docker exec -it -u root -w /app db mysql -pK8s7Hd6', [['-p', 'K8s7Hd6', false]]],
    ['docker-compose exec db redis-cli -a Zx9cVb ping', [['-a', 'Zx9cVb', false]]],
    ['kubectl exec -n prod pod/db -c mysql -- mysql -uroot -pQw8erTy6', [['-p', 'Qw8erTy6', false]]],
    ['docker exec -e DB_PASSWORD=Mn7bV5cX app ./migrate', [['DB_PASSWORD=', 'Mn7bV5cX', false]]],
    ['docker run -p 8080:80 nginx', []],
    ['docker compose -p proj up -d', []],
    ['docker exec -u postgres pg psql -d app', []],
    ['kubectl exec pod/db -p', []],
    ['mysql -u root --password mydb', []],
    ['pg_isready -U postgres', []],
    ['pg_isready -U postgres -d app -h localhost', []],
    ['psql -W -U app', []],
    ['PGPASSWORD=hunter2 psql -h db -U app', [['PGPASSWORD=', 'hunter2', false]]],
    ['PGPASSWORD=$$POSTGRES_PASSWORD pg_dump -U app', [['PGPASSWORD=', '$$POSTGRES_PASSWORD', true]]],
    ['env MYSQL_PWD=mypw mysql -u root', [['MYSQL_PWD=', 'mypw', false]]],
    ['export API_TOKEN=tok_123456 && ./run', [['API_TOKEN=', 'tok_123456', false]]],
    ['curl -fsS -u admin:adm1n http://localhost:9091/', [['-u', 'adm1n', false]]],
    ['curl -u admin http://localhost/', []],
    ['curl --user=admin:s3c http://x', [['--user', 's3c', false]]],
    ['curl -f -u elastic:"$${ELASTIC_PASSWORD}" http://es:9200', [['-u', '$${ELASTIC_PASSWORD}', true]]],
    ['curl -H "Authorization: Bearer abcdef0123456789" http://x', [['Authorization header', 'abcdef0123456789', false]]],
    ['curl -H "Authorization: Basic YWRtaW46cGFzcw==" http://x', [['Authorization header', 'YWRtaW46cGFzcw==', false]]],
    ['curl -H "X-Api-Key: k3y-value" http://x', [['X-Api-Key header', 'k3y-value', false]]],
    ['curl -H "Content-Type: application/json" http://x', []],
    ['wget --header="Authorization: Bearer $$TOKEN" -qO- http://x', [['Authorization header', '$$TOKEN', true]]],
    ['sqlcmd -S localhost -U sa -P "Passw0rd!" -Q "SELECT 1"', [['-P', 'Passw0rd!', false]]],
    ['mongosh -u root -p example --eval "db.stats()"', [['-p', 'example', false]]],
    ['docker login -u me -p s3cret registry.example.com', [['-p', 's3cret', false]]],
    ['docker run -p 8080:80 nginx', []],
    ['docker run -e DB_PASSWORD=inline -e TZ=UTC app', [['DB_PASSWORD=', 'inline', false]]],
    ['htpasswd -Bbn admin adminpass', [['htpasswd -b', 'adminpass', false]]],
    ['htpasswd -c /etc/htpasswd admin', []],
    ['openssl enc -aes-256-cbc -pass pass:myphrase -in x', [['-pass', 'myphrase', false]]],
    ['openssl rsa -passin env:KEY_PASS -in k.pem', [['-passin', 'KEY_PASS', true]]],
    ['openssl rsa -passin file:/run/secrets/pass -in k.pem', []],
    // any sensitive flag given an OpenSSL-style source (java's keytool-like tools, pkcs12 wrappers)
    ['certtool --keystore-password pass:kspw --in k.p12', [['--keystore-password', 'kspw', false]]],
    ['certtool --keystore-password env:KS_PASS --in k.p12', [['--keystore-password', 'KS_PASS', true]]],
    ['certtool --keystore-password file:/run/secrets/ks --in k.p12', []],
    ['keytool -list -keystore ks.jks -storepass changeit', [['-storepass', 'changeit', false]]],
    ['java -Dspring.datasource.password=topsecret -jar app.jar', [['-Dspring.datasource.password', 'topsecret', false]]],
    ['bitcoind -rpcuser=btc -rpcpassword=rpcpw', [['-rpcpassword', 'rpcpw', false]]],
    ['vault server -dev -dev-root-token-id=root-token', [['-dev-root-token-id', 'root-token', false]]],
    ['start --user root --pass root rocksdb:/data/db', [['--pass', 'root', false]]],
    ['marimo edit --token-password ${MARIMO_PASSWORD} --port 8080', [['--token-password', '${MARIMO_PASSWORD}', true]]],
    [
      'inngest start --event-key ${INNGEST_EVENT_KEY} --signing-key ${INNGEST_SIGNING_KEY}',
      [
        ['--event-key', '${INNGEST_EVENT_KEY}', true],
        ['--signing-key', '${INNGEST_SIGNING_KEY}', true],
      ],
    ],
    ['mc alias set local http://minio:9000 minio minio-s3cret', [['mc alias set', 'minio-s3cret', false]]],
    ['rabbitmqctl add_user app rabbitpw', [['rabbitmqctl add_user', 'rabbitpw', false]]],
    ['psql -c "CREATE USER app WITH PASSWORD \'sqlpw\'"', [['argument', 'sqlpw', false]]],
    ['psql "postgres://app:urlpw@db/app" -c "select 1"', [['URL', 'urlpw', false]]],
    ['psql "postgres://app:${DB_PASSWORD}@db/app"', [['URL', '${DB_PASSWORD}', true]]],
    // the image's entrypoint receives the arguments: no program name
    ['--requirepass ${REDIS_PASSWORD} --appendonly yes', [['--requirepass', '${REDIS_PASSWORD}', true]]],
    ['--accessAuthCode=casaos --workspace=/siyuan/workspace/', [['--accessAuthCode', 'casaos', false]]],
    // a value piped into a program that reads a secret from its input
    ["echo 'F~9u!5-p0dJ3rKh' | saslpasswd2 -p -c -u acme.de kalender", [['saslpasswd2 -p', 'F~9u!5-p0dJ3rKh', false]]],
    [
      'echo "x9o5XW1MtNgyacuLeVC" | bin/elasticsearch-keystore add --stdin s3.client.default.secret_key',
      [['elasticsearch-keystore add --stdin', 'x9o5XW1MtNgyacuLeVC', false]],
    ],
    ["printf '%s' 'HelmR3g1stry' | helm registry login registry.acme.io -u ci --password-stdin", [['helm --password-stdin', 'HelmR3g1stry', false]]],
    ['echo "$$GH_TOKEN" | gh auth login --with-token && gh repo list', [['gh auth login --with-token', '$$GH_TOKEN', true]]],
    ['cat /run/secrets/pw | saslpasswd2 -p kalender', []],
    ["echo 'not-a-secret' | saslpasswd2 -d kalender", []],
    // references and switches are not secrets
    ['docker login --password-stdin -u me', []],
    ['app --password-file /run/secrets/db_password', []],
    ['app --password-file=/run/secrets/db_password', []],
    ['app --token-ttl 3600 --no-password', []],
    ['redis-server --requirepass "$$(cat /run/secrets/redis_password)"', []],
    ['mongod --auth --bind_ip_all', []],
    ['app --basic-auth=true', []],
    ['gotenberg --api-enable-basic-auth', []],
    ['mysqld --default-authentication-plugin=mysql_native_password', []],
  ] as [string, [string, string, boolean][]][])('%s', (command, expected) => {
    expect(shell(command)).toEqual(expected);
  });

  it('follows scripts of sh -c, bash -c, su -c', () => {
    expect(shell(`sh -c 'redis-server --requirepass "$$REDIS_PASSWORD"'`)).toEqual([['--requirepass', '$$REDIS_PASSWORD', true]]);
    expect(shell(`bash -c "mysqladmin ping -uroot -pr00t || exit 1"`)).toEqual([['-p', 'r00t', false]]);
    expect(shell(`su -c "forgejo-cli actions register --secret lit3ral" git`)).toEqual([['--secret', 'lit3ral', false]]);
    expect(shell(`/bin/sh -c " minio server /data & sleep 2; mc alias set m http://minio:9000 $$MINIO_ROOT_USER $$MINIO_ROOT_PASSWORD; wait"`)).toEqual([
      ['mc alias set', '$$MINIO_ROOT_PASSWORD', true],
    ]);
  });

  it('finds recognised token formats in any argument', () => {
    const token = 'ghp_' + fake(ALNUM, 36);
    const command = `git clone https://x-access-token:${token}@github.com/o/r.git /src`;
    expect(shell(command)).toEqual([['URL', token, false]]);
    expect(findShellCredentials(command)[0].description).toBe('GitHub personal access token');
  });

  it('names the format when a flag holds a recognised token', () => {
    const token = 'glpat-' + fake(ALNUM, 20);
    const [c] = findShellCredentials(`gitlab-runner register --token ${token}`);
    expect(c).toMatchObject({ via: '--token', description: 'GitLab personal access token', viaVariable: false });
  });

  it('describes credentials by kind', () => {
    expect(findShellCredentials('app --api-key abc12345')[0].description).toBe('API key');
    expect(findShellCredentials('mysql -psecret')[0].description).toBe('password');
    expect(findShellCredentials('curl -H "Authorization: Bearer abcdefgh"')[0].description).toBe('bearer token');
  });

  it('reports arg as the index into tokenize()', () => {
    const command = `sh -c "redis-cli -a pw ping" && echo ok`;
    const [c] = findShellCredentials(command);
    expect(tokenize(command)[c.arg].text).toBe('pw');
    expect(command.slice(c.absStart, c.absEnd)).toBe('pw');
  });

  it("a setting's name and value as two arguments; a builtin's variable names are no setting", () => {
    expect(shell('occ ldap:set-config s01 ldapAgentPassword Xk9mQ2vLp7')).toEqual([['ldapAgentPassword', 'Xk9mQ2vLp7', false]]);
    expect(shell('while IFS=";" read -r user pass1 pass2; do echo "$user"; done < users.csv')).toEqual([]);
    expect(shell('local token1 token2')).toEqual([]);
  });

  it("`--value x` of the setting named before it, past another option's value; a setting that is no secret has none", () => {
    expect(shell("knoxcli.sh create-alias ldapSystemPassword --cluster sandbox --value 'Wh3jLcZCjB4XOR'")).toEqual([
      ['ldapSystemPassword', 'Wh3jLcZCjB4XOR', false],
    ]);
    expect(shell('knoxcli.sh create-alias ldapUser --cluster sandbox --value admin')).toEqual([]);
    expect(shell('occ config:app:set files max_chunk_size --value 104857600')).toEqual([]);
  });

  it('ignores empty input', () => {
    expect(findShellCredentials('')).toEqual([]);
    expect(findCommandCredentials([])).toEqual([]);
    expect(tokenize('')).toEqual([]);
  });
});

describe('findCommandCredentials (exec form)', () => {
  it.each([
    [['redis-server', '--requirepass', 'infini_rag_flow', '--maxmemory', '128mb'], [[2, '--requirepass', 'infini_rag_flow', false]]],
    [['redis-server', '--requirepass redis123!@#', '--appendonly', 'yes'], [[1, '--requirepass', 'redis123!@#', false]]],
    [['CMD', 'mysqladmin', 'ping', '-h', 'localhost', '-p$$MYSQL_ROOT_PASSWORD'], [[5, '-p', '$$MYSQL_ROOT_PASSWORD', true]]],
    [['CMD', 'redis-cli', '-a', '${REDIS_PASSWORD}', 'ping'], [[3, '-a', '${REDIS_PASSWORD}', true]]],
    [['CMD', 'pg_isready', '-U', 'postgres'], []],
    [['CMD', 'curl', '-sSfL', '-u', '${ADMIN_USER}:${ADMIN_PASSWORD}', 'http://localhost:9091/'], [[4, '-u', '${ADMIN_PASSWORD}', true]]],
    [['CMD-SHELL', 'redis-cli -a secretpw ping | grep PONG'], [[1, '-a', 'secretpw', false]]],
    [['/bin/sh', '-ec', "export FOO=1; redis-cli -a 'pw in sh' ping"], [[2, '-a', 'pw in sh', false]]],
    [['sh', '-c', 'mysql -uroot -pr00t -e "select 1"'], [[2, '-p', 'r00t', false]]],
    [['-datadir=/data', '-rpcuser=${BITCOIN_RPCUSER}', '-rpcpassword=${BITCOIN_RPCPASSWORD}'], [[2, '-rpcpassword', '${BITCOIN_RPCPASSWORD}', true]]],
    [['marimo', 'edit', '--token-password', '${MARIMO_PASSWORD}', '--port', '8080'], [[3, '--token-password', '${MARIMO_PASSWORD}', true]]],
    [['--default-authentication-plugin=mysql_native_password'], []],
    [['rest', '--basic-auth=${WA_USER}:${WA_PASSWORD}', '--port=3080'], [[1, '--basic-auth', '${WA_USER}:${WA_PASSWORD}', true]]],
  ] as [string[], [number, string, string, boolean][]][])('%j', (tokens, expected) => {
    expect(exec(tokens)).toEqual(expected);
  });

  it('reads a lone argument holding a whole command line as a script (entrypoint sh -c + command)', () => {
    expect(exec(['redis-server --requirepass l0ne --appendonly yes'])).toEqual([[0, '--requirepass', 'l0ne', false]]);
    expect(exec(['CMD', 'redis-cli -a pw ping'])).toEqual([[1, '-a', 'pw', false]]);
  });

  it('gives offsets inside the script argument of sh -c', () => {
    const tokens = ['sh', '-ec', 'echo start; redis-cli -a "s3c" ping'];
    const [c] = findCommandCredentials(tokens);
    expect(c).toMatchObject({ arg: 2, via: '-a', viaVariable: false });
    expect(tokens[2].slice(c.start, c.end)).toBe('s3c');
  });
});
