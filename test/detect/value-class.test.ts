import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/lint.js';
import { emptySettings } from '../../src/settings.js';
import { classifyValue, type ValueClass } from '../../src/detect/value-class.js';
import { judgeNamedValue } from '../../src/detect/scan.js';
import { nameLooseness } from '../../src/detect/keys.js';
import { ALNUM, BASE32, fake } from './fake.js';

/** Each category of value, both sides: what is not a secret, and the look-alike that is. */
describe('classifyValue', () => {
  const cases: [string, string, ValueClass][] = [
    // application references: the program reads the secret from somewhere else
    ['Home Assistant !secret', '!secret influx_token', 'reference'],
    ['Recyclarr !env_var', '!env_var SONARR_API_KEY', 'reference'],
    ['authentik !Env', '!Env GRAFANA_OAUTH_SECRET', 'reference'],
    ['authentik !Find', '!Find [authentik_crypto.certificatekeypair, [name, "x"]]', 'reference'],
    ['Zigbee2MQTT !secret.yaml', '!secret.yaml network_key', 'reference'],
    ['Unpackerr filepath:', 'filepath:/run/secrets/sonarr_key', 'reference'],
    ['Postfix texthash:', 'texthash:/etc/postfix/sasl-password.cf', 'reference'],
    ['Dovecot <file', '</etc/letsencrypt/live/mail/privkey.pem', 'reference'],
    ['a list of key files', 'ssh/gitea.ed25519,ssh/gitea.rsa', 'reference'],
    ['a secret store path', 'secret/data/billing/db-password', 'reference'],
    ['a password starting with !', '!Xk9#mQ2vL', 'literal'],
    ['Serverless Framework ${ssm:…}', '${ssm:/prod/db/password}', 'reference'],
    ['a vault lookup ${vault:…}', '${vault:secret/data/app#password}', 'reference'],
    ["helmfile's vals ref+vault://", 'ref+vault://secret/app#/password', 'reference'],
    ['Azure Key Vault azkv://', 'azkv://shop-vault/db-password', 'reference'],
    ['GitHub Actions ${{ secrets.X }}', '${{ secrets.DB_PASSWORD }}', 'template'],
    ["Nomad/Levant's [[ .Env.X ]]", '[[ .Env.DB_PASSWORD ]]', 'template'],
    ['Concourse ((var))', '((db_password))', 'template'],
    ['consul-template, several actions', '{{ with secret "kv/db" }}{{ .Data.password }}{{ end }}', 'template'],
    ['a required variable ${X:?message}', '${DB_PASSWORD:?set the password}', 'template'],
    ["PHP's {$var}", '{$dbPassword}', 'template'],
    ['a password in double parentheses with blanks around', '((Xk9 mQ2 vL', 'literal'],
    ["a key file's bare name", 'sp.pem', 'reference'],
    ['a password ending in a word like an extension', 'Hx7kq2Lm.keys', 'literal'],
    ["Shibboleth's property reference", '%{idp.sealer.password}', 'template'],
    ["Shibboleth's property reference with a default", '%{idp.authn.LDAP.bindDNCredential:undefined}', 'template'],
    ["Shibboleth's key path under its home", '%{idp.home}/credentials/idp-signing.key', 'template'],
    ["GoCD's encrypted secure variable", 'AES:9GkDu16iNNoYe3tFr1I0rg==:IxLqTb3raXoEmPNm8LpehOb2dieEdsfPl1UIZ/bwS4mXVA', 'encrypted'],
    ['a password with a colon', 'Ab:3/x9Lq', 'literal'],
    ["Roundcube's user-password macro", '%p', 'template'],
    ['ASP.NET Core Identity v3 hash', 'AQAAAAEAACcQAAAAEDZGK0D28hhLHanFHkYKoPgiD51qIhDgE8OThF1fFxq8LhNgp0nwjCzPBIQ8qu3hjQ==', 'hash'],
    ['an autoconf placeholder', '@FIREBASE_KEY@', 'template'],
    ['an ecFlow job variable', '%ECF_PASS%', 'template'],
    ["DAViCal's salted hash", '*KUSf6p*{SSHA}/YiAxRQYnbjVqM3kZY/m/CjwB0f1ONyA', 'hash'],
    ["DAViCal's clear-text marker is the password", '**Kq9vLm2Xp7Rz', 'literal'],
    // templates another program fills in
    ['Frigate {NAME}', '{FRIGATE_MQTT_PASSWORD}', 'template'],
    ['Go template', '{{ secret "/run/secrets/x" }}', 'template'],
    ['Grafana $__file', '$__file{/run/secrets/smtp}', 'template'],
    ['program-expanded ${VAR}', '${LOKI_PASSWORD}', 'template'],
    ['Maven @NAME@', '@DB_PASSWORD@', 'template'],
    ['entrypoint __NAME__', '__SECRET_KEY__', 'template'],
    ['braces inside a password', 'a{b}c-Xq93', 'literal'],
    // code that reads the secret at run time
    ['JavaScript process.env', 'process.env.NODE_RED_CREDENTIAL_SECRET', 'code'],
    ['Ruby ENV[]', "ENV['LDAP_BIND_PASSWORD']", 'code'],
    ['Alloy sys.env()', 'sys.env("LOKI_PASSWORD")', 'code'],
    ['shell $(cat)', '$(cat /run/secrets/db)', 'code'],
    ['Kafka converter class', 'org.apache.kafka.connect.storage.StringConverter', 'code'],
    ['a dotted password', 'Blue.Horse.42', 'literal'],
    // hashes beyond bcrypt/argon2/apr1
    ['sha512-crypt', '$6$rounds=5000$saltsalt$' + fake(ALNUM, 86), 'hash'],
    ['sha512-crypt, Compose-escaped', '$$6$$saltsalt$$' + fake(ALNUM, 86), 'hash'],
    ['bcrypt, Compose-escaped', '$$2b$$12$$' + fake(ALNUM, 53), 'hash'],
    ['pbkdf2 (Authelia)', '$pbkdf2-sha512$310000$' + fake(ALNUM, 22) + '$' + fake(ALNUM, 86), 'hash'],
    ['Django pbkdf2', 'pbkdf2_sha256$600000$' + fake(ALNUM, 22) + '$' + fake(ALNUM, 43), 'hash'],
    ['SCRAM verifier', 'SCRAM-SHA-256$' + '4096:' + fake(ALNUM, 24) + '$' + fake(ALNUM, 44) + ':' + fake(ALNUM, 44), 'hash'],
    ['PostgreSQL md5', 'md5' + fake('0123456789abcdef', 32), 'hash'],
    ['Dovecot scheme', '{SHA512-CRYPT}$6$' + fake(ALNUM, 40), 'hash'],
    ['htpasswd user:hash', 'admin:$apr1$' + fake(ALNUM, 8) + '$' + fake(ALNUM, 22), 'hash'],
    ['Keycloak hash record', '{\\"value\\":\\"' + fake(ALNUM, 40) + '\\",\\"salt\\":\\"' + fake(ALNUM, 22) + '\\"}', 'hash'],
    ['Dovecot {PLAIN} is clear text', '{PLAIN}Scan2Mail!x', 'literal'],
    ['Spring {bcrypt}', '{bcrypt}$2a$10$' + fake(ALNUM, 53), 'hash'],
    ['Spring {noop} is clear text', '{noop}Spring-Pass-1', 'literal'],
    // values encrypted for the program (the key is the secret, kept elsewhere)
    ['Jasypt ENC()', 'ENC(' + fake(ALNUM, 44) + ')', 'encrypted'],
    ['Spring Cloud Config {cipher}', '{cipher}' + fake('0123456789abcdef', 64), 'encrypted'],
    ['SOPS', 'ENC[AES256_GCM,data:' + fake(ALNUM, 20) + ',iv:' + fake(ALNUM, 20) + ',type:str]', 'encrypted'],
    ['a password starting with ENC', 'ENCx7-Pass', 'literal'],
    ['a password starting with $', '$ecretPass99', 'literal'],
    // public keys and public-by-design tokens
    ['SSH public key', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA' + fake(ALNUM, 40) + ' ca', 'public'],
    ['PEM certificate', '-----BEGIN CERTIFICATE-----\nMIIB', 'public'],
    ['Mapbox public token', `pk.eyJ1Ijoi${fake(ALNUM, 40)}.${fake(ALNUM, 22)}`, 'public'],
    ['PostHog project key', `phc_${fake(ALNUM, 43)}`, 'public'],
    ['Mapbox secret token', `sk.eyJ1Ijoi${fake(ALNUM, 40)}.${fake(ALNUM, 22)}`, 'literal'],
    // identifiers
    ['AWS access key id', `AKIA${fake(BASE32, 16)}`, 'identifier'],
    // switches, modes, masks and declared non-secrets
    ['generate on first start', 'GENERATE', 'boolean-like'],
    ['a mode word', 'public', 'boolean-like'],
    ['a mask', '**********', 'empty'],
    ['a keyless backend', 'sk-no-key-required', 'empty'],
    ['a key that merely contains "no"', 'snowkey-4471', 'literal'],
    // settings: timestamps, domains; structures are judged by their content
    ['a timestamp', '2024-11-03T10:12:44Z', 'setting'],
    ['a domain prefix', 'shop.example.de:', 'setting'],
    ['a namespace', 'wcshop_prod_', 'setting'],
    ['a namespace whose last part has a digit', 'cache_v2_', 'setting'],
    ['words, a number and a mark: a password people make up', 'yonder_meadow_92.', 'literal'],
    ['a duration (a token lifespan)', '1h', 'setting'],
    ['a compound duration', '1h30m', 'setting'],
    ['a password that starts with digits and h', '1hunter2', 'literal'],
    ['a GitHub OAuth app client id', 'Ov23liDTpGpbHE4XMR5L', 'identifier'],
    ['a GitHub App client id', 'Iv1.8a61f9b3a7aba766', 'identifier'],
    [
      'a Shiro hash (a scheme with parameters, salt and hash)',
      '$shiro1$SHA-256$500000$7kOLMduWnJ8nk1LhomGORQ==$UIj9dtueXHVFW4OizQFnRNEoGUYDPqgHCV0sWXQsg6s=',
      'hash',
    ],
    [
      'a CouchDB admin hashed by the server (derived key, salt, iterations)',
      '-pbkdf2-6a0b4e8c21f3d97b5e0c4a1f8d2b7e6c9a3f5d01,5c2a9e7f1b3d8c604e1a7f9b2d5c3e80,10',
      'hash',
    ],
    ['a password that starts with -pbkdf2-', '-pbkdf2-Harbor.maple.31', 'literal'],
    ['a password marked as clear text by its scheme', '$plaintext$2DK77hej7YiTviKPHg7c2FX9gSxzmqL2mBSQw1AHZ5ST435e', 'literal'],
    ['a default key that looks dotted', 'argilla.apikey', 'literal'],
    ['an empty JSON list', '[]', 'structure'],
    ['a Terraform variable', 'var.npm_token', 'code'],
    ["Telegraf's secret-store reference", '@{secretstore:weather_key}', 'reference'],
    ['a password that starts with @{', '@{Hx7kq2Lm9vPz', 'literal'],
    ['a Terraform data source attribute', 'data.coder_external_auth.github.access_token', 'code'],
    ['a Terraform indexed reference', 'module.db[0].password', 'code'],
    ["a Terraform resource's attribute", 'random_password.db.result', 'code'],
    ["a token shaped like a resource's attribute", 'api_live.WtsrNnYJif-.CybKm_pYxD4Oh95zn1ofFBjpOVUDai3L', 'literal'],
    ['a password that starts with a Terraform word', 'var.Hx7kq2Lm9vPz!', 'literal'],
    ['a JSON object', '{"client_secret":"x"}', 'structure'],
    ["Maven's encrypted password", '{IVeiutFVbKhd8e9UjRcxGnH05fQ=}', 'encrypted'],
    ['a short value in braces', '{Hx7kq2Lm}', 'template'],
    ['a password that starts with <', '<Hx7kq2Lm9!', 'literal'],
    ["Stripe's test card token", 'tok_visa', 'public'],
    ["Stripe's test payment method", 'pm_card_mastercard', 'public'],
    ['a Stripe token', 'tok_1N3xKq2eZvKYlo2C8d7Fg6Hj', 'literal'],
  ];
  it.each(cases)('%s → %s', (_, value, expected) => {
    expect(classifyValue(value)).toBe(expected);
  });
});

/** Lint a compose text; the findings as `line rule message-start`. */
async function findings(text: string): Promise<string[]> {
  const result = await lintText('compose.yaml', text, { settings: emptySettings() });
  return result.findings.map((f) => `${f.line} ${f.ruleId} ${f.message.split(' ').slice(0, 4).join(' ')}`);
}

describe('value classes in files', () => {
  it('an application reference inside a config block is not a secret; a literal next to it is', async () => {
    const text = [
      'services:',
      '  ha:',
      '    image: homeassistant/home-assistant',
      '    configs: [ha]',
      'configs:',
      '  ha:',
      '    content: |',
      '      influxdb:',
      '        token: !secret influx_token',
      '        password: "{FRIGATE_MQTT_PASSWORD}"',
      '        api_key: !env_var SONARR_API_KEY',
      '        client_secret: Xq93mZ0rTb71LwPe',
      '',
    ].join('\n');
    expect(await findings(text)).toEqual(['12 hardcoded-credential client_secret holds a hardcoded']);
  });

  it('a Compose-escaped hash is a hash; the password next to it is reported', async () => {
    const text = [
      'services:',
      '  nodered:',
      '    image: nodered/node-red',
      '    environment:',
      `      ADMIN_PASSWORD_HASH_X: "$$2b$$08$$${fake(ALNUM, 53)}"`,
      `      EDITOR_PASSWORD: "$$6$$saltsalt$$${fake(ALNUM, 86)}"`,
      '      DB_PASSWORD: "Fr0g$$legs"',
      '',
    ].join('\n');
    expect(await findings(text)).toEqual(['7 secret-in-environment DB_PASSWORD holds a hardcoded']);
  });

  it('public-by-design keys under a frontend prefix are not reported; a secret under one is', async () => {
    const text = [
      'services:',
      '  web:',
      '    build:',
      '      context: .',
      '      args:',
      `        NEXT_PUBLIC_FIREBASE_API_KEY: AIza${fake(ALNUM, 35)}`,
      `        NEXT_PUBLIC_MAPBOX_TOKEN: pk.eyJ1Ijoi${fake(ALNUM, 40)}.${fake(ALNUM, 22)}`,
      `        NEXT_PUBLIC_STRIPE_SECRET: sk_live_${fake(ALNUM, 24)}`,
      '',
    ].join('\n');
    expect(await findings(text)).toEqual(['8 secret-in-build-args build argument NEXT_PUBLIC_STRIPE_SECRET holds']);
  });

  it('an empty JSON default is not a signing key; a JSON credential is', async () => {
    const text = [
      'services:',
      '  auth:',
      '    image: supabase/gotrue',
      '    environment:',
      '      GOTRUE_JWT_KEYS: ${JWT_KEYS:-[]}',
      `      COMPOSER_AUTH: '{"http-basic":{"repo.example.com":{"username":"${fake(ALNUM, 30)}","password":"x"}}}'`,
      '',
    ].join('\n');
    expect(await findings(text)).toEqual([
      '5 secret-via-environment GOTRUE_JWT_KEYS passes a signing',
      '6 secret-in-environment COMPOSER_AUTH holds a hardcoded',
    ]);
  });

  it('a URL password that another program fills in is not a secret; a literal one is', async () => {
    const text = [
      'services:',
      '  frigate:',
      '    image: ghcr.io/blakeblackshear/frigate',
      '    environment:',
      '      CAM1: rtsp://admin:{FRIGATE_RTSP_PASSWORD}@192.168.20.11:554/main',
      '      CAM2: rtsp://admin:Kx81mQpz@192.168.20.12:554/main',
      '',
    ].join('\n');
    expect(await findings(text)).toEqual(['6 secret-in-environment CAM2 holds a hardcoded']);
  });
});

describe('a word of a sentence (review of set U)', () => {
  it.each(['to', 'The', 'with', 'your'])('%s is no value', (v) => {
    expect(classifyValue(v)).toBe('empty');
  });
  it('a word that is no function word is judged as before', () => {
    expect(classifyValue('tomato-42-Granite')).toBe('literal');
  });
});

describe('values of sets BN and BO that are no secret', () => {
  it("Transmission's salted SHA-1 of its RPC password is a hash; a secret of that length that does not open with `{` is not", () => {
    expect(classifyValue('{06fa87189ad76657fb26b8fee2c02d6209cd27f4gonyl2j2')).toBe('hash');
    expect(classifyValue('06fa87189ad76657fb26b8fee2c02d6209cd27f4gonyl2j2')).toBe('literal');
  });
  it('hex of text (hydrus\'s "local tags") names a thing; hex of random bytes, or of a password with digits, is a value', () => {
    expect(classifyValue('6c6f63616c2074616773')).toBe('setting');
    expect(classifyValue('4244cb6decde84fb74e7845882141d2f')).toBe('literal');
    expect(classifyValue('70617373776f7264313233')).toBe('literal');
  });
  it("Perl's read from a file handle and Elixir's read of a secret's file are code", () => {
    expect(classifyValue('<$fh>);')).toBe('code');
    expect(classifyValue('<STDIN>')).not.toBe('literal');
    expect(classifyValue('File.read!(System.fetch_env!(')).toBe('code');
    expect(classifyValue('File.read!(System.fetch_env!("PASSWORD_PEPPER_FILE")) |> String.trim(),')).toBe('code');
    expect(classifyValue('<your-token>')).not.toBe('code');
  });
  it('a tuple of attribute reads cut at its first blank is code; a password in parentheses is not', () => {
    expect(classifyValue('(self.conn.login,')).toBe('code');
    expect(classifyValue('(settings.smtp_user')).toBe('code');
    expect(classifyValue('(Pass.word1')).toBe('literal');
    expect(classifyValue('(hunter2)')).not.toBe('code');
  });
});

describe('values of sets BP and BQ', () => {
  it("Java's PBKDF2 record as Yamcs keeps it is a hash", () => {
    expect(classifyValue(`PBKDF2WithHmacSHA1:1000:${'0e'.repeat(16)}:${'1f'.repeat(20)}`)).toBe('hash');
    expect(classifyValue('PBKDF2WithHmacSHA1')).toBe('literal');
  });
});

describe('values of sets BR and BS', () => {
  it("a fingerprint's bytes joined by colons are public; hex without colons is judged as before", () => {
    expect(classifyValue(Array.from({ length: 32 }, (_, i) => (i * 7 + 16).toString(16).padStart(2, '0')).join(':'))).toBe('public');
    expect(classifyValue('c41e9a0755b23d880f61e42a9cd7135e60b8aa4f0291cc7de836451bf0a2d977')).toBe('literal');
  });
});

describe('values of sets BW and BX', () => {
  it("a hashing method's name under a password's name says how it is hashed; a word beside it is judged as before", () => {
    expect(judgeNamedValue(nameLooseness('pw'), 'md5')).toBe('setting');
    expect(judgeNamedValue(nameLooseness('password_encryption'), 'scram-sha-256')).toBe('setting');
    expect(judgeNamedValue(nameLooseness('password'), 'md5sum42')).toBe('literal');
  });
});

describe('values of set BU', () => {
  it('a lone `token=…` states a token under its own word; `mode=strict` and a word after `token=` are settings', () => {
    expect(judgeNamedValue(nameLooseness('API_SECRET'), 'token=rig-83231b8ead84ebd0')).toBe('literal');
    expect(judgeNamedValue(nameLooseness('API_SECRET'), 'mode=strict')).toBe('setting');
    expect(judgeNamedValue(nameLooseness('AUTH_TOKEN'), 'token=none')).toBe('setting');
  });
});
