import { describe, expect, it } from 'vitest';
import { VALUE_PATTERNS } from '../../src/detect/patterns.js';
import { scanValue } from '../../src/detect/scan.js';
import { ALNUM, B64, B64URL, BASE32, BECH32, DIGITS, HEX, LOWER_ALNUM, UPPER_ALNUM, fake } from './fake.js';

interface Case {
  id: string;
  /** the text scanned */
  text: string;
  /** the secret part expected (defaults to the whole text) */
  secret?: string;
}

const hex = (n: number) => fake(HEX, n);
const alnum = (n: number) => fake(ALNUM, n);
const uuid = () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;

const pemBody = () => Array.from({ length: 4 }, () => fake(B64, 64)).join('\n');
const pem = (label: string) => `-----BEGIN ${label}-----\n${pemBody()}\n-----END ${label}-----`;
const azureKey = fake(B64, 86) + '==';
const sasSig = fake(B64, 43) + '%3D';
const awsSecret = fake(B64, 40);
const synapseSeed = fake(B64, 43);
const shoutrrrToken = 'Pce9' + fake(ALNUM, 60);
const KAFKA_SECRET = 'KQ' + fake(ALNUM, 20);
const UPTRACE_TOKEN = 'IBSyTJk-9l' + fake(ALNUM, 10) + 'Q2';
const infuraId = fake('0123456789abcdef', 32);
const alchemyKey = fake(ALNUM, 32);
const sasKey = fake(ALNUM, 43) + '=';
const gcpJsonKey = `-----BEGIN PRIVATE KEY-----\\n${fake(B64, 64)}\\n${fake(B64, 64)}\\n-----END PRIVATE KEY-----\\n`;

const ztPrivate = hex(128);
const urlKey = `c0Db${fake(ALNUM, 16)}9`;
const brewfatherId = alnum(14);

const POSITIVES: Case[] = [
  { id: 'private-key', text: pem('RSA PRIVATE KEY') },
  { id: 'private-key', text: pem('OPENSSH PRIVATE KEY') },
  { id: 'private-key', text: pem('EC PRIVATE KEY') },
  { id: 'private-key', text: pem('PRIVATE KEY') },
  { id: 'private-key', text: pem('ENCRYPTED PRIVATE KEY') },
  { id: 'private-key', text: pem('PGP PRIVATE KEY BLOCK') },
  {
    id: 'private-key',
    text: `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,${hex(32).toUpperCase()}\n\n${pemBody()}\n-----END RSA PRIVATE KEY-----`,
  },
  // inside a JSON service-account file, newlines escaped
  { id: 'private-key', text: `{"type":"service_account","private_key":"${gcpJsonKey.slice(0, -2)}"}`, secret: gcpJsonKey.slice(0, -2) },
  { id: 'url-query-key', text: `http://redmine:3000/sys/fetch_changesets?key=${urlKey}`, secret: urlKey },
  { id: 'url-query-key', text: `https://tiles.example.org/styles/basic.json?lang=de&key=${urlKey}&v=2`, secret: urlKey },
  { id: 'age-secret-key', text: 'AGE-SECRET-KEY-1' + fake(BECH32, 58) },
  { id: 'nostr-private-key', text: 'nsec1' + fake(BECH32, 58).toLowerCase() },
  { id: 'cds-api-key', text: 'key: 774442:9b2d1283-dbd0-4ade-9980-f0d4b96f426a', secret: '774442:9b2d1283-dbd0-4ade-9980-f0d4b96f426a' },
  { id: 'cds-api-key', text: "edit CDSAPI_KEY '140797:c0f359c7-521b-4459-b1d9-52bd242ca2d5'", secret: '140797:c0f359c7-521b-4459-b1d9-52bd242ca2d5' },
  { id: 'ethstats-secret', text: '--ethstats=archive-01:J4w4whmLuaf9QGyKugs6Vkq3@stats.example.org:443', secret: 'J4w4whmLuaf9QGyKugs6Vkq3' },
  { id: 'steam-gslt', text: 'sv_setsteamaccount "560AE6369BDAE9DC08B24FBE3A0EF4E6" // GSLT', secret: '560AE6369BDAE9DC08B24FBE3A0EF4E6' },
  { id: 'twitch-chat-oauth', text: 'TWITCH_CHAT_OAUTH: "oauth:5nj54zny5hbbiwi1c9vaam8fly7o3f"', secret: '5nj54zny5hbbiwi1c9vaam8fly7o3f' },
  {
    id: 'steam-gslt',
    text: './srcds_run -game csgo +sv_setsteamaccount 560AE6369BDAE9DC08B24FBE3A0EF4E6 +map de_dust2',
    secret: '560AE6369BDAE9DC08B24FBE3A0EF4E6',
  },
  { id: 'etpro-oinkcode', text: '- https://rules.emergingthreatspro.com/5f3002ab981d04d4/suricata-7.0.3/etpro.rules.tar.gz', secret: '5f3002ab981d04d4' },
  { id: 'uptime-kuma-push-token', text: 'curl -fsS https://status.example.org/api/push/bWd60wAPLutKu9Jz?status=up', secret: 'bWd60wAPLutKu9Jz' },
  {
    id: 'deploy-hook-token',
    text: 'curl -X POST https://panel.example.app/api/deploy/21d5f1fb8c32d92b90d409e8f376d2bdcba68a73',
    secret: '21d5f1fb8c32d92b90d409e8f376d2bdcba68a73',
  },
  {
    id: 'pipeline-trigger-token',
    text: 'curl -X POST https://mage.example.org/api/pipeline_schedules/14/pipeline_runs/4596fdb822d39b9527137e0e43fd12c3',
    secret: '4596fdb822d39b9527137e0e43fd12c3',
  },
  { id: 'erlang-cookie', text: '-setcookie L7JNVW3L3FI45Z1RPO2YQASWJZWJ11QF', secret: 'L7JNVW3L3FI45Z1RPO2YQASWJZWJ11QF' },
  {
    id: 'ical-feed-token',
    text: 'SCHOOL_ICS_URL: https://ent.example.fr/ical/52d3a802b14155d87bbb7069d3163e6a6d2ffa09.ics',
    secret: '52d3a802b14155d87bbb7069d3163e6a6d2ffa09',
  },
  {
    id: 'ical-feed-token',
    text: 'url = "https://calendar.google.com/calendar/ical/team%40example.org/private-9f1c2e3d4b5a69788796a5b4c3d2e1f0/basic.ics"',
    secret: '9f1c2e3d4b5a69788796a5b4c3d2e1f0',
  },
  { id: 'nats-nkey-seed', text: 'SU' + fake(BASE32, 56) },
  { id: 'aws-access-key-id', text: 'AKIA' + fake(BASE32, 16) },
  { id: 'do-spaces-access-key-id', text: 'DO00' + fake(BASE32, 16) },
  { id: 'aws-access-key-id', text: 'ASIA' + fake(BASE32, 16) },
  { id: 'url-user-token', text: `discord://${shoutrrrToken}@4827478537803487784`, secret: shoutrrrToken },
  { id: 'url-user-token', text: `https://${UPTRACE_TOKEN}@api.uptrace.dev?grpc=4317`, secret: UPTRACE_TOKEN },
  { id: 'webhook-url-token', text: 'https://chat.example.org/hooks/we7xsbqr4kbgr6mjgssdwyvwvn', secret: 'we7xsbqr4kbgr6mjgssdwyvwvn' },
  { id: 'oracle-password', text: 'jdbc:oracle:thin:scott/Tiger4711@//db.example.com:1521/ORCL', secret: 'Tiger4711' },
  { id: 'oracle-password', text: 'sqlplus scott/Tiger4711@//db:1521/XE', secret: 'Tiger4711' },
  { id: 'pgpass-password', text: 'db:5432:app:app:PgPassLine1\n*:*:*:admin:PgPassLine2', secret: 'PgPassLine1' },
  { id: 'flexisip-clrtxt', text: 'alice@sip.example.org clrtxt:T9__InaDe1!OTZ ;', secret: 'T9__InaDe1!OTZ' },
  { id: 'fetchmail-password', text: '  user "support@lists.example.net" password "Fetch.mail-42" ssl', secret: 'Fetch.mail-42' },
  { id: 'dnsdist-console-key', text: 'setKey("BIQmZdCDqWMnCDxNaduTegtZMup3FGr5oUJvYlkZggM=")', secret: 'BIQmZdCDqWMnCDxNaduTegtZMup3FGr5oUJvYlkZggM=' },
  { id: 'forward-proxy-basic-auth', text: 'forward_proxy {\n  basic_auth kovar ItSQZtr638j_UxGxXZ\n  hide_ip\n}', secret: 'ItSQZtr638j_UxGxXZ' },
  {
    id: 'azure-communication-access-key',
    text: 'endpoint=https://acs.communication.azure.com/;accesskey=QRNpnlxgjBc8CQGKuw+47sK5Trwr71Tgq+fjnAbcDeFgHiJkLmNoPqRsTuVwXyZ0123456789ab==',
    secret: 'QRNpnlxgjBc8CQGKuw+47sK5Trwr71Tgq+fjnAbcDeFgHiJkLmNoPqRsTuVwXyZ0123456789ab==',
  },
  { id: 'fetchmail-password', text: 'poll pop.example.net proto pop3 user bob there with pass "Fetch.mail-43"', secret: 'Fetch.mail-43' },
  { id: 'netrc-password', text: 'machine urs.earthdata.nasa.gov login eolab password Copper.cobalt.45', secret: 'Copper.cobalt.45' },
  { id: 'netrc-password', text: 'machine api.example.com\n  login bot\n  password NetrcPw-77', secret: 'NetrcPw-77' },
  { id: 'netrc-password', text: "printf 'machine git.example.org\\nlogin ci\\npassword NetrcPw-78\\n' > /root/.netrc", secret: 'NetrcPw-78' },
  { id: 'github-oauth-client-id', text: 'Ov23liDTpGpbHE4XMR5L' },
  { id: 'github-oauth-client-id', text: 'Iv1.8a61f9b3a7aba766' },
  { id: 'secret-token-uri', text: 'secret-token:YK4HKCDMTP9H35WWX2RAPAEHMTM7ZZ2K8EYFEN41JESTXCF0QA1Q' },
  { id: 'salesforce-consumer-key', text: '3MVG9wWuhjJbgNWhC5eG6zGeCZM0QHfwasSqav0X5.WvPNQoqKApST.GKl0CcP3Tgy5s0.Yp_K5Jc0O_oiaDd' },
  { id: 'rpc-url-key', text: `https://mainnet.infura.io/v3/${infuraId}`, secret: infuraId },
  { id: 'rpc-url-key', text: `wss://eth-mainnet.g.alchemy.com/v2/${alchemyKey}`, secret: alchemyKey },
  { id: 'mapbox-public-token', text: `pk.eyJ1Ijoi${fake(ALNUM, 40)}.${fake(ALNUM, 22)}` },
  { id: 'posthog-project-key', text: `phc_${fake(ALNUM, 43)}` },
  { id: 'stripe-publishable-key', text: `pk_live_${fake(ALNUM, 24)}` },
  { id: 'plain-scheme-password', text: 'scanner@example.org|{PLAIN}Scan2Mail!x', secret: 'Scan2Mail!x' },
  { id: 'synapse-signing-key', text: `ed25519 a_9fQe ${synapseSeed}`, secret: synapseSeed },
  { id: 'aws-secret-access-key', text: `aws_secret_access_key = ${awsSecret}`, secret: awsSecret },
  { id: 'aws-secret-access-key', text: `AWS_SECRET_ACCESS_KEY: "${awsSecret}"`, secret: awsSecret },
  { id: 'google-api-key', text: 'AIza' + fake(B64URL, 35) },
  { id: 'google-oauth-client-secret', text: 'GOCSPX-' + fake(B64URL, 28) },
  {
    id: 'azure-storage-account-key',
    text: `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${azureKey};EndpointSuffix=core.windows.net`,
    secret: azureKey,
  },
  {
    id: 'azure-shared-access-key',
    text: `Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${sasKey}`,
    secret: sasKey,
  },
  { id: 'azure-sas-signature', text: `https://acct.blob.core.windows.net/c?sv=2022-11-02&ss=b&srt=co&sp=rl&sig=${sasSig}`, secret: sasSig },
  { id: 'digitalocean-token', text: 'dop_v1_' + hex(64) },
  { id: 'heroku-api-key', text: 'HRKU-' + fake(B64URL, 60) },
  { id: 'databricks-token', text: 'dapi' + hex(32) },
  { id: 'github-pat', text: 'ghp_' + alnum(36) },
  { id: 'github-fine-grained-pat', text: 'github_pat_' + alnum(22) + '_' + alnum(59) },
  { id: 'github-oauth-token', text: 'gho_' + alnum(36) },
  { id: 'github-app-token', text: 'ghs_' + alnum(36) },
  { id: 'github-app-token', text: 'ghu_' + alnum(36) },
  { id: 'github-refresh-token', text: 'ghr_' + alnum(36) },
  { id: 'gitlab-pat', text: 'glpat-' + fake(B64URL, 20) },
  { id: 'gitlab-token', text: 'gldt-' + fake(B64URL, 20) },
  { id: 'gitlab-token', text: 'glrt-' + fake(B64URL, 27) },
  { id: 'gitlab-runner-registration-token', text: 'GR1348941' + fake(B64URL, 20) },
  { id: 'npm-token', text: 'npm_' + alnum(36) },
  { id: 'nuget-api-key', text: 'oy2' + fake(LOWER_ALNUM, 43) },
  { id: 'pypi-token', text: 'pypi-AgEIcHlwaS5vcmc' + fake(B64URL, 70) },
  { id: 'docker-hub-token', text: 'dckr_pat_' + fake(B64URL, 27) },
  { id: 'atlassian-api-token', text: 'ATATT3' + fake(B64URL, 180) },
  { id: 'buildkite-token', text: 'bkua_' + hex(40) },
  { id: 'pulumi-token', text: 'pul-' + hex(40) },
  { id: 'postman-api-key', text: `PMAK-${hex(24)}-${hex(34)}` },
  { id: 'linear-api-key', text: 'lin_api_' + alnum(40) },
  { id: 'vault-token', text: 'hvs.' + fake(B64URL, 90) },
  { id: 'doppler-token', text: 'dp.pt.' + alnum(43) },
  { id: 'tailscale-key', text: `tskey-auth-${alnum(12)}-${alnum(33)}` },
  { id: 'lnd-macaroon', text: `0201036c6e64${hex(120)}` },
  { id: 'lnd-macaroon', text: `AgEDbG5k${fake(B64, 80)}==` },
  { id: 'django-secret-key', text: 'django-insecure-*%#^0f^@26w5(n8)+a3a92lqq72r6tc*&@v0&otj8d7g*l4n%4' },
  { id: 'grafana-cloud-token', text: 'glc_' + fake(ALNUM, 60) + '==' },
  { id: 'grafana-service-account-token', text: `glsa_${alnum(32)}_${hex(8)}` },
  { id: 'new-relic-api-key', text: 'NRAK-' + fake(UPPER_ALNUM, 27) },
  { id: 'sentry-token', text: 'sntryu_' + hex(64) },
  { id: 'sonarqube-token', text: 'sqp_' + hex(40) },
  { id: 'sonarqube-token', text: 'squ_' + hex(40) },
  { id: 'kong-konnect-token', text: 'kpat_' + alnum(49) },
  { id: 'schemeless-url-password', text: `dbstore.read = sysop:${KAFKA_SECRET}@mariadb/seiscomp`, secret: KAFKA_SECRET },
  { id: 'schemeless-url-password', text: `sysop:${KAFKA_SECRET}@db.internal:3306/seiscomp`, secret: KAFKA_SECRET },
  { id: 'sql-create-secret', text: `CREATE SECRET IF NOT EXISTS msk_pw WITH (backend = 'meta') AS '${KAFKA_SECRET}';`, secret: KAFKA_SECRET },
  { id: 'sql-create-secret', text: `ALTER SECRET kafka_password AS '${KAFKA_SECRET}'`, secret: KAFKA_SECRET },
  { id: 'kong-konnect-token', text: 'spat_' + alnum(49) },
  { id: 'artifactory-token', text: 'AKCp8' + alnum(68) },
  { id: 'artifactory-token', text: 'cmVmdGtuOjAxOjE5NTIwNTA1NDg6' + fake(B64, 40) },
  { id: 'twitch-stream-key', text: `live_${fake(DIGITS, 9)}_${alnum(30)}` },
  { id: 'supabase-token', text: 'sbp_' + hex(40) },
  { id: 'supabase-token', text: 'sb_secret_' + fake(B64URL, 31) },
  { id: 'slack-bot-token', text: `xoxb-${fake(DIGITS, 12)}-${fake(DIGITS, 13)}-${alnum(24)}` },
  { id: 'slack-user-token', text: `xoxp-${fake(DIGITS, 12)}-${fake(DIGITS, 12)}-${fake(DIGITS, 13)}-${hex(32)}` },
  { id: 'slack-app-token', text: `xapp-1-A${fake(UPPER_ALNUM, 10)}-${fake(DIGITS, 13)}-${hex(64)}` },
  { id: 'slack-config-token', text: 'xoxe.xoxp-1-' + alnum(160) },
  { id: 'slack-legacy-token', text: `xoxs-${fake(DIGITS, 10)}-${fake(DIGITS, 10)}-${fake(DIGITS, 10)}-${hex(64)}` },
  { id: 'slack-webhook', text: `https://hooks.slack.com/services/T${fake(UPPER_ALNUM, 8)}/B${fake(UPPER_ALNUM, 10)}/${alnum(24)}` },
  {
    id: 'discord-webhook',
    text: `https://discord.com/api/webhooks/${fake(DIGITS, 19)}/${fake(B64URL, 68)}`,
  },
  {
    id: 'teams-webhook',
    text: `https://contoso.webhook.office.com/webhookb2/${uuid()}@${uuid()}/IncomingWebhook/${hex(32)}/${uuid()}`,
  },
  {
    id: 'google-chat-webhook',
    text: `https://chat.googleapis.com/v1/spaces/AAAA${alnum(7)}/messages?key=AIza${fake(B64URL, 35)}&token=${fake(B64URL, 43)}%3D`,
  },
  { id: 'zapier-webhook', text: `https://hooks.zapier.com/hooks/catch/${fake(DIGITS, 7)}/${fake(ALNUM, 6).toLowerCase()}` },
  { id: 'telegram-bot-token', text: `${fake(DIGITS, 10)}:AA${fake(B64URL, 33)}` },
  { id: 'ntfy-access-token', text: 'ntfys://tk_gnv64n5wwadxv5sx01ot2lfda2h96@ntfy.sh/alerts', secret: 'tk_gnv64n5wwadxv5sx01ot2lfda2h96' },
  { id: 'brewfather-stream-url', text: `http://log.brewfather.net/stream?id=${brewfatherId}`, secret: brewfatherId },
  { id: 'discord-bot-token', text: `M${fake(B64URL, 25)}.${fake(B64URL, 6)}.${fake(B64URL, 38)}` },
  { id: 'twilio-api-key', text: 'SK' + hex(32) },
  { id: 'stripe-object-id', text: 'price_1PmhU9AKMSgX0Wyyv17AkD3w' },
  { id: 'google-analytics-id', text: 'UA-90175360-1' },
  { id: 'google-analytics-id', text: 'G-8H2KQ4ZP7M' },
  { id: 'livekit-api-key', text: 'API6cbN52qhTjLR' },
  { id: 'shopware-access-key-id', text: 'SWIAWJHXEULHBMTCQ2P4WTK4RG' },
  { id: 'sendgrid-api-key', text: `SG.${fake(B64URL, 22)}.${fake(B64URL, 43)}` },
  { id: 'mailgun-api-key', text: 'key-' + hex(32) },
  { id: 'mailgun-api-key', text: `${hex(32)}-${hex(8)}-${hex(8)}` },
  { id: 'mailchimp-api-key', text: `${hex(32)}-us21` },
  { id: 'brevo-api-key', text: `xkeysib-${hex(64)}-${alnum(16)}` },
  { id: 'resend-api-key', text: `re_${alnum(8)}_${alnum(24)}` },
  { id: 'stripe-secret-key', text: 'sk_live_' + alnum(24) },
  { id: 'stripe-secret-key', text: 'sk_test_' + alnum(99) },
  { id: 'stripe-secret-key', text: 'rk_live_' + alnum(99) },
  { id: 'stripe-webhook-secret', text: 'whsec_' + alnum(32) },
  { id: 'shopify-token', text: 'shpat_' + hex(32) },
  { id: 'shopify-token', text: 'shpss_' + hex(32) },
  { id: 'square-token', text: 'EAAA' + fake(B64URL, 60) },
  { id: 'square-token', text: 'sq0atp-' + fake(B64URL, 22) },
  { id: 'zerotier-identity-secret', text: `${hex(10)}:0:${hex(128)}:${ztPrivate}`, secret: ztPrivate },
  { id: 'facebook-access-token', text: 'EAAG' + alnum(180) },
  { id: 'google-oauth-token', text: 'ya29.a0AfH6SM' + fake(B64URL, 140) },
  { id: 'google-oauth-token', text: '1//0g' + fake(B64URL, 98) },
  { id: 'firebase-cloud-messaging-key', text: `AAAA${fake(B64URL, 7)}:APA91b${fake(B64URL, 134)}` },
  { id: 'azure-ad-client-secret', text: `Xk48Q~${fake(B64URL, 34)}` },
  { id: 'hubspot-private-app-token', text: `pat-na1-${uuid()}` },
  { id: 'terraform-cloud-token', text: `${alnum(14)}.atlasv1.${fake(B64URL, 67)}` },
  { id: 'rubygems-api-key', text: 'rubygems_' + hex(48) },
  { id: 'circleci-token', text: `CCIPAT_${alnum(22)}_${hex(40)}` },
  { id: 'bitbucket-app-password', text: 'ATBB' + alnum(32) },
  { id: 'sourcegraph-token', text: `sgp_${hex(16)}_${hex(40)}` },
  { id: 'harness-token', text: `pat.${fake(B64URL, 22)}.${hex(24)}.${alnum(20)}` },
  { id: 'airtable-token', text: `pat${alnum(14)}.${hex(64)}` },
  { id: 'netlify-token', text: 'nfp_' + alnum(36) },
  { id: 'render-api-key', text: 'rnd_' + alnum(32) },
  { id: 'backblaze-b2-application-key', text: `K005${fake(B64, 27)}` },
  { id: 'khoj-api-key', text: `kk-${fake(B64URL, 43)}` },
  { id: 'jitsu-browser-key', text: `js.${fake(LOWER_ALNUM, 10)}.${fake(LOWER_ALNUM, 26)}` },
  { id: 'deno-deploy-token', text: 'ddp_' + alnum(36) },
  { id: 'fly-token', text: 'fo1_' + fake(B64URL, 43) },
  { id: 'fly-token', text: 'fm2_' + fake(B64, 300) + '==' },
  { id: 'onepassword-service-account-token', text: 'ops_eyJ' + fake(B64, 600) },
  { id: 'infisical-service-token', text: `st.${uuid()}.${hex(32)}.${hex(32)}` },
  { id: 'planetscale-token', text: 'pscale_pw_' + fake(B64URL, 43) },
  { id: 'astra-db-token', text: `AstraCS:${alnum(24)}:${hex(64)}` },
  { id: 'dynatrace-token', text: `dt0c01.${fake(UPPER_ALNUM, 24)}.${fake(UPPER_ALNUM, 64)}` },
  { id: 'new-relic-license-key', text: hex(36) + 'NRAL' },
  { id: 'new-relic-license-key', text: 'NRII-' + fake(B64URL, 32) },
  { id: 'honeycomb-api-key', text: 'hcaik_' + fake(LOWER_ALNUM, 58) },
  { id: 'contentful-token', text: 'CFPAT-' + fake(B64URL, 43) },
  { id: 'figma-token', text: 'figd_' + fake(B64URL, 40) },
  { id: 'typeform-token', text: 'tfp_' + fake(B64URL, 59) },
  { id: 'readme-api-key', text: 'rdme_' + fake(LOWER_ALNUM, 70) },
  { id: 'frameio-token', text: 'fio-u-' + fake(B64URL, 64) },
  { id: 'infracost-api-key', text: 'ico-' + alnum(32) },
  { id: 'cloudflare-origin-ca-key', text: `v1.0-${hex(24)}-${hex(146)}` },
  { id: 'launchdarkly-sdk-key', text: `sdk-${uuid()}` },
  { id: 'flagsmith-server-key', text: 'ser.' + alnum(22) },
  { id: 'prefect-api-key', text: 'pnu_' + alnum(36) },
  { id: 'adafruit-io-key', text: 'aio_' + alnum(28) },
  { id: 'clickup-token', text: `pk_${fake(DIGITS, 8)}_${fake(UPPER_ALNUM, 32)}` },
  { id: 'zoho-token', text: `1000.${hex(32)}.${hex(32)}` },
  { id: 'yandex-api-key', text: 'AQVN' + fake(B64URL, 36) },
  { id: 'paypal-braintree-access-token', text: `access_token$production$${fake(LOWER_ALNUM, 16)}$${hex(32)}` },
  { id: 'plaid-access-token', text: `access-production-${uuid()}` },
  { id: 'paddle-api-key', text: `pdl_live_apikey_${fake(LOWER_ALNUM, 26)}_${alnum(22)}_${alnum(3)}` },
  { id: 'flutterwave-secret-key', text: `FLWSECK-${hex(32)}-X` },
  { id: 'shippo-token', text: 'shippo_live_' + hex(40) },
  { id: 'easypost-api-key', text: 'EZAK' + alnum(54) },
  { id: 'onfido-api-token', text: `api_live.${fake(B64URL, 11)}.${fake(B64URL, 32)}` },
  { id: 'sumsub-app-token', text: `prd:${alnum(24)}.${alnum(32)}` },
  { id: 'anthropic-api-key', text: 'sk-ant-api03-' + fake(B64URL, 93) + 'AA' },
  { id: 'openai-api-key', text: 'sk-proj-' + fake(B64URL, 156) },
  { id: 'openai-api-key', text: `sk-${alnum(20)}T3BlbkFJ${alnum(20)}` },
  { id: 'langfuse-secret-key', text: 'sk-lf-' + uuid() },
  { id: 'huggingface-token', text: 'hf_' + alnum(34) },
  { id: 'groq-api-key', text: 'gsk_' + alnum(52) },
  { id: 'replicate-token', text: 'r8_' + alnum(37) },
  { id: 'perplexity-api-key', text: 'pplx-' + alnum(48) },
  { id: 'openrouter-api-key', text: 'sk-or-v1-' + hex(64) },
  { id: 'nvidia-api-key', text: 'nvapi-' + fake(B64URL, 64) },
  { id: 'tavily-api-key', text: 'tvly-dev-' + alnum(32) },
  { id: 'jina-api-key', text: `jina_${hex(32)}${fake(B64URL, 28)}` },
  { id: 'elevenlabs-api-key', text: 'sk_' + hex(48) },
  { id: 'apify-token', text: 'apify_api_' + alnum(36) },
  { id: 'posthog-personal-api-key', text: 'phx_' + alnum(43) },
  { id: 'xai-api-key', text: 'xai-' + alnum(80) },
  { id: 'langsmith-api-key', text: `lsv2_pt_${hex(32)}_${hex(10)}` },
  { id: 'pinecone-api-key', text: `pcsk_${alnum(6)}_${alnum(60)}` },
  { id: 'notion-token', text: `ntn_${fake(DIGITS, 11)}${alnum(35)}` },
  { id: 'notion-token', text: 'secret_' + alnum(43) },
  { id: 'mapbox-secret-token', text: `sk.eyJ1Ijoi${fake(B64URL, 40)}.${fake(B64URL, 22)}` },
  { id: 'jwt', text: `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ${fake(B64URL, 60)}.${fake(B64URL, 43)}` },
  { id: 'sk-api-key', text: 'sk-' + hex(32) },
  { id: 'authorization-header', text: 'Authorization: Bearer abcdef0123456789', secret: 'abcdef0123456789' },
  { id: 'authorization-header', text: 'proxy-authorization: Basic dXNlcjpwYXNzd29yZA==', secret: 'dXNlcjpwYXNzd29yZA==' },
  { id: 'authorization-header', text: 'headers={"Authorization": "Token token=8z64r0SbQF5vVanURLJ8"}', secret: '8z64r0SbQF5vVanURLJ8' },
  { id: 'auth-scheme-value', text: 'AUTH="Basic 6YkEb3zCSzZ2WIqobL2ZXD8S5N4ul4pd"', secret: '6YkEb3zCSzZ2WIqobL2ZXD8S5N4ul4pd' },
  { id: 'auth-scheme-setting', text: 'NGINX_UPSTREAM_AUTH_HEADER: Basic d2Vib2M6Pw0SGl9iaCeNZn9WKpVM', secret: 'd2Vib2M6Pw0SGl9iaCeNZn9WKpVM' },
  {
    id: 'auth-scheme-setting',
    text: '- header=Authorization Basic cm9vdEB0aW5rZXJmaWVsZC5kZXY6Q29tcGxleHBhc3MjMTIz',
    secret: 'cm9vdEB0aW5rZXJmaWVsZC5kZXY6Q29tcGxleHBhc3MjMTIz',
  },
  { id: 'connection-string-password', text: 'Server=db;Database=app;User Id=sa;Password=Str0ng!Pass;TrustServerCertificate=True', secret: 'Str0ng!Pass' },
  { id: 'connection-string-password', text: 'host=db port=5432 user=app password=hunter2 dbname=app', secret: 'hunter2' },
  { id: 'connection-string-password', text: "Host=db;Username=app;Password='with space';", secret: 'with space' },
  { id: 'connection-string-password', text: 'jdbc:mysql://db:3306/app?user=root&password=rootpw&useSSL=false', secret: 'rootpw' },
  { id: 'connection-string-password', text: 'mqtt://mosquitto:1883,user=rtl433,pass=h2p9gLdFcXK4,retain=1', secret: 'h2p9gLdFcXK4' },
  { id: 'connection-string-password', text: 'http://192.168.1.40/jc?pw=a6d82bced638de3def1e9bbb4983225c', secret: 'a6d82bced638de3def1e9bbb4983225c' },
  { id: 'sql-password', text: "CREATE USER 'app'@'%' IDENTIFIED BY 'sqlpass1';", secret: 'sqlpass1' },
  { id: 'sql-password', text: "ALTER USER app WITH PASSWORD 'pgpass2'", secret: 'pgpass2' },
  { id: 'sql-password', text: "CREATE USER ingest PASS 'tdpass3x';", secret: 'tdpass3x' },
  { id: 'tsig-key', text: 'axfr-secondary-1 hmac-sha256 NdIBz87YLfONZVpA2jz9n4/HV8K3UumYnUr2H45wXpQ=', secret: 'NdIBz87YLfONZVpA2jz9n4/HV8K3UumYnUr2H45wXpQ=' },
  { id: 'tsig-key', text: 'nsupdate -y hmac-sha512:acme-dns01:hnx24zDTD20xbhCl1JSBqxCom5NDxB9V+k4Bs== -v', secret: 'hnx24zDTD20xbhCl1JSBqxCom5NDxB9V+k4Bs==' },
  { id: 'cli-secret-flag', text: '--requirepass s3cretpw --appendonly yes', secret: 's3cretpw' },
  { id: 'cli-secret-flag', text: '-Xmx1g -Djavax.net.ssl.trustStorePassword=st0repw', secret: 'st0repw' },
  { id: 'cli-secret-flag', text: '--spring.datasource.username=root --spring.datasource.password=r00tpw', secret: 'r00tpw' },
  { id: 'cli-secret-flag', text: '--api-key "k e y"', secret: 'k e y' },
  { id: 'url-query-token', text: 'https://api.example.com/v1/items?limit=10&access_token=abcdef123456', secret: 'abcdef123456' },
  { id: 'go-sql-dsn', text: 'shop:Sh0p#Pass!@tcp(mysql:3306)/shop?parseTime=true', secret: 'Sh0p#Pass!' },
  { id: 'go-sql-dsn', text: 'mysql://root:R00t!Pass#42@tcp(mysql:3306)/shop', secret: 'R00t!Pass#42' },
  { id: 'go-sql-dsn', text: 'DATA_SOURCE_NAME="exporter:Exp0rt#Pw!@(mysql:3306)/"', secret: 'Exp0rt#Pw!' },
  { id: 'docker-registry-auth', text: '{"auths":{"registry.example.com":{"auth":"Y2k6czNjcjN0LXJlZ2lzdHJ5LXB3"}}}', secret: 'Y2k6czNjcjN0LXJlZ2lzdHJ5LXB3' },
];

/** Near misses: wrong length, wrong prefix, glued to other word characters, public counterparts, variables. */
const NEGATIVES: [string, string][] = [
  // a key that is a word or a name, a number; a key too short to be generated
  ['url-query-key', 'https://example.org/search?key=created_at&order=desc'],
  ['url-query-key', 'https://example.org/cache?key=1234567890123456789'],
  ['url-query-key', 'https://example.org/x?key=ab12'],
  // a map tile server's browser key: public by design
  ['url-query-key', 'https://api.maptiler.com/maps/streets/style.json?key=4QrXW8UrlGd1HGsE1Ien'],
  // a user name, a lower-case id, a path that is not a hook
  ['url-user-token', 'ssh://git@github.com/org/repo.git'],
  ['rpc-url-key', 'https://mainnet.infura.io/v3/'],
  ['rpc-url-key', 'https://docs.infura.io/api/networks/ethereum'],
  // an image digest, a path, a URL without credentials; an IPv6 network
  ['oracle-password', 'library/nginx@sha256:0123456789abcdef'],
  ['oracle-password', 'jdbc:oracle:thin:@//db.example.com:1521/ORCL'],
  ['flexisip-clrtxt', 'bob@sip.example.org md5:0123456789abcdef0123456789abcdef ;'],
  ['pgpass-password', `('lotte', 'lotte@example.nl', 'x', 'a:1:{i:0;s:16:"ROLE_SUPER_ADMIN";}', 1)`],
  ['fetchmail-password', 'user "bob" password'],
  ['dnsdist-console-key', 'setKey(os.getenv("DNSDIST_KEY"))'],
  ['forward-proxy-basic-auth', 'basic_auth /admin/* {\n  admin $2a$14$Zkx19XLiW6VYouLHR5NmfOFU0z2GTNmpkT/5qqR7hx4IjWJPDhjvG\n}'],
  ['azure-communication-access-key', 'endpoint=https://acs.communication.azure.com/;accesskey=${ACS_KEY}'],
  ['fetchmail-password', 'the user bob password is "kept elsewhere" no'],
  ['netrc-password', 'machine api.example.com password NoLogin-1'],
  ['netrc-password', 'the machine login is shown; password reset is below'],
  ['github-oauth-client-id', 'Ov23liDTpGpbHE4XMR5'],
  ['github-oauth-client-id', 'XOv23liDTpGpbHE4XMR5L'],
  ['salesforce-consumer-key', '3MVG9wWuhjJbgNWhC5eG6zGeCZM0Qh'],
  ['secret-token-uri', 'secret-token:short'],
  ['pgpass-password', 'fd4d:6169:6c63:6f77::/64'],
  ['pgpass-password', 'fd4d:6169:6c63:6f77:1'],
  ['pgpass-password', 'image: redis:7:alpine:x:y z'],
  ['url-user-token', 'https://deploy-bot-account-for-the-ci-pipeline@git.example.com/x'],
  ['url-user-token', 'https://ReleaseBot2024@git.example.com/x'],
  ['webhook-url-token', 'https://hooks.example.org/docs/getting-started-with-webhooks'],
  ['webhook-url-token', 'https://example.org/api/webhooks/receive-github-events'],
  ['private-key', `-----BEGIN PUBLIC KEY-----\n${pemBody()}\n-----END PUBLIC KEY-----`],
  ['private-key', `-----BEGIN CERTIFICATE-----\n${pemBody()}\n-----END CERTIFICATE-----`],
  ['age-secret-key', 'AGE-SECRET-KEY-1' + fake(BECH32, 57)],
  // a NATS public key (U…, 56 characters) and a seed one character short
  ['nats-nkey-seed', 'U' + fake(BASE32, 55)],
  ['nats-nkey-seed', 'SU' + fake(BASE32, 55)],
  ['age-secret-key', 'age1' + fake(BECH32, 58).toLowerCase()],
  // a Nostr public key, and a secret key one character short
  ['nostr-private-key', 'npub1' + fake(BECH32, 58).toLowerCase()],
  ['nostr-private-key', 'nsec1' + fake(BECH32, 57).toLowerCase()],
  // a UUID alone, and one under another name
  ['cds-api-key', 'run_id: 774442:9b2d1283-dbd0-4ade-9980-f0d4b96f426a'],
  ['cds-api-key', 'key: 9b2d1283-dbd0-4ade-9980-f0d4b96f426a'],
  // a push API's documentation path, a deploy route without a token, a cookie from a variable
  ['uptime-kuma-push-token', 'https://status.example.org/api/push/'],
  ['deploy-hook-token', 'POST /api/deploy/service-name'],
  ['pipeline-trigger-token', 'GET /api/pipeline_schedules/14/pipeline_runs'],
  ['erlang-cookie', '-setcookie ${ERLANG_COOKIE}'],
  // the open ruleset, no code
  ['etpro-oinkcode', 'https://rules.emergingthreats.net/open/suricata-7.0.3/emerging.rules.tar.gz'],
  ['steam-gslt', 'sv_setsteamaccount "YOUR_GSLT_HERE"'],
  ['twitch-chat-oauth', 'PASS oauth:yourtwitchoauthtokengoeshere'],
  // a public feed by name, a short id
  ['ical-feed-token', 'https://www.officeholidays.com/ics/germany.ics'],
  ['ical-feed-token', 'https://example.org/feeds/5f3a9c.ics'],
  // an ethstats URL without a secret, and a host without one
  ['ethstats-secret', '--ethstats=stats.example.org:443'],
  ['ethstats-secret', '--ethstats-url wss://stats.example.org'],
  ['aws-access-key-id', 'AKIA' + fake(BASE32, 15)],
  ['do-spaces-access-key-id', 'DO00' + fake(BASE32, 15)],
  ['aws-access-key-id', 'AKIA0000000000000000'],
  ['aws-access-key-id', 'XAKIA' + fake(BASE32, 16)],
  ['aws-access-key-id', 'AKIA' + fake(BASE32, 17)],
  ['aws-secret-access-key', awsSecret],
  ['aws-secret-access-key', `aws_secret_access_key = ${awsSecret}x`],
  ['google-api-key', 'AIza' + fake(B64URL, 34)],
  ['google-api-key', 'AIzb' + fake(B64URL, 35)],
  ['google-oauth-client-secret', 'GOCSPX-' + fake(ALNUM, 27)],
  ['azure-storage-account-key', 'AccountKey=' + fake(B64, 40)],
  ['azure-sas-signature', 'https://x.blob.core.windows.net/c?sig=short'],
  ['digitalocean-token', 'dop_v1_' + hex(63)],
  ['databricks-token', 'dapi' + hex(31)],
  ['github-pat', 'ghp_' + alnum(35)],
  ['github-pat', 'xghp_' + alnum(36)],
  ['github-pat', 'ghp_' + alnum(36) + '_x'],
  ['github-fine-grained-pat', 'github_pat_' + alnum(40)],
  ['gitlab-pat', 'glpat-' + fake(B64URL, 19)],
  ['gitlab-token', 'glxx-' + fake(B64URL, 20)],
  ['npm-token', 'npm_' + alnum(35)],
  ['nuget-api-key', 'oy2' + fake(LOWER_ALNUM, 42)],
  ['nuget-api-key', 'oy2' + alnum(43).toUpperCase()],
  ['pypi-token', 'pypi-' + alnum(60)],
  ['docker-hub-token', 'dckr_pat_short'],
  ['vault-token', 'hvs.' + alnum(10)],
  ['tailscale-key', 'tskey-auth-short'],
  ['lnd-macaroon', `0201036c6e64${hex(20)}`],
  ['lnd-macaroon', `0201036c6e65${hex(120)}`],
  // written by hand: no digit, no sign (what startproject writes has both)
  ['django-secret-key', 'django-insecure-change-me-please-replace-with-a-real-key-x'],
  ['django-secret-key', 'django-insecure-short1!'],
  ['new-relic-api-key', 'NRAK-' + fake(UPPER_ALNUM, 26)],
  // SonarQube's prefixes with another letter, or short
  ['sonarqube-token', 'sqx_' + hex(40)],
  ['sonarqube-token', 'sqp_' + hex(39)],
  ['artifactory-token', 'AKCp8' + alnum(30)],
  ['kong-konnect-token', 'kpat_' + alnum(20)],
  // a URL's user follows `//` (found as a URL's), a variable is no literal, an image reference has no password
  ['schemeless-url-password', 'mysql://sysop:pw9@mariadb/seiscomp'],
  ['schemeless-url-password', 'sysop:${DB_PASSWORD}@mariadb/seiscomp'],
  ['schemeless-url-password', 'registry.local:5000/app@sha256:abc'],
  ['schemeless-url-password', 'see git@github.com:org/repo.git'],
  ['kong-konnect-token', 'xpat_' + alnum(49)],
  ['twitch-stream-key', `live_${fake(DIGITS, 9)}_${alnum(12)}`],
  ['slack-bot-token', 'xoxb-123-456-short'],
  ['slack-webhook', 'https://hooks.slack.com/services/'],
  ['slack-webhook', 'https://hooks.slack.com/workflows/'],
  ['discord-webhook', 'https://discord.com/api/webhooks/123/abc'],
  ['telegram-bot-token', `${fake(DIGITS, 10)}:BB${fake(B64URL, 33)}`],
  ['telegram-bot-token', `${fake(DIGITS, 10)}:AA${fake(B64URL, 20)}`],
  ['twilio-api-key', 'SK' + hex(31)],
  // this stop's vendor formats one character short, or glued to a word
  ['zerotier-identity-secret', `${hex(10)}:0:${hex(128)}`],
  ['hubspot-private-app-token', `pat-na1-${hex(8)}-${hex(4)}`],
  ['azure-ad-client-secret', `Xk48Q~${fake(B64URL, 20)}`],
  ['flagsmith-server-key', 'user.' + alnum(22)],
  ['launchdarkly-sdk-key', `mysdk-${uuid()}`],
  ['elevenlabs-api-key', 'sk_' + hex(47)],
  ['facebook-access-token', 'EAAG' + alnum(40)],
  ['zoho-token', `1000.${hex(31)}.${hex(32)}`],
  ['terraform-cloud-token', `${alnum(14)}.atlasv2.${fake(B64URL, 67)}`],
  // a Twilio account SID (AC + 32 hex) is an identifier, not a credential
  ['twilio-api-key', 'AC' + hex(32)],
  // a Stripe secret or restricted key is no object id
  ['stripe-object-id', 'sk_live_' + alnum(24)],
  ['stripe-object-id', 'rk_live_' + alnum(24)],
  // a Resend API key, not a Stripe refund id
  ['stripe-object-id', 're_' + alnum(32)],
  ['google-analytics-id', 'UA-12-1'],
  // a name's tail, not a token: `tk_` then a word
  ['ntfy-access-token', 'tk_settings_dialog_title'],
  // Brewfather's site without a stream's id
  ['brewfather-stream-url', 'https://log.brewfather.net/stream?id=abc'],
  // a word after API is no key's name
  ['livekit-api-key', 'APIGatewayRoutes'],
  ['sendgrid-api-key', `SG.${fake(B64URL, 21)}.${fake(B64URL, 43)}`],
  ['mailgun-api-key', uuid()],
  ['mailgun-api-key', 'key-' + hex(31)],
  ['mailchimp-api-key', `${hex(32)}-eu1`],
  ['stripe-secret-key', 'pk_live_' + alnum(24)],
  ['stripe-secret-key', 'pk_test_' + alnum(24)],
  ['stripe-secret-key', 'sk_live_short'],
  ['shopify-token', 'shpat_' + alnum(10)],
  ['anthropic-api-key', 'sk-ant-short'],
  ['openai-api-key', 'sk-proj-short'],
  ['huggingface-token', 'hf_' + alnum(20)],
  ['jwt', `eyJhbGciOiJIUzI1NiJ9.eyJ${fake(B64URL, 30)}`],
  ['jwt', 'eyJ.eyJ.x'],
  ['sk-api-key', 'sk-' + alnum(20)],
  ['sk-api-key', 'task-' + alnum(40)],
  ['authorization-header', 'Authorization: Bearer ${API_TOKEN}'],
  ['authorization-header', 'Authorization: Bearer $$TOKEN'],
  ['auth-scheme-value', 'x = "Bearer abcdefghijklmnopqrstu"'],
  ['auth-scheme-value', "auth = 'Basic ' + token"],
  ['auth-scheme-setting', 'auth: Bearer tokens are issued by the gateway'],
  ['auth-scheme-setting', 'Authorization Basic authentication is required'],
  ['connection-string-password', 'Server=db;Password=${SA_PASSWORD};'],
  ['connection-string-password', 'Server=db;Password=;'],
  ['connection-string-password', 'password-file=/run/secrets/db'],
  ['connection-string-password', 'PGPASSWORD=x'],
  ['connection-string-password', '--password=x'],
  ['connection-string-password', 'LDAP_BINDPW=x'],
  ['connection-string-password', 'http://host/pw=x'],
  // `pass=` alone is no password's setting: a pass of a pipeline, a boarding pass
  ['connection-string-password', 'mqtt://mosquitto:1883,retain=1,pass=2'],
  ['sql-password', "ALTER USER app WITH PASSWORD '${PG_PASSWORD}'"],
  ['sql-password', "SELECT 'PASS' FROM users WHERE pass 'x'"],
  ['sql-password', "ALTER USER grafana PASS '$$GRAFANA_PASS';"],
  ['tsig-key', 'algorithm hmac-sha256;'],
  ['tsig-key', 'TSIG_ALGORITHM=hmac-sha512'],
  ['cli-secret-flag', '--password-file /run/secrets/pw'],
  ['cli-secret-flag', '--no-password --verbose'],
  ['cli-secret-flag', '--bypass all'],
  ['cli-secret-flag', 'datasette publish fly council.db --plugin-secret datasette-auth-passwords root_password_hash x'],
  ['cli-secret-flag', '--token-ttl 3600'],
  ['cli-secret-flag', 'gh auth login --with-token && gh repo list'],
  ['cli-secret-flag', 'app --with-token || exit 1'],
  ['cli-secret-flag', '--db-password=${DB_PASSWORD}'],
  ['cli-secret-flag', '--password=true'],
  ['cli-secret-flag', 'enable-login-with-password enable-smtp'],
  ['cli-secret-flag', '${FLAGS:-enable-login-with-password disable-x}'],
  ['url-query-token', 'https://example.com/?token=short'],
  ['go-sql-dsn', 'root@tcp(mysql:3306)/shop'],
  ['go-sql-dsn', 'user:@unix(/var/run/mysqld.sock)/db'],
  ['docker-registry-auth', '{"auth": "short"}'],
  ['url-query-token', 'https://example.com/?token=${TOKEN}'],
];

describe('VALUE_PATTERNS', () => {
  it('has at least 20 formats with unique ids, descriptions and g+d flags', () => {
    expect(VALUE_PATTERNS.length).toBeGreaterThanOrEqual(20);
    expect(new Set(VALUE_PATTERNS.map((p) => p.id)).size).toBe(VALUE_PATTERNS.length);
    for (const p of VALUE_PATTERNS) {
      expect(p.description).toMatch(/\S/);
      expect(p.regex.global).toBe(true);
      expect(p.regex.hasIndices).toBe(true);
      if (p.group !== undefined) expect(new RegExp(p.regex.source + '|').exec('')!.length).toBeGreaterThan(p.group);
    }
  });

  it('has a positive case for every pattern', () => {
    const covered = new Set(POSITIVES.map((c) => c.id));
    expect(VALUE_PATTERNS.map((p) => p.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it.each(POSITIVES.map((c) => [c.id, c.text.length > 60 ? c.text.slice(0, 57) + '…' : c.text, c] as const))('%s: %s', (id, _, c) => {
    const secret = c.secret ?? c.text;
    const matches = scanValue(c.text, true);
    expect(matches).toContainEqual({
      patternId: id,
      description: VALUE_PATTERNS.find((p) => p.id === id)!.description,
      start: c.text.indexOf(secret),
      end: c.text.indexOf(secret) + secret.length,
    });
    // the same secret embedded in text (a command, a YAML value) is still found, at the right place
    const embedded = `prefix "${c.text}" suffix`;
    expect(scanValue(embedded, true).some((m) => m.patternId === id && embedded.slice(m.start, m.end) === secret)).toBe(true);
    // public-by-design formats and identifiers are recognised, never reported
    const notSecret = VALUE_PATTERNS.find((p) => p.id === id)!.notSecret !== undefined;
    expect(scanValue(c.text).some((m) => m.patternId === id)).toBe(!notSecret);
  });

  it.each(NEGATIVES.map(([id, text]) => [id, text.length > 60 ? text.slice(0, 57) + '…' : text, text] as const))('not %s: %s', (id, _, text) => {
    expect(scanValue(text).filter((m) => m.patternId === id)).toEqual([]);
  });
});
