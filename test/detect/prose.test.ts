import { describe, expect, it } from 'vitest';
import { findProseCredential, findSlashedLogin } from '../../src/detect/prose.js';
import { ALNUM, fake } from './fake.js';

const token = `cAeF-${fake(ALNUM, 38)}=`;

describe('findProseCredential', () => {
  it.each([
    ['initial superuser password was Granite-quartz-2845 (changed? check with Jana)', 'Granite-quartz-2845', 'password'],
    ['root password after 2024-05 reset: Harbor-harbor-3816', 'Harbor-harbor-3816', 'password'],
    ['Default id pass Username: admin@example.com Password: Admin123456', 'Admin123456', 'password'],
    [`old bot token, revoked 2024-03? ${token}`, token, 'token'],
    ['the wifi passphrase is Otter-Violet-77.', 'Otter-Violet-77', 'password'],
    ['old creds from before we rotated: airbyte / Pylon_Harbor_62', 'Pylon_Harbor_62', 'password'],
    ['netbank login mkovacs / WH22GiIZGDxQ (old, before the app switch)', 'WH22GiIZGDxQ', 'password'],
    // right after its word, without a linking word; the word in other languages
    ['temporary account for the IT contractor, password Xs8@5~z@X=_S (remove after go-live)', 'Xs8@5~z@X=_S', 'password'],
    ['Webmaster-Zugang: Benutzer `webmaster`, Passwort `Buchbinder!1988&`', 'Buchbinder!1988&', 'password'],
    ['Kennwort: Sommer2024xY', 'Sommer2024xY', 'password'],
    // a name and generated hex digits after a token's word (Nightscout's subject tokens), in a code span or a query
    ['Caregiver phone: token `loop-4128df556837ef35`.', 'loop-4128df556837ef35', 'token'],
    ['Follower link: https://ns.example.org/?token=oma-d825cd25e6008696', 'oma-d825cd25e6008696', 'token'],
    // a URL query's password up to the next parameter
    ['http://line.example.net/get.php?username=kh4471902&password=ktj4kg2b3g&type=m3u_plus', 'ktj4kg2b3g', 'password'],
  ])('%s', (line, secret, kind) => {
    const found = findProseCredential(line);
    expect(found && { secret: line.slice(found.start, found.end), kind: found.kind }).toEqual({ secret, kind });
  });

  it.each([
    'password is required',
    'the token is stored in /run/secrets/token',
    'set the password to ${DB_PASSWORD}',
    'token: <your token here>',
    'password: changeme',
    // a login whose password is a word, or says where it is
    'login: admin / see-the-vault',
    'the login page / Dashboard2024 menu',
    'the secret key is generated at first start',
    'api key for https://example.org, see 1Password item "Stripe Prod"',
    // a digest is not the secret's: no secret word before it
    'image: nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    // the public half, an identifier, a JWT's or a key's other kinds
    'public key: AAAAC3NzaC1lZDI1NTE5AAAAIKx7Vd9hqYv3QmPq4gKdJ2aF8cT0sLpE1uNwXzR6bYcM',
    `token id ${fake(ALNUM, 30)}`,
    'the password hash is $2b$12$Vsi628D3OpQO3uwD5o1gRZvnLuU.N6ON725SCx1khQav03RD.Ofsi',
    // a word of the sentence, not a password: no digit, one case
    'the password was rotated yesterday by the on-call engineer',
    // a word after it is no password: one case, or no digit
    'password protected archive of the accounts',
    'Passwort vergessen? Siehe Handbuch',
    // hex in a code span after a bare `key` (a fingerprint's, an analytics app's key: README sentences of sets AK and AR)
    'Backups are signed with GPG key `9653da53ab8f1e39d24ca13681d6a7fc34d6e5fa`.',
    // a build's cache key is written as a name and hex digits too
    'Build cache key: `build-4128df556837ef35`.',
    // a UUID after a token's word (as often a resource's id), a query's variable and a query's placeholder
    'Postmark: server "panel", token `73090902-6a8b-4d0b-9360-ed3b4ee71b79`.',
    'https://x.example/?password=${PW}&a=1',
    'https://x.example/get.php?username=USER&password=changeme1&type=m3u_plus',
  ])('%s: nothing', (line) => {
    expect(findProseCredential(line)).toBeUndefined();
  });
});

describe('findSlashedLogin', () => {
  it.each([
    ['emergency: mail backup to treasurer with smtp user tresorier / Sommer_1992', 'Sommer_1992'],
    // the password named again after the slash
    ['  user: archive@pressarchive.net / pass: NSfkBeUMz0DV0rKu6xx', 'NSfkBeUMz0DV0rKu6xx'],
  ])('%s', (line, secret) => {
    const found = findSlashedLogin(line);
    expect(found && line.slice(found.start, found.end)).toBe(secret);
  });

  it.each(['user admin / see the vault', 'the login page / Dashboard menu'])('%s: nothing', (line) => {
    expect(findSlashedLogin(line)).toBeUndefined();
  });
});
