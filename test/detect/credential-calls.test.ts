import { describe, expect, it } from 'vitest';
import { findCallCredentials } from '../../src/detect/credential-calls.js';

/** The values found in `text`, each with the call that takes it. */
function found(text: string): string[] {
  return findCallCredentials(text).map((c) => `${c.call} ${c.kind} ${text.slice(c.start, c.end)}`);
}

describe('credentials passed by position to calls that take them', () => {
  // each call of the table: the literal at its password's position is found, a variable or a placeholder there is not
  const cases: [string, string[]][] = [
    ["U.objects.create_superuser('hradmin', 'hr@example.org', 'Falcon@2001x')", ['create_superuser password Falcon@2001x']],
    ['User.objects.create_superuser("ops@example.org", "80xAbeHLEe5xeIiN")', ['create_superuser password 80xAbeHLEe5xeIiN']],
    ["U.objects.create_superuser('admin', 'a@example.org', os.environ['ADMIN_PASSWORD'])", []],
    ["User.objects.create_user('bob', 'bob@example.org', 'Kestrel#8841')", ['create_user password Kestrel#8841']],
    ["User.objects.create_user('bob', password='Kestrel#8841')", []],
    ["user.set_password('hawMfp3tyn-BTci')", ['set_password password hawMfp3tyn-BTci']],
    ['user.set_password(new_password)', []],
    ['ftp.login("etl_bot", "r8NMHRX9GDSduu7q")', ['login password r8NMHRX9GDSduu7q']],
    ['page.login(user, password)', []],
    ["$ok = ldap_bind($ds, 'CN=svc,DC=example,DC=org', 'Harbor#2007x');", ['ldap_bind password Harbor#2007x']],
    ['$ok = ldap_bind($ds, $dn, $pw);', []],
    ['$db = new mysqli("db", "app", "q7h12LqTiDc4SfGb", "app");', ['mysqli password q7h12LqTiDc4SfGb']],
    ['$pdo = new PDO($dsn, "app", "changeme");', []],
    ["conn.simple_bind_s('cn=admin,dc=example,dc=org', 'Birch-Lantern-42!')", ['simple_bind_s password Birch-Lantern-42!']],
    ['DriverManager.getConnection(url, "sa", "Tq9#mWv2Lp")', ['getConnection password Tq9#mWv2Lp']],
    ['requests.get(u, auth=HTTPBasicAuth("bob", "tGMJR8L==Sh0Z=mQ.6"))', ['HTTPBasicAuth password tGMJR8L==Sh0Z=mQ.6']],
    ["token = jwt.encode(payload, 'Xv9qLm2Rt8Wz4Kp7Hn3B', algorithm='HS256')", ['encode secret Xv9qLm2Rt8Wz4Kp7Hn3B']],
    ['token = jwt.encode(payload, settings.SECRET_KEY)', []],
    // a browser automation's login: a form's password field, named by its selector, given a string
    ['form.querySelector("input[name=password]").value = "wF7*dx0UYeMetpDu";', ['form password wF7*dx0UYeMetpDu']],
    ["await page.fill('#password', 'Xk29sLq0PzW7m');", ['form password Xk29sLq0PzW7m']],
    ["await page.locator('input[type=password]').fill('Xk29sLq0PzW7q');", ['form password Xk29sLq0PzW7q']],
    ['driver.find_element(By.NAME, "password").send_keys("Xk29sLq0PzW7r")', ['form password Xk29sLq0PzW7r']],
    ["await page.fill('#password', process.env.PORTAL_PASSWORD);", []],
    ["console.log('password', 'Xk29sLq0PzW7m');", []],
    ["await page.fill('#username', 'Xk29sLq0PzW7m');", []],
    // a login as a pair of strings under an authentication's name
    ['AUTH = ("harvester", "tGMJR8L==Sh0Z=mQ.6")', ['auth password tGMJR8L==Sh0Z=mQ.6']],
    ["es = Elasticsearch(hosts, http_auth=('elastic', 'changeme'))", []],
    // Hardhat's network accounts: private keys
    [
      'accounts: ["0xa3afaf7d739184c43dc06e37d9d94cd157595461374065815e28f57c28ae915b"],',
      ['accounts private key 0xa3afaf7d739184c43dc06e37d9d94cd157595461374065815e28f57c28ae915b'],
    ],
    ['accounts: process.env.KEY ? [process.env.KEY] : [],', []],
  ];
  for (const [text, expected] of cases) {
    it(text, () => {
      expect(found(text)).toEqual(expected);
    });
  }

  it('a call whose arguments run past the line in an open string is not read', () => {
    expect(found("create_superuser('a', 'b@example.org', 'Falcon@2001x\n')")).toEqual([]);
  });
});
