/**
 * Which programs take a password on their command line, and how: one entry per program or
 * family of programs (see ProgramEntry in handlers.ts for the fields). Adding a program is
 * adding an entry; most need only `passwordFlag` or `userPass`. Flags every program shares
 * (`--password x`, `--api-key=x`, `-H 'Authorization: …'`, `-e NAME=value`) need no entry.
 */
import { classifyKey } from '../keys.js';
import { reportPassSource } from './arguments.js';
import { compilePrograms, type FlagHandler, hasValueAfter, type ProgramEntry, type ProgramHandler } from './handlers.js';

/** A conversion of printf's format (`%s`, `%-10s`, `%d`) or a literal `%%`. */
const PRINTF_CONVERSION = /%(?:%|[-+ #0]{0,4}\d{0,3}(?:\.\d{1,3})?[sdibqxXoucfeEgG])/g;
/** A URL's scheme and user right before: the conversion is the URL's password when `@` follows it. */
const URL_USER_BEFORE = /[A-Za-z][\w+.-]{0,30}:\/\/[^:/@\s]{0,64}:$/;
/** A password's setting right before (`password=%s`, `"pass": "%s`). */
const PASSWORD_SETTING_BEFORE = /(?:password|passwd|pass|pwd)["']?[ \t]{0,3}[=:][ \t]{0,3}["']?$/i;

/** MySQL and MariaDB clients: the password is attached (`-pSECRET`); `-p` alone, or last in a cluster (`-up`), prompts. */
const mysqlPassword: FlagHandler = (f, k, text) => {
  if (/^-p./.test(text)) {
    f.report(k, 2, text.length, '-p', 'password');
    return 0;
  }
  return /^-[A-Za-z]*p$/.test(text) ? 0 : undefined;
};

/** docker's flags that name a Swarm secret or config (`docker service update --secret-rm db_pw_v1 --secret-add db_pw_v2`), never its value. */
const DOCKER_NAME_FLAG = /^--(?:secret|config)(?:-add|-rm)?(=)?/;

/** `docker login -p x` / `--password x` (other subcommands' `-p` publishes a port); `--secret-add NAME` names a secret, holds none. */
const dockerFlag: FlagHandler = (f, k, text, command) => {
  const named = DOCKER_NAME_FLAG.exec(text);
  if (named && (named[1] || named[0].length === text.length)) return named[1] ? 0 : 1;
  if ((text !== '-p' && text !== '--password') || f.toks[command.positionals[0]]?.text !== 'login' || k + 1 >= f.toks.length) return undefined;
  f.reportToken(k + 1, text, 'password');
  return 1;
};

/**
 * Redis's ACL users on its command line: `redis-server --user NAME on '>password' '~*' '+@all'`, each `>` item up to the
 * next option a password of the user (`<` removes one, `#` gives a hash).
 */
const redisAclUser: FlagHandler = (f, k, text) => {
  if (text !== '--user') return undefined;
  let j = k + 1;
  for (; j < f.toks.length && !f.toks[j].op && !f.toks[j].text.startsWith('--'); j++) {
    const item = f.toks[j].text;
    if (item.length > 1 && item.startsWith('>')) f.report(j, 1, item.length, '--user', 'password');
  }
  return j - k - 1;
};

/** GeneWeb's server: `gwd -wizard PASSWORD -friend PASSWORD`, the base's wizard's and friend's passwords for all bases. */
const gwdPassword: FlagHandler = (f, k, text) => {
  if ((text !== '-wizard' && text !== '-friend') || k + 1 >= f.toks.length) return undefined;
  // (`-wizard NAME:PASSWORD` names the wizard: the password after the first `:` outside a `${…}`)
  const value = f.toks[k + 1].text;
  const colon = value.replace(/\$\{[^{}]*\}/g, (v) => '_'.repeat(v.length)).indexOf(':');
  if (colon > 0 && colon + 1 < value.length) f.report(k + 1, colon + 1, value.length, text, 'password');
  else f.reportToken(k + 1, text, 'password');
  return 1;
};

/** MPD's clients: `mpc -h PASSWORD@host` (`--host=`), the password before the host as MPD_HOST takes it. */
const mpcHostPassword: FlagHandler = (f, k, text) => {
  const flag = text === '-h' || text === '--host' ? text : text.startsWith('--host=') ? '--host' : undefined;
  if (flag === undefined) return undefined;
  const separate = text === flag;
  if (separate && !hasValueAfter(f, k)) return 0;
  const [j, offset] = separate ? [k + 1, 0] : [k, flag.length + 1];
  const at = f.toks[j].text.lastIndexOf('@');
  if (at > offset) f.report(j, offset, at, flag, 'password');
  return separate ? 1 : 0;
};

/**
 * mjpg-streamer's plugins take their own options in one argument: `-o "output_http.so -p 8080 -c user:password"`, the
 * HTTP output's basic-auth credentials.
 */
const mjpgStreamerCredentials: FlagHandler = (f, k, text) => {
  if (text !== '-o' && text !== '--output') return undefined;
  if (!hasValueAfter(f, k)) return 0;
  const m = /(?:^|[ \t])(?:-c|--credentials)[ \t]+([^\s:]{1,64}):(\S{1,256})/d.exec(f.toks[k + 1].text);
  if (m) f.report(k + 1, m.indices![2][0], m.indices![2][1], '-c', 'password');
  return 1;
};

/** Redpanda `rpk security user create|update NAME -p x` (`rpk topic produce -p` is a partition). */
const rpkUserPassword: FlagHandler = (f, k, text, command) => {
  if (text !== '-p' || k + 1 >= f.toks.length || !command.positionals.some((i) => f.toks[i]?.text === 'user')) return undefined;
  f.reportToken(k + 1, text, 'password');
  return 1;
};

/** NSS's `pk12util … -W PASSWORD` (the PKCS #12 file's) and `-K PASSWORD` (the key database's). */
const pk12utilPassword: FlagHandler = (f, k, text) => {
  if ((text !== '-W' && text !== '-K') || k + 1 >= f.toks.length) return undefined;
  f.reportToken(k + 1, text, 'password');
  return 1;
};

/** dnsdist's console client: `dnsdist -c HOST:PORT -k KEY` (`--setkey`), the console's shared key. */
const dnsdistConsoleKey: FlagHandler = (f, k, text) => {
  if ((text !== '-k' && text !== '--setkey') || k + 1 >= f.toks.length) return undefined;
  f.reportToken(k + 1, text, 'console key');
  return 1;
};

/**
 * Datasette's `datasette publish … --plugin-secret PLUGIN NAME VALUE`: the plugin's setting, its value the secret (a password
 * hash given so is judged as a hash).
 */
const datasettePluginSecret: FlagHandler = (f, k, text) => {
  if (text !== '--plugin-secret' || k + 3 >= f.toks.length) return undefined;
  if (classifyKey(f.toks[k + 2].text).sensitive) f.reportToken(k + 3, text, 'secret');
  return 3;
};

/**
 * CyberArk Conjur's `conjur variable set -i ID -v VALUE` (`--value`): the secret's value itself, unless the variable's id
 * names something else (`-i prod/db/username`).
 */
const conjurVariableValue: FlagHandler = (f, k, text, command) => {
  const words = command.positionals.map((i) => f.toks[i]?.text);
  if ((text !== '-v' && text !== '--value') || k + 1 >= f.toks.length || words[0] !== 'variable' || words[1] !== 'set') return undefined;
  const idFlag = f.toks.findIndex((t, i) => i > command.positionals[0] && (t.text === '-i' || t.text === '--id'));
  const id = idFlag >= 0 ? f.toks[idFlag + 1]?.text : undefined;
  const named = id?.slice(id.lastIndexOf('/') + 1);
  if (!named || classifyKey(named).sensitive) f.reportToken(k + 1, text, 'secret');
  return 1;
};

/** openssl `-pass`/`-passin`/`-passout` take a source (`pass:x`, `env:VAR`, `file:…`); `enc -k` takes the password itself. */
const opensslPassword: FlagHandler = (f, k, text) => {
  if (!/^-(?:passin|passout|pass|k)$/.test(text) || k + 1 >= f.toks.length) return undefined;
  if (text === '-k') f.reportToken(k + 1, text, 'password');
  else reportPassSource(f, k + 1, text, 'password');
  return 1;
};

/** htpasswd `-b` (alone or in a cluster: `-Bbn`): the password is the last argument. */
const htpasswdBatch: FlagHandler = (_f, _k, text, command) => {
  if (!/^-[A-Za-z]*b[A-Za-z]*$/.test(text)) return undefined;
  command.passwordInArguments = true;
  return 0;
};

/**
 * net-snmp's tools: `-A` and `-X` take SNMPv3's authentication and privacy passphrases, `-c` the v1/v2c community
 * (its password; not the stock `public`/`private` every tool tries first), each as the next argument or attached.
 */
const snmpSecret: FlagHandler = (f, k, text) => {
  const m = /^-([AXc])(.*)$/.exec(text);
  if (!m) return undefined;
  const stock = (v: string) => m[1] === 'c' && /^(?:public|private)$/i.test(v);
  if (m[2]) {
    if (!stock(m[2])) f.report(k, 2, text.length, `-${m[1]}`, 'password');
    return 0;
  }
  if (k + 1 >= f.toks.length) return undefined;
  if (!stock(f.toks[k + 1].text)) f.reportToken(k + 1, text, 'password');
  return 1;
};

export const PROGRAM_TABLE: readonly ProgramEntry[] = [
  {
    programs: [
      'mysql',
      'mysqladmin',
      'mysqldump',
      'mysqlcheck',
      'mysqlimport',
      'mysqlshow',
      'mysqlslap',
      'mysqlpump',
      'mysqlbinlog',
      'mysql_upgrade',
      'mysqlsh',
      'mariadb',
      'mariadb-admin',
      'mariadb-dump',
      'mariadb-check',
      'mariadb-import',
      'mariadb-show',
      'mariadb-slap',
      'mariadb-upgrade',
      'mariadb-binlog',
      'mariadb-backup',
      'mariabackup',
      'xtrabackup',
      // TDengine's shell takes the MySQL client's flags (`taos -uroot -pX`)
      'taos',
    ],
    flag: mysqlPassword,
    // `--password=x` is read as any option; `--password x` prompts
    switches: ['password'],
  },
  {
    // PostgreSQL clients: `-W`/`--password` only force a prompt and take no value
    programs: [
      'psql',
      'pg_dump',
      'pg_dumpall',
      'pg_restore',
      'pg_isready',
      'pg_basebackup',
      'createdb',
      'dropdb',
      'createuser',
      'dropuser',
      'vacuumdb',
      'reindexdb',
      'clusterdb',
      'pgbench',
      'pg_upgrade',
    ],
    prompts: ['-W', '--password'],
    switches: ['password'],
  },
  // `mongod --auth` is a switch
  { programs: ['mongod', 'mongos'], switches: ['auth'] },
  { programs: ['redis-cli', 'valkey-cli', 'keydb-cli', 'dragonfly-cli'], passwordFlag: '-a' },
  { programs: ['redis-server', 'valkey-server', 'keydb-server'], flag: redisAclUser },
  { programs: ['gwd'], flag: gwdPassword },
  { programs: ['mpc'], flag: mpcHostPassword },
  { programs: ['mjpg_streamer'], flag: mjpgStreamerCredentials },
  { programs: ['mongo', 'mongosh', 'mongodump', 'mongorestore', 'mongoexport', 'mongoimport', 'mongostat', 'mongotop', 'mongofiles'], passwordFlag: '-p' },
  { programs: ['sqlcmd', 'bcp', 'osql', 'isql'], passwordFlag: '-P', attached: true },
  { programs: ['sshpass'], passwordFlag: '-p', attached: true },
  { programs: ['plink', 'pscp', 'psftp'], passwordFlag: '-pw' },
  // MariaDB MaxScale's client: `maxctrl -u admin -p mariadb list servers`
  { programs: ['maxctrl'], passwordFlag: '-p' },
  { programs: ['rabbitmqadmin', 'cqlsh', 'influx'], passwordFlag: '-p' },
  { programs: ['rpk'], flag: rpkUserPassword },
  // FreeSWITCH's console: the event socket's password (`fs_cli -p ClueCon -x status` in a healthcheck)
  { programs: ['fs_cli'], passwordFlag: '-p' },
  { programs: ['mosquitto_sub', 'mosquitto_pub', 'mosquitto_rr'], passwordFlag: '-P' },
  // SIPp's digest authentication (`-au user -ap password`), heplify's HEP server password (`-hp`)
  { programs: ['sipp'], passwordFlag: '-ap' },
  { programs: ['heplify'], passwordFlag: '-hp' },
  { programs: ['nats-server'], passwordFlag: '--pass' },
  { programs: ['nats', 'kafka-console-producer'], passwordFlag: '--password' },
  { programs: ['ldapsearch', 'ldapadd', 'ldapmodify', 'ldapdelete'], passwordFlag: '-w' },
  {
    programs: [
      'snmpwalk',
      'snmpbulkwalk',
      'snmpget',
      'snmpgetnext',
      'snmpbulkget',
      'snmpset',
      'snmptable',
      'snmptrap',
      'snmpinform',
      'snmpdelta',
      'snmpdf',
      'snmpstatus',
      'snmpnetstat',
      'snmptest',
      'snmpusm',
      'snmpvacm',
    ],
    flag: snmpSecret,
  },
  { programs: ['curl'], userPass: { flags: ['-u', '--user', '-U', '--proxy-user'], sep: ':' } },
  { programs: ['wget'], userPass: { flags: ['--user', '--http-user'], sep: ':' } },
  // httpie
  { programs: ['http', 'https'], userPass: { flags: ['-a', '--auth'], sep: ':' } },
  { programs: ['smbclient'], userPass: { flags: ['-U', '--user'], sep: '%' } },
  // lftp's login: `-u user,password`
  { programs: ['lftp'], userPass: { flags: ['-u', '--user'], sep: ',' } },
  // chisel's tunnel server and client (`jpillora/chisel`): `--auth user:pass`
  { programs: ['chisel'], userPass: { flags: ['--auth'], sep: ':' }, subcommandFirst: true },
  // etcd's client: `--user root:password` (`--password` is read as any option)
  { programs: ['etcdctl'], userPass: { flags: ['--user'], sep: ':' } },
  // Hyperledger Fabric's CA: the bootstrap identity `fabric-ca-server start -b admin:adminpw` (`--boot`)
  { programs: ['fabric-ca-server'], userPass: { flags: ['-b', '--boot'], sep: ':' } },
  // dperson/samba's entrypoint: `-u "user;password[;uid;group]"`
  { programs: ['samba', 'samba.sh'], userPass: { flags: ['-u'], sep: ';' } },
  {
    // atmoz/sftp's entrypoint: each argument is `user:password[:e][:uid[:gid[:dirs]]]` (`:e` marks an encrypted password)
    programs: ['sftp'],
    end: (f, { positionals }) => {
      for (const k of positionals) {
        const m = /^([A-Za-z0-9._-]{1,64}):([^:\s]{1,4096})(?::(e))?(?::\d*(?::\d*(?::[^:\s]*)?)?)?$/.exec(f.toks[k].text);
        if (m && !m[3]) f.report(k, m[1].length + 1, m[1].length + 1 + m[2].length, 'sftp user', 'password');
      }
    },
  },
  {
    // SteamCMD: `steamcmd +login USER PASSWORD [GUARD_CODE] +app_update …`, the account's password after its name
    // (`+login anonymous` gives none; the next `+command` ends the login's arguments)
    programs: ['steamcmd', 'steamcmd.sh'],
    end: (f, { positionals }) => {
      for (const k of positionals) {
        if (f.toks[k].text !== '+login') continue;
        const [user, password] = [k + 1, k + 2];
        if (!positionals.includes(user) || !positionals.includes(password) || /^[+$]/.test(f.toks[password].text)) continue;
        f.report(password, 0, f.toks[password].text.length, '+login', 'password');
      }
    },
  },
  {
    // Roundup's mail gateway: `roundup-mailgw [options] TRACKER pop|pops|apop|imap|imaps… USER:PASSWORD@SERVER`
    programs: ['roundup-mailgw'],
    end: (f, { positionals }) => {
      positionals.forEach((k, i) => {
        if (!/^(?:pop|pops|apop|imap|imaps|imaps_cram|imaps_oauth|imap_cram)$/.test(f.toks[k].text) || i + 1 >= positionals.length) return;
        const source = positionals[i + 1];
        const m = /^([^:@\s]{1,200}):([^@\s]{1,500})@[^@\s]+$/.exec(f.toks[source].text);
        if (m) f.report(source, m[1].length + 1, m[1].length + 1 + m[2].length, 'roundup-mailgw', 'password');
      });
    },
  },
  {
    // FreeRADIUS's test client: `radtest USER PASSWORD SERVER[:PORT] NAS-PORT SECRET`, the user's password and the
    // client's shared secret
    programs: ['radtest'],
    end: (f, { positionals }) => {
      if (positionals.length < 5) return;
      f.reportToken(positionals[1], 'radtest', 'password');
      f.reportToken(positionals[4], 'radtest', 'shared secret');
    },
  },
  {
    // `radclient SERVER[:PORT] auth|acct|status|coa|disconnect|auto SECRET`: the client's shared secret
    programs: ['radclient'],
    end: (f, { positionals }) => {
      if (positionals.length >= 3 && /^(?:auth|acct|status|coa|disconnect|auto)$/.test(f.toks[positionals[1]].text))
        f.reportToken(positionals[2], 'radclient', 'shared secret');
    },
  },
  {
    // printf's arguments fill its format in turn (`printf 'mongodb://nightscout:%s@mongo/camp' '…' | docker secret create …`):
    // an argument put where a URL's password or a password's setting's value goes
    programs: ['printf'],
    end: (f, { positionals }) => {
      const format = positionals.length >= 2 ? f.toks[positionals[0]].text : '';
      let n = 0;
      for (const m of format.matchAll(PRINTF_CONVERSION)) {
        if (m[0] === '%%') continue;
        const before = format.slice(0, m.index);
        const password = (URL_USER_BEFORE.test(before) && format[m.index + m[0].length] === '@') || PASSWORD_SETTING_BEFORE.test(before);
        n++;
        if (m[0].endsWith('s') && password && positionals[n] !== undefined) f.reportToken(positionals[n], 'printf', 'password');
      }
    },
  },
  { programs: ['docker'], flag: dockerFlag },
  { programs: ['openssl'], flag: opensslPassword },
  { programs: ['conjur'], flag: conjurVariableValue },
  { programs: ['datasette'], flag: datasettePluginSecret },
  { programs: ['pk12util'], flag: pk12utilPassword },
  { programs: ['dnsdist'], flag: dnsdistConsoleKey },
  {
    // mosquitto_passwd -b FILE USER PASSWORD reads its arguments the same way
    programs: ['htpasswd', 'mosquitto_passwd'],
    flag: htpasswdBatch,
    end: (f, { positionals, passwordInArguments }) => {
      if (passwordInArguments && positionals.length >= 2) f.reportToken(positionals[positionals.length - 1], 'htpasswd -b', 'password');
    },
  },
  {
    // MinIO client: `mc alias set NAME URL ACCESS_KEY SECRET_KEY` (formerly `mc config host add`)
    programs: ['mc'],
    subcommands: [
      { words: ['alias', 'set'], at: 5, via: 'mc alias set', description: 'secret key' },
      { words: ['config', 'host', 'add'], at: 6, via: 'mc alias set', description: 'secret key' },
      // `mc admin user add ALIAS ACCESS_KEY SECRET_KEY`: a user's password
      { words: ['admin', 'user', 'add'], at: 5, via: 'mc admin user add', description: 'password' },
    ],
  },
  {
    // PocketBase: `pocketbase superuser upsert|create EMAIL PASSWORD` (older: `admin create EMAIL PASSWORD`)
    programs: ['pocketbase'],
    subcommands: [
      { words: ['superuser', 'upsert'], at: 3, via: 'pocketbase superuser', description: 'password' },
      { words: ['superuser', 'create'], at: 3, via: 'pocketbase superuser', description: 'password' },
      { words: ['admin', 'create'], at: 3, via: 'pocketbase admin create', description: 'password' },
    ],
  },
  {
    // PowerDNS: `pdnsutil import-tsig-key NAME ALGORITHM KEY` (base64 TSIG secret)
    programs: ['pdnsutil'],
    subcommands: [{ words: ['import-tsig-key'], at: 3, via: 'pdnsutil import-tsig-key', description: 'TSIG secret' }],
  },
  {
    programs: ['rabbitmqctl'],
    subcommands: [
      { words: ['add_user'], at: 2, via: 'rabbitmqctl add_user', description: 'password' },
      { words: ['change_password'], at: 2, via: 'rabbitmqctl change_password', description: 'password' },
      // a healthcheck's login test: `rabbitmqctl authenticate_user USER PASSWORD`
      { words: ['authenticate_user'], at: 2, via: 'rabbitmqctl authenticate_user', description: 'password' },
    ],
  },
];

/** The handler of each program named in the table. */
export const PROGRAMS: ReadonlyMap<string, ProgramHandler> = compilePrograms(PROGRAM_TABLE);
