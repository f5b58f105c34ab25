/**
 * The program table (src/detect/command/programs.ts): every entry fires on the form it describes
 * and stays quiet on a near miss; every program a `passwordFlag` or `userPass` entry names is
 * checked with every flag it lists; and the table itself (one entry per program, field order).
 */
import { describe, expect, it } from 'vitest';
import { findShellCredentials } from '../../src/detect/command.js';
import type { Findings } from '../../src/detect/command/findings.js';
import { compilePrograms } from '../../src/detect/command/handlers.js';
import { PROGRAM_TABLE } from '../../src/detect/command/programs.js';
import { ALNUM, fake } from './fake.js';

/** Generated values for the cases below, made at run time (fake.ts: no token-shaped literal in the repository). */
const CRON_KEY = fake(ALNUM, 24);
const MONGO_PASSWORD = fake(ALNUM, 22);

/** [via, secret as written, viaVariable] for every credential of a shell-form command. */
function shell(command: string): [string, string, boolean][] {
  return findShellCredentials(command).map((c) => [c.via, command.slice(c.absStart, c.absEnd), c.viaVariable]);
}

/** At least one command that fires and one that does not, for every entry of the table. */
const FAMILY_CASES: [string, [string, string, boolean][]][] = [
  // MySQL family: attached only; `-p` alone or last in a cluster prompts; `--password x` prompts
  ['mysqldump -uroot -pdump3r app', [['-p', 'dump3r', false]]],
  ['mariadb-backup --backup -p"$${MARIADB_PASSWORD}"', [['-p', '$${MARIADB_PASSWORD}', true]]],
  ['mysql -u root -p', []],
  ['mysql -hdb -up app', []],
  ['mysqlsh --password root@db', []],
  // PostgreSQL family: -W and --password prompt
  ['pg_dump -W -U app', []],
  ['pg_restore --password -d app dump.sql', []],
  ['PGPASSWORD=pgpw pg_basebackup -D /backup', [['PGPASSWORD=', 'pgpw', false]]],
  // mongod / mongos: --auth is a switch, other secret options still read their value
  ['mongos --auth --configdb cfg/db:27019', []],
  ['mongod --auth --keyFile-password k3yfilepw', [['--keyFile-password', 'k3yfilepw', false]]],
  // password as the next argument
  ['redis-cli -h redis -a r3dispw ping', [['-a', 'r3dispw', false]]],
  ['keydb-cli -a', []],
  // Redis's ACL users: each `>` item of a `--user` rule up to the next option; `nopass` and `<` (remove) are none
  ["redis-server --user app on '>Acl9pass' '~*' '+@all' --maxmemory 64mb", [['--user', 'Acl9pass', false]]],
  ["valkey-server --user probe on nopass '<old9pass' '+ping'", []],
  // GeneWeb's server: the wizard's and the friend's passwords
  [
    'gwd -bd /bases -wizard W1zardPw -friend Fr1endPw',
    [
      ['-wizard', 'W1zardPw', false],
      ['-friend', 'Fr1endPw', false],
    ],
  ],
  ['gwd -bd /bases -p 2317 -lang fr', []],
  // MPD's client: the password before the host's `@`; a host alone is none
  ['mpc -h icxOoT2Z@127.0.0.1 status', [['-h', 'icxOoT2Z', false]]],
  ['mpc --host=Mpd9pass@mpd play', [['--host', 'Mpd9pass', false]]],
  ['mpc -h mpd -p 6600 status', []],
  // a crontab's line echoed into crontab: the command after its schedule; a line without a credential is none
  [`echo '*/5 * * * * wget -qO- --header="X-Cron-Key: ${CRON_KEY}" http://nginx/cron.php' | crontab -`, [['X-Cron-Key header', CRON_KEY, false]]],
  ["echo '0 3 * * * /usr/local/bin/backup.sh' | crontab -", []],
  // a line continuation after `||` is a blank: the command after it is read as one
  [
    "docker secret inspect pw >/dev/null 2>&1 || \\\n  printf '%s' '4tlQMdia5aC80P' | docker secret create pw -",
    [['docker secret create', '4tlQMdia5aC80P', false]],
  ],
  // a subcommand that sets a password to its argument; another subcommand's argument is none
  ['bench --site lending.localhost set-admin-password "C42a7EGmPIye"', [['set-admin-password', 'C42a7EGmPIye', false]]],
  ['bench --site lending.localhost set-maintenance-mode on', []],
  // mjpg-streamer's HTTP output plugin's credentials, inside the plugin's argument; a port alone is none
  ['mjpg_streamer -i "input_uvc.so -r 1280x720" -o "output_http.so -p 8080 -c shop:N6CNgeDn79Cu"', [['-c', 'N6CNgeDn79Cu', false]]],
  ['mjpg_streamer -i "input_uvc.so -r 1280x720" -o "output_http.so -p 8080 -w /www"', []],
  // printf's argument where its format puts a URL's password or a password's value; other arguments, and a variable's, are none
  [`printf 'mongodb://nightscout:%s@mongo:27017/camp' '${MONGO_PASSWORD}'`, [['printf', MONGO_PASSWORD, false]]],
  ['printf \'{"user":"%s","password":"%s"}\' admin Hq7rT2vLp9Xz', [['printf', 'Hq7rT2vLp9Xz', false]]],
  ["printf 'https://%s@%s/' deploy git.example.org", []],
  ["printf '%s\\n' hello world", []],
  ['mongodump -u root -p m0ngopw --out /dump', [['-p', 'm0ngopw', false]]],
  ['mongosh -pm0ngopw', []],
  ['sqlcmd -S db -U sa -PSqlPassw0rd', [['-P', 'SqlPassw0rd', false]]],
  ['bcp data out f.dat -S db -U sa -P "$${SA_PASSWORD}"', [['-P', '$${SA_PASSWORD}', true]]],
  ['sqlcmd -S db -U sa -Q "SELECT 1"', []],
  ['sshpass -pssh-pw ssh host', [['-p', 'ssh-pw', false]]],
  ['sshpass -p ssh-pw ssh host', [['-p', 'ssh-pw', false]]],
  ['sshpass -f /run/secrets/ssh ssh host', []],
  ['plink -ssh host -pw plinkpw', [['-pw', 'plinkpw', false]]],
  ['pscp -pwplinkpw f host:', []],
  ['rabbitmqadmin -u admin -p rabbitpw list queues', [['-p', 'rabbitpw', false]]],
  ['rabbitmqadmin -u admin list queues', []],
  ['cqlsh -u cassandra -p cassandrapw db', [['-p', 'cassandrapw', false]]],
  ['influx -username admin -p influxpw', [['-p', 'influxpw', false]]],
  ['rpk security user create app -p rpkpw --mechanism SCRAM-SHA-256', [['-p', 'rpkpw', false]]],
  ['rpk topic produce orders -p 3', []],
  ['fs_cli -p ClueCon9x -x status', [['-p', 'ClueCon9x', false]]],
  ['fs_cli -x status', []],
  ['sipp -sf uac_auth.xml -au gwtest -ap S1ppDigest9 127.0.0.1:5060', [['-ap', 'S1ppDigest9', false]]],
  ['sipp -sf uac.xml -r 5 127.0.0.1:5060', []],
  ['heplify -i any -hs homer:9060 -hi 3101 -hp HepN0dePw7', [['-hp', 'HepN0dePw7', false]]],
  ['heplify -i any -hs homer:9060', []],
  ['etcdctl --user root:etcdpw9 endpoint health', [['--user', 'etcdpw9', false]]],
  ['etcdctl --user root endpoint health', []],
  ['chisel server --port 9090 --reverse --auth demo:Tunn3lPw9', [['--auth', 'Tunn3lPw9', false]]],
  ['chisel server --port 9090 --authfile /etc/chisel/users.json', []],
  [
    'radtest probe Wq4nB8vLz2 127.0.0.1 0 testing123',
    [
      ['radtest', 'Wq4nB8vLz2', false],
      ['radtest', 'testing123', false],
    ],
  ],
  ['radtest bob', []],
  ['radclient -x radius:1812 auth Qm7vX2pLz9', [['radclient', 'Qm7vX2pLz9', false]]],
  ['radclient -x radius:1812 status', []],
  ['fabric-ca-server start -b admin:adminpw -d', [['-b', 'adminpw', false]]],
  ['fabric-ca-server start -b admin -d', []],
  ['maxctrl -u admin -p maxpw9 list servers', [['-p', 'maxpw9', false]]],
  ['maxctrl list servers', []],
  ["conjur variable set -i prod/db/password -v 'conjurpw9'", [['-v', 'conjurpw9', false]]],
  ['conjur variable get -i prod/db/password -v 2', []],
  ['conjur variable set -i prod/db/username -v billing', []],
  // a login given as user:password to a flag named for it
  ['monerod --rpc-login=xmrnode:moneropw9 --rpc-bind-port 18089', [['--rpc-login', 'moneropw9', false]]],
  ['p2pool --host monerod --rpc-login xmrnode:${MONEROD_RPC_PASSWORD}', [['--rpc-login', '${MONEROD_RPC_PASSWORD}', true]]],
  ['app --login admin --verbose', []],
  // Tinode's chatbot `--login-basic=user:pw`, a bare or HTTP `--auth=user:pw`; not a setting's word nor `uid:gid`
  ['python chatbot.py --host=tinode:16060 --login-basic=helpbot:tinodepw9', [['--login-basic', 'tinodepw9', false]]],
  ['exporter --http-auth=monitor:exporterpw9 --port 9100', [['--http-auth', 'exporterpw9', false]]],
  ['server --auth=admin:authpw9', [['--auth', 'authpw9', false]]],
  ['server --auth=none --auth=1000:1000 --auth=basic:realm', []],
  // an unknown program's -p after a user given by its flag: that user's password, however weak; not a port or a number
  ['vendorctl -u admin -p mariadb list', [['-p', 'mariadb', false]]],
  ['vendorctl --username ops -P "s3cret-pass" status', [['-P', 's3cret-pass', false]]],
  ['docker run -u 1000 -p 8080:80 nginx', []],
  ['ps -u root -p 1234', []],
  ['vendorctl -p mariadb list', []],
  ['mosquitto_sub -h broker -u user -P mqttpw -t x', [['-P', 'mqttpw', false]]],
  ['mosquitto_pub -P', []],
  ['nats-server -c /etc/nats.conf', []],
  ['nats --user u sub x', []],
  ['nats-server --user u --pass natspw', [['--pass', 'natspw', false]]],
  ['nats --password "$$NATS_PASSWORD" sub x', [['--password', '$$NATS_PASSWORD', true]]],
  ['kafka-console-producer --password kafkapw --topic t', [['--password', 'kafkapw', false]]],
  ['ldapsearch -x -D cn=admin -w ldappw -b dc=x', [['-w', 'ldappw', false]]],
  ['ldapadd -x -D cn=admin -W -f x.ldif', []],
  // net-snmp: -A/-X passphrases and -c community, next or attached; the stock `public` is not a secret
  [
    'snmpwalk -v3 -l authPriv -u noc -a SHA -A authpw99 -x AES -X privpw99 h',
    [
      ['-A', 'authpw99', false],
      ['-X', 'privpw99', false],
    ],
  ],
  ['snmpget -v2c -cc0mmun1ty h sysUpTime.0', [['-c', 'c0mmun1ty', false]]],
  ['snmpwalk -v2c -c public h', []],
  // user:password after a user flag
  ['curl -U proxyuser:proxypw http://x', [['-U', 'proxypw', false]]],
  ['curl -uadmin:curlpw http://x', [['-u', 'curlpw', false]]],
  ['curl --user admin http://x', []],
  ['wget --http-user=admin:wgetpw http://x', [['--http-user', 'wgetpw', false]]],
  ['wget -u admin:wgetpw http://x', []],
  ['http -a admin:httpiepw GET http://x', [['-a', 'httpiepw', false]]],
  ['https --auth=admin:httpiepw GET https://x', [['--auth', 'httpiepw', false]]],
  ['http -a admin GET http://x', []],
  ['smbclient //host/share -U user%smbpw', [['-U', 'smbpw', false]]],
  ['smbclient //host/share -U user:notasecret', []],
  ['lftp -u deploy,lftpPw9x -e "mirror -R ./ /htdocs/; quit" sftp://ssh.example.net', [['-u', 'lftpPw9x', false]]],
  ['lftp -u deploy sftp://ssh.example.net', []],
  // the entrypoints of dperson/samba and atmoz/sftp (their images run them with the command as arguments)
  ['samba -u "clerk;Smb-pw-2024" -s "scans;/mnt"', [['-u', 'Smb-pw-2024', false]]],
  ['samba -s "scans;/mnt/scans;yes;no"', []],
  ['sftp clerk:Sftp-pw-58:1001:100:upload', [['sftp user', 'Sftp-pw-58', false]]],
  ['sftp auditor:$1$salt$hash:e:1002 guest::1003', []],
  // docker: -p is the password only for login
  ['docker login --password d0ckerpw registry', [['--password', 'd0ckerpw', false]]],
  ['docker run -p 5432:5432 postgres', []],
  // docker's --secret, --secret-add and --secret-rm name Swarm secrets (a rotation's new version), never hold one
  ['docker service update --secret-rm db_pw_v1 --secret-add db_pw_v2 --secret-add=db_pw_v3 app', []],
  ['docker service create --secret db_password_v2 --name api example/api', []],
  // openssl password sources
  ['openssl rsa -passout pass:outpw -in k.pem', [['-passout', 'outpw', false]]],
  ['openssl enc -aes-256-cbc -k encpw -in x', [['-k', 'encpw', false]]],
  ['openssl pkcs12 -passin env:P12_PASS -in x.p12', [['-passin', 'P12_PASS', true]]],
  ['openssl pkcs12 -passin stdin -in x.p12', []],
  // htpasswd -b: the last argument
  ['htpasswd -b /etc/htpasswd admin htpw', [['htpasswd -b', 'htpw', false]]],
  ['htpasswd -nb admin', []],
  // mc: the secret key of `alias set` and the older `config host add`
  ['mc config host add local http://minio:9000 minio minio-s3cret', [['mc alias set', 'minio-s3cret', false]]],
  ['mc alias set local http://minio:9000 minio', []],
  ['mc alias ls', []],
  ["pocketbase superuser upsert admin@example.org 'Gravel-Harbor-21' --dir=/pb_data", [['pocketbase superuser', 'Gravel-Harbor-21', false]]],
  ['pocketbase serve --http=0.0.0.0:8090', []],
  // pdnsutil import-tsig-key NAME ALGORITHM KEY (base64 with its padding, which reads like an empty NAME=)
  [
    "pdnsutil import-tsig-key certbot hmac-sha256 'Sg4kP9vXq2Lm7Tn3Wz8Rb5Yc1Hd6Jf0Ka3Qe9Vu4Ng='",
    [['pdnsutil import-tsig-key', 'Sg4kP9vXq2Lm7Tn3Wz8Rb5Yc1Hd6Jf0Ka3Qe9Vu4Ng=', false]],
  ],
  ['pdnsutil generate-tsig-key axfr hmac-sha512', []],
  // rabbitmqctl add_user / change_password NAME PASSWORD
  ['rabbitmqctl change_password app n3wpw', [['rabbitmqctl change_password', 'n3wpw', false]]],
  ['rabbitmqctl add_user app', []],
  ['rabbitmqctl authenticate_user app AuthPw-4', [['rabbitmqctl authenticate_user', 'AuthPw-4', false]]],
  // pk12util -W (the PKCS #12 file's password), -K (the key database's); dnsdist -k (the console key)
  ['pk12util -d "$NSSDB" -n client -o client.p12 -W "P12pw-Xy7"', [['-W', 'P12pw-Xy7', false]]],
  ['pk12util -d sql:/etc/ipsec.d -i client.p12 -W "$P12_PASSWORD"', [['-W', '$P12_PASSWORD', true]]],
  ['pk12util -l client.p12', []],
  [
    'dnsdist -c 127.0.0.1:5199 -k U58r2zIGYjXdFFwvgN3/lrooFD/kmxGS0nSGS9KJGlE= -e "showVersion()"',
    [['-k', 'U58r2zIGYjXdFFwvgN3/lrooFD/kmxGS0nSGS9KJGlE=', false]],
  ],
  ['dnsdist -C /etc/dnsdist/dnsdist.conf --supervised', []],
  // steamcmd +login USER PASSWORD: the account's password; an anonymous login has none
  ['steamcmd +login nordhall_srv Cd~Ge_4KLjkd.d8f +app_update 896660 validate +quit', [['+login', 'Cd~Ge_4KLjkd.d8f', false]]],
  ['steamcmd +login anonymous +app_update 896660 +quit', []],
  // roundup-mailgw TRACKER METHOD USER:PASSWORD@SERVER
  ["roundup-mailgw -C issue -S 'status=unread' /trackers/helpdesk pop helpdesk:MailGw-Pw7@pop.example.net", [['roundup-mailgw', 'MailGw-Pw7', false]]],
  ['roundup-mailgw /tracker imaps issues@imap.example.net', []],
  ['roundup-mailgw /tracker mailbox /var/mail/issues', []],
  // datasette publish … --plugin-secret PLUGIN NAME VALUE
  [
    "datasette publish cloudrun db.sqlite --plugin-secret datasette-auth-tokens editor_token 'e6f1e56e1e2e3dd2d2e8d9b13bc25857'",
    [['--plugin-secret', 'e6f1e56e1e2e3dd2d2e8d9b13bc25857', false]],
  ],
  [
    "datasette publish cloudrun db.sqlite --plugin-secret datasette-auth-passwords root_password_hash 'pbkdf2_sha256$480000$bQj8UiadD4TbrMV5DfpJ7W$R+8Ya9Ji0g7Mhs='",
    [],
  ],
  ['datasette publish cloudrun db.sqlite --plugin-secret datasette-auth-github client_id 5b1c0f2d6a', []],
  ['rabbitmqctl delete_user app rabbitpw', []],
];

describe('program table: one case per family', () => {
  it.each(FAMILY_CASES)('%s', (command, expected) => {
    expect(shell(command)).toEqual(expected);
  });

  it('every entry has a case that fires and one that does not', () => {
    const program = (command: string) => command.split(' ').find((w) => !w.includes('=')) ?? '';
    const missing: string[] = [];
    for (const entry of PROGRAM_TABLE) {
      const cases = FAMILY_CASES.filter(([command]) => entry.programs.includes(program(command)));
      if (!cases.some(([, e]) => e.length > 0)) missing.push(`${entry.programs[0]}: no case that fires`);
      if (!cases.some(([, e]) => e.length === 0)) missing.push(`${entry.programs[0]}: no case that does not fire`);
    }
    expect(missing).toEqual([]);
  });
});

describe('program table: every program with every flag it lists', () => {
  const passwordFlags = PROGRAM_TABLE.flatMap((e) =>
    e.passwordFlag ? e.programs.map((p) => [p, e.passwordFlag as string, e.attached === true] as const) : [],
  );
  it.each(passwordFlags)('%s %s PASSWORD', (program, flag, attached) => {
    expect(shell(`${program} ${flag} tbl-pw-1 x`)).toEqual([[flag, 'tbl-pw-1', false]]);
    expect(shell(`${program} ${flag} $$TABLE_PW`)).toEqual([[flag, '$$TABLE_PW', true]]);
    // attached to the flag only where the entry says so (else it is some other option)
    expect(shell(`${program} ${flag}tbl-pw-2`)).toEqual(attached ? [[flag, 'tbl-pw-2', false]] : []);
    // as the program's name is written in a path or on Windows
    expect(shell(`/usr/local/bin/${program.toUpperCase()}.exe ${flag} tbl-pw-3`)).toEqual([[flag, 'tbl-pw-3', false]]);
  });

  const userPassFlags = PROGRAM_TABLE.flatMap((e) =>
    e.userPass ? e.programs.flatMap((p) => e.userPass?.flags.map((f) => [p, f, e.userPass?.sep as string] as const) ?? []) : [],
  );
  it.each(userPassFlags)('%s %s USER%sPASSWORD', (program, flag, sep) => {
    // a separator the shell reads (`;`) is quoted, as it is written
    const q = sep === ';' ? '"' : '';
    expect(shell(`${program} ${flag} ${q}admin${sep}tbl-pw-4${q} x`)).toEqual([[flag, 'tbl-pw-4', false]]);
    expect(shell(`${program} ${flag}=${q}admin${sep}tbl-pw-5${q} x`)).toEqual([[flag, 'tbl-pw-5', false]]);
    expect(shell(`${program} ${flag} admin x`)).toEqual([]);
  });

  it('mysql and postgres family members all read -p/--password alike', () => {
    for (const program of PROGRAM_TABLE[0].programs) {
      expect(shell(`${program} -ptbl-pw-6`)).toEqual([['-p', 'tbl-pw-6', false]]);
      expect(shell(`${program} --password tbl-db`)).toEqual([]);
    }
    for (const program of PROGRAM_TABLE[1].programs) expect(shell(`${program} -W --password tbl-db`)).toEqual([]);
  });
});

describe('program table: structure', () => {
  it('names each program once', () => {
    const names = PROGRAM_TABLE.flatMap((e) => e.programs);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    expect(() =>
      compilePrograms([
        { programs: ['a'], passwordFlag: '-p' },
        { programs: ['b', 'a'], passwordFlag: '-w' },
      ]),
    ).toThrow('the program table names a twice');
  });

  it('names programs as the walker sees them: lower case, no directory, no .exe', () => {
    for (const name of PROGRAM_TABLE.flatMap((e) => e.programs)) expect(name).toMatch(/^[a-z0-9_][a-z0-9_.-]*$/);
  });

  it('a custom flag handler runs before the declarative fields, and undefined passes the flag on', () => {
    const seen: string[] = [];
    const [handler] = compilePrograms([
      {
        programs: ['x'],
        flag: (_f, _k, text) => {
          seen.push(text);
          return text === '-p' ? 0 : undefined;
        },
        prompts: ['-W'],
        passwordFlag: '-p',
      },
    ]).values();
    const f = { toks: [], report: () => seen.push('report'), reportToken: () => seen.push('reportToken') } as unknown as Findings;
    const command = { program: 'x', positionals: [], passwordInArguments: false };
    expect(handler.flag?.(f, 0, '-p', command)).toBe(0);
    expect(handler.flag?.(f, 0, '-W', command)).toBe(0);
    expect(handler.flag?.(f, 0, '-q', command)).toBe(undefined);
    expect(seen).toEqual(['-p', '-W', '-q']);
  });

  it('programs named like Object.prototype members are plain programs', () => {
    // a lookup on a plain object found Object.prototype.constructor and crashed on its `flags`
    expect(shell('constructor -u x --password hunter22')).toEqual([['--password', 'hunter22', false]]);
    expect(shell('__proto__ -a x && toString -pw y && hasOwnProperty -P z')).toEqual([]);
  });
});
