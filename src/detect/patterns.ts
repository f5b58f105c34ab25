/**
 * The credential value formats, as one reviewable table.
 *
 * Rules for every entry:
 * - anchored by a distinctive literal prefix (or, for the few prefix-less formats, by an exact
 *   shape between non-word boundaries);
 * - linear time: every quantifier is bounded or runs over a class that the next token cannot
 *   start with, and no quantified group contains another unbounded quantifier, so a failed
 *   attempt costs at most the length of one candidate;
 * - the `g` and `d` flags (scanners use `matchAll`, which clones the regex, so the table stays
 *   immutable; `d` gives the capture group's offsets).
 *
 * Order matters: when two formats match overlapping text the earlier entry wins, so specific
 * vendor formats come first and the generic, context-based ones last.
 */

export interface ValuePattern {
  /** stable id: 'aws-access-key-id', 'github-pat', … */
  id: string;
  /** 'AWS access key id' — used in messages */
  description: string;
  /** linear-time, anchored by distinctive prefixes; no nested quantifiers */
  regex: RegExp;
  /** capture group holding the secret part, when not the whole match */
  group?: number;
  /** recognised so that nothing inside it is reported, but not a secret: public by design, or an identifier */
  notSecret?: 'public' | 'identifier';
}

// boundaries: a token must not be glued to more token characters on either side
/** The Authorization schemes whose credential follows them (an alternation's source, shared with value-class.ts). */
export const AUTH_SCHEMES = 'Bearer|Basic|Token|Bot|Digest';
const B = '(?<![A-Za-z0-9_])'; // start: not preceded by a word character
const E = '(?![A-Za-z0-9_])'; // end: not followed by a word character
const E64 = '(?![A-Za-z0-9_-])'; // end for base64url bodies
const B64 = '(?<![A-Za-z0-9_-])';

/** The alphabet of Django's `get_random_secret_key()`, as a character class's body. */
export const DJANGO_KEY_CHARACTERS = 'a-z0-9!@#$%^&*(\\-_=+)';

/** `g` for matchAll, `d` so a capture group's offsets are exact. */
function re(source: string, flags = ''): RegExp {
  return new RegExp(source, 'gd' + flags);
}

export const VALUE_PATTERNS: readonly ValuePattern[] = Object.freeze([
  // ── private keys ──
  {
    id: 'private-key',
    description: 'private key',
    // header, then base64 body lines (and Proc-Type/DEK-Info headers; single dashes only), then the footer if present
    regex: re(
      '-----BEGIN (?:[A-Z0-9]{1,20} ){0,3}PRIVATE KEY(?: BLOCK)?-----' +
        '(?:[A-Za-z0-9+/=\\s\\\\:,.()]|-(?!----)){0,20000}' +
        '(?:-----END (?:[A-Z0-9]{1,20} ){0,3}PRIVATE KEY(?: BLOCK)?-----)?',
    ),
  },
  {
    id: 'age-secret-key',
    description: 'age secret key',
    regex: re(`${B}AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}${E}`),
  },
  {
    id: 'nostr-private-key',
    description: 'Nostr private key',
    // NIP-19's bech32 encoding of a Nostr secret key (`nsec1` + 58); the public key is `npub1…`
    regex: re(`${B}nsec1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{58}${E}`),
  },
  {
    id: 'nats-nkey-seed',
    description: 'NATS nkey seed',
    // the private seed of a NATS nkey (user, account, operator, server, cluster): `S` + type + base32 (58 in all); the public key starts with U/A/O/N/C
    regex: re(`${B}S[UAONCX][A-Z2-7]{56}${E}`),
  },
  {
    id: 'secret-token-uri',
    description: 'secret-token URI (RFC 8959)',
    // a bearer token marked as one by its scheme (GNU Taler's merchant access token `secret-token:…`)
    regex: re(`(?<![A-Za-z0-9_-])secret-token:[A-Za-z0-9._~%-]{16,512}${E}`),
  },
  // ── webhook URLs (before the key formats: a Google Chat URL holds an AIza key) ──
  {
    id: 'slack-webhook',
    description: 'Slack webhook URL',
    regex: re(
      `(?:https?://)?hooks\\.slack\\.com/(?:services/T[A-Z0-9]{6,15}/B[A-Z0-9]{6,15}/[A-Za-z0-9]{20,40}|(?:workflows|triggers)/T[A-Z0-9]{6,15}/[A-Z0-9]{6,15}/[0-9]{6,25}/[A-Za-z0-9]{20,40})`,
    ),
  },
  {
    id: 'discord-webhook',
    description: 'Discord webhook URL',
    regex: re(`(?:https?://)?(?:(?:canary|ptb)\\.)?discord(?:app)?\\.com/api(?:/v[0-9]{1,2})?/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,80}`),
  },
  {
    id: 'teams-webhook',
    description: 'Microsoft Teams webhook URL',
    regex: re(`https://[A-Za-z0-9-]{1,60}\\.webhook\\.office\\.com/webhookb2/[A-Za-z0-9@/_-]{40,400}`),
  },
  {
    id: 'google-chat-webhook',
    description: 'Google Chat webhook URL',
    regex: re(`https://chat\\.googleapis\\.com/v1/spaces/[A-Za-z0-9_-]{5,40}/messages\\?key=[A-Za-z0-9_-]{30,50}&token=[A-Za-z0-9_%=-]{20,120}`),
  },
  {
    id: 'zapier-webhook',
    description: 'Zapier webhook URL',
    regex: re(`https://hooks\\.zapier\\.com/hooks/catch/[0-9]{3,12}/[A-Za-z0-9]{4,12}`),
  },
  // ── cloud providers ──
  {
    id: 'do-spaces-access-key-id',
    description: 'DigitalOcean Spaces access key id',
    regex: re(`(?<![A-Za-z0-9])DO00[A-Z0-9]{16}(?![A-Za-z0-9])`),
    // like an AWS access key id: the key's name, paired with its secret
    notSecret: 'identifier',
  },
  {
    id: 'github-oauth-client-id',
    description: 'GitHub OAuth or GitHub App client id',
    regex: re(`(?<![A-Za-z0-9])(?:Ov23li[A-Za-z0-9]{14}|Iv1\\.[0-9a-f]{16}|Iv23li[A-Za-z0-9]{14})(?![A-Za-z0-9])`),
    // the application's public name, paired with its client secret
    notSecret: 'identifier',
  },
  {
    id: 'salesforce-consumer-key',
    description: 'Salesforce connected app consumer key',
    // the connected app's OAuth client id (`3MVG9…`), paired with its consumer secret
    regex: re(`(?<![A-Za-z0-9._])3MVG9[A-Za-z0-9._]{70,90}(?![A-Za-z0-9._])`),
    notSecret: 'identifier',
  },
  {
    id: 'aws-access-key-id',
    description: 'AWS access key id',
    regex: re(`(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}(?![A-Za-z0-9])`),
    // the key's name, paired with the secret access key (which is the secret)
    notSecret: 'identifier',
  },
  {
    id: 'aws-secret-access-key',
    description: 'AWS secret access key',
    // 40 base64 characters are too common alone: only after an aws_secret_access_key label
    regex: re(`(?:aws_?)?secret_?access_?key["']?[ \\t]{0,5}[:=][ \\t]{0,5}["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])`, 'i'),
    group: 1,
  },
  {
    id: 'google-api-key',
    description: 'Google API key',
    regex: re(`${B64}AIza[0-9A-Za-z_-]{35}${E64}`),
  },
  {
    id: 'google-oauth-client-secret',
    description: 'Google OAuth client secret',
    regex: re(`${B64}GOCSPX-[A-Za-z0-9_-]{28}${E64}`),
  },
  {
    id: 'azure-storage-account-key',
    description: 'Azure storage account key',
    regex: re(`AccountKey=([A-Za-z0-9+/]{86}==)`, 'i'),
    group: 1,
  },
  {
    id: 'azure-communication-access-key',
    description: 'Azure Communication Services access key',
    // `endpoint=https://NAME.communication.azure.com/;accesskey=…` (base64 of 64 bytes)
    regex: re(`(?<![A-Za-z0-9_])accesskey=([A-Za-z0-9+/]{40,100}={0,2})(?=[;"'\\s]|$)`, 'i'),
    group: 1,
  },
  {
    id: 'azure-shared-access-key',
    description: 'Azure shared access key',
    regex: re(`SharedAccessKey=([A-Za-z0-9+/]{40,88}={0,2})`, 'i'),
    group: 1,
  },
  {
    id: 'azure-sas-signature',
    description: 'Azure SAS token signature',
    regex: re(`[?&]sig=([A-Za-z0-9%+/=]{30,200})`),
    group: 1,
  },
  {
    id: 'digitalocean-token',
    description: 'DigitalOcean token',
    regex: re(`${B}do[opr]_v1_[a-f0-9]{64}${E}`),
  },
  {
    id: 'heroku-api-key',
    description: 'Heroku API key',
    regex: re(`${B64}HRKU-[A-Za-z0-9_-]{40,80}${E64}`),
  },
  {
    id: 'databricks-token',
    description: 'Databricks token',
    regex: re(`${B}dapi[a-f0-9]{32}(?:-[0-9])?${E}`),
  },
  // ── source hosting and package registries ──
  {
    id: 'github-pat',
    description: 'GitHub personal access token',
    regex: re(`${B}ghp_[A-Za-z0-9]{36,251}${E}`),
  },
  {
    id: 'github-fine-grained-pat',
    description: 'GitHub fine-grained personal access token',
    regex: re(`${B}github_pat_[A-Za-z0-9_]{82,251}${E}`),
  },
  {
    id: 'github-oauth-token',
    description: 'GitHub OAuth token',
    regex: re(`${B}gho_[A-Za-z0-9]{36,251}${E}`),
  },
  {
    id: 'github-app-token',
    description: 'GitHub app token',
    regex: re(`${B}gh[us]_[A-Za-z0-9]{36,251}${E}`),
  },
  {
    id: 'github-refresh-token',
    description: 'GitHub refresh token',
    regex: re(`${B}ghr_[A-Za-z0-9]{36,251}${E}`),
  },
  {
    id: 'gitlab-pat',
    description: 'GitLab personal access token',
    regex: re(`${B64}glpat-[A-Za-z0-9_-]{20,300}(?:\\.[A-Za-z0-9_-]{1,50}){0,3}${E64}`),
  },
  {
    id: 'gitlab-token',
    description: 'GitLab token',
    regex: re(`${B64}(?:gldt|glrt|glptt|glft|glsoat|glimt|glcbt|glagent|gloas|glffct|glwt)-[A-Za-z0-9_-]{20,300}${E64}`),
  },
  {
    id: 'gitlab-runner-registration-token',
    description: 'GitLab runner registration token',
    regex: re(`${B64}GR1348941[A-Za-z0-9_-]{20,60}${E64}`),
  },
  {
    id: 'npm-token',
    description: 'npm access token',
    regex: re(`${B}npm_[A-Za-z0-9]{36}${E}`),
  },
  {
    id: 'nuget-api-key',
    description: 'NuGet API key',
    // nuget.org's push keys: `oy2` and 43 lowercase letters and digits
    regex: re(`${B}oy2[a-z0-9]{43}${E}`),
  },
  {
    id: 'pypi-token',
    description: 'PyPI API token',
    regex: re(`${B64}pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}${E64}`),
  },
  {
    id: 'docker-hub-token',
    description: 'Docker Hub access token',
    regex: re(`${B64}dckr_(?:pat|oat)_[A-Za-z0-9_-]{20,100}${E64}`),
  },
  {
    id: 'atlassian-api-token',
    description: 'Atlassian API token',
    regex: re(`${B64}ATATT3[A-Za-z0-9_=-]{100,300}${E64}`),
  },
  {
    id: 'buildkite-token',
    description: 'Buildkite API token',
    regex: re(`${B}bkua_[a-f0-9]{40}${E}`),
  },
  {
    id: 'pulumi-token',
    description: 'Pulumi access token',
    regex: re(`${B}pul-[a-f0-9]{40}${E}`),
  },
  {
    id: 'postman-api-key',
    description: 'Postman API key',
    regex: re(`${B}PMAK-[a-f0-9]{24}-[a-f0-9]{34}${E}`),
  },
  {
    id: 'linear-api-key',
    description: 'Linear API key',
    regex: re(`${B}lin_api_[A-Za-z0-9]{40}${E}`),
  },
  // ── secret managers and infrastructure ──
  {
    id: 'vault-token',
    description: 'HashiCorp Vault token',
    regex: re(`${B64}hv[sbr]\\.[A-Za-z0-9_-]{24,300}${E64}`),
  },
  {
    id: 'doppler-token',
    description: 'Doppler token',
    // a service token names its config (`dp.st.prd.…`, `dp.st.dev_api.…`)
    regex: re(`${B}dp\\.(?:pt|st(?:\\.[a-z0-9_-]{1,40})?|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,44}${E}`),
  },
  {
    id: 'tailscale-key',
    description: 'Tailscale key',
    regex: re(`${B}tskey-(?:auth|api|client|scim|webhook)-[A-Za-z0-9]{6,20}-[A-Za-z0-9]{20,60}${E}`),
  },
  {
    id: 'grafana-cloud-token',
    description: 'Grafana Cloud token',
    regex: re(`${B}glc_[A-Za-z0-9+/]{32,400}={0,2}`),
  },
  {
    id: 'grafana-service-account-token',
    description: 'Grafana service account token',
    regex: re(`${B}glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}${E}`),
  },
  {
    id: 'new-relic-api-key',
    description: 'New Relic API key',
    regex: re(`${B}NRAK-[A-Z0-9]{27}${E}`),
  },
  {
    id: 'sentry-token',
    description: 'Sentry auth token',
    regex: re(`${B64}sntry[us]_[A-Za-z0-9+/=_-]{40,400}`),
  },
  {
    id: 'sonarqube-token',
    description: 'SonarQube token',
    // project analysis (sqp_), global analysis (sqa_) and user (squ_) tokens
    regex: re(`${B}sq[pau]_[0-9a-f]{40}${E}`),
  },
  {
    id: 'kong-konnect-token',
    description: 'Kong Konnect access token',
    // a personal access token (kpat_) or a system account token (spat_)
    regex: re(`${B}[ks]pat_[A-Za-z0-9]{45,55}${E}`),
  },
  {
    id: 'artifactory-token',
    description: 'JFrog Artifactory API key or reference token',
    // an API key (AKCp + 69) or a reference token (base64 of `reftkn:01:…`)
    regex: re(`${B}(?:AKCp[5-9][A-Za-z0-9]{64,80}|cmVmdGtuOjAx[A-Za-z0-9+/]{40,120}={0,2})${E}`),
  },
  {
    id: 'supabase-token',
    description: 'Supabase secret key',
    regex: re(`${B64}(?:sbp_[a-f0-9]{40}|sb_secret_[A-Za-z0-9_-]{20,100})${E64}`),
  },
  {
    id: 'lnd-macaroon',
    description: 'LND macaroon',
    // a Lightning node's bearer credential: version 2, location "lnd", as hex (0201036c6e64…) or base64 (AgEDbG5k…)
    regex: re(`${B}(?:0201036c6e64[0-9a-f]{60,4000}|AgEDbG5k[A-Za-z0-9+/]{40,3000}={0,2})(?![A-Za-z0-9_+/=])`),
  },
  // ── application frameworks ──
  {
    id: 'django-secret-key',
    description: 'Django secret key',
    // what `startproject` writes: a random 50 characters of this alphabet behind the prefix, a real
    // key the project signs sessions with until someone replaces it
    regex: re(`(?<![A-Za-z0-9_-])django-insecure-[${DJANGO_KEY_CHARACTERS}]{40,60}(?![${DJANGO_KEY_CHARACTERS}])`),
  },
  // ── messaging ──
  {
    id: 'slack-bot-token',
    description: 'Slack bot token',
    regex: re(`${B}xoxb-[0-9]{6,15}-(?:[0-9]{6,15}-)?[A-Za-z0-9]{20,40}${E}`),
  },
  {
    id: 'slack-user-token',
    description: 'Slack user token',
    regex: re(`${B}xox[pe]-(?:[0-9]{6,15}-){2,3}[A-Za-z0-9]{20,40}${E}`),
  },
  {
    id: 'slack-app-token',
    description: 'Slack app token',
    regex: re(`${B}xapp-[0-9]-[A-Z0-9]{8,15}-[0-9]{8,15}-[A-Za-z0-9]{32,80}${E}`),
  },
  {
    id: 'slack-config-token',
    description: 'Slack configuration token',
    regex: re(`${B}xoxe(?:\\.xox[bp])?-[0-9]-[A-Za-z0-9]{100,250}${E}`),
  },
  {
    id: 'slack-legacy-token',
    description: 'Slack token',
    regex: re(`${B}xox[aors]-[0-9]{6,15}(?:-[0-9A-Za-z]{4,80}){1,4}${E}`),
  },
  {
    id: 'telegram-bot-token',
    description: 'Telegram bot token',
    regex: re(`(?<![0-9])[0-9]{8,10}:AA[0-9A-Za-z_-]{33}${E64}`),
  },
  {
    // an ntfy server's access token (`tk_` and 29 lower-case letters and digits), as a header, a URL's user or a setting
    id: 'ntfy-access-token',
    description: 'ntfy access token',
    regex: re(`${B}tk_[a-z0-9]{29}${E}`),
  },
  {
    id: 'discord-bot-token',
    description: 'Discord bot token',
    regex: re(`${B64}[MNO][A-Za-z0-9_-]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}${E64}`),
  },
  {
    // the SID names an API key (the key's secret is a separate random string), like the account SID `AC…`
    id: 'twilio-api-key',
    description: 'Twilio API key SID (an identifier)',
    regex: re(`${B}SK[0-9a-fA-F]{32}${E}`),
    notSecret: 'identifier',
  },
  // ── email ──
  {
    id: 'sendgrid-api-key',
    description: 'SendGrid API key',
    regex: re(`${B64}SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}${E64}`),
  },
  {
    id: 'mailgun-api-key',
    description: 'Mailgun API key',
    regex: re(`${B}key-[0-9a-f]{32}${E}|(?<![0-9a-f-])[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}(?![0-9a-f-])`),
  },
  {
    id: 'mailchimp-api-key',
    description: 'Mailchimp API key',
    regex: re(`(?<![0-9a-f-])[0-9a-f]{32}-us[0-9]{1,2}${E}`),
  },
  {
    id: 'brevo-api-key',
    description: 'Brevo API key',
    regex: re(`${B}x(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}${E}`),
  },
  {
    id: 'resend-api-key',
    description: 'Resend API key',
    regex: re(`${B}re_[A-Za-z0-9]{8}_[A-Za-z0-9]{24}${E}`),
  },
  // ── payments and commerce ──
  {
    id: 'stripe-secret-key',
    description: 'Stripe secret key',
    regex: re(`${B}(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,247}${E}`),
  },
  {
    id: 'stripe-webhook-secret',
    description: 'Stripe webhook signing secret',
    regex: re(`${B}whsec_[A-Za-z0-9+/=]{24,100}`),
  },
  {
    id: 'shopify-token',
    description: 'Shopify access token',
    regex: re(`${B}shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}${E}`),
  },
  {
    id: 'square-token',
    description: 'Square access token',
    regex: re(`${B64}(?:EAAA[A-Za-z0-9_-]{60}|sq0csp-[0-9A-Za-z_-]{43}|sq0atp-[0-9A-Za-z_-]{22})${E64}`),
  },
  {
    // `address:0:public:private` (identity.public stops after the public key)
    id: 'zerotier-identity-secret',
    description: 'ZeroTier identity secret',
    regex: re(`${B}[0-9a-f]{10}:0:[0-9a-f]{128}:([0-9a-f]{128})${E}`),
    group: 1,
  },
  // ── more vendors' prefixed formats: each prefix is the vendor's own, and the body's length and alphabet exact ──
  {
    id: 'facebook-access-token',
    description: 'Facebook access token',
    regex: re(`${B}EAA[B-Z][A-Za-z0-9]{90,1000}${E}`),
  },
  {
    id: 'google-oauth-token',
    description: 'Google OAuth access or refresh token',
    regex: re(`${B64}(?:ya29\\.[0-9A-Za-z_-]{30,2000}|1//0[0-9A-Za-z_-]{40,300})${E64}`),
  },
  {
    id: 'firebase-cloud-messaging-key',
    description: 'Firebase Cloud Messaging server key',
    regex: re(`${B64}AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{100,200}${E64}`),
  },
  {
    id: 'azure-ad-client-secret',
    description: 'Azure AD client secret',
    regex: re(`(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])`),
  },
  {
    id: 'hubspot-private-app-token',
    description: 'HubSpot private app token',
    regex: re(`${B}pat-(?:na|eu|ap)[1-9]-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}${E}`),
  },
  {
    id: 'terraform-cloud-token',
    description: 'Terraform Cloud token',
    regex: re(`${B}[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70}${E64}`),
  },
  {
    id: 'rubygems-api-key',
    description: 'RubyGems API key',
    regex: re(`${B}rubygems_[a-f0-9]{48}${E}`),
  },
  {
    id: 'circleci-token',
    description: 'CircleCI token',
    regex: re(`${B}CCIP(?:AT|RJ)_[A-Za-z0-9]{22}_[a-f0-9]{40}${E}`),
  },
  {
    id: 'bitbucket-app-password',
    description: 'Bitbucket app password',
    regex: re(`${B}ATBB[A-Za-z0-9]{32}${E}`),
  },
  {
    id: 'sourcegraph-token',
    description: 'Sourcegraph access token',
    regex: re(`${B}sgp_(?:[a-f0-9]{16}_|local_)?[a-f0-9]{40}${E}`),
  },
  {
    id: 'harness-token',
    description: 'Harness access token',
    regex: re(`${B}pat\\.[A-Za-z0-9_-]{22}\\.[0-9a-f]{24}\\.[A-Za-z0-9]{20}${E}`),
  },
  {
    id: 'airtable-token',
    description: 'Airtable personal access token',
    regex: re(`${B}pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}${E}`),
  },
  {
    id: 'netlify-token',
    description: 'Netlify access token',
    regex: re(`${B}nfp_[A-Za-z0-9]{36}${E}`),
  },
  {
    id: 'render-api-key',
    description: 'Render API key',
    regex: re(`${B}rnd_[A-Za-z0-9]{32}${E}`),
  },
  {
    id: 'backblaze-b2-application-key',
    description: 'Backblaze B2 application key',
    // `K00` and a digit, then 27 base64 characters (31 in all); its key id is 25 hex digits
    regex: re(`(?<![A-Za-z0-9+/])K00[0-9][A-Za-z0-9+/]{27}(?![A-Za-z0-9+/=])`),
  },
  {
    id: 'khoj-api-key',
    description: 'Khoj API key',
    // `kk-` and `secrets.token_urlsafe(32)`: 43 URL-safe base64 characters
    regex: re(`(?<![A-Za-z0-9_-])kk-[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])`),
  },
  {
    id: 'deno-deploy-token',
    description: 'Deno Deploy token',
    regex: re(`${B}dd[pw]_[A-Za-z0-9]{36}${E}`),
  },
  {
    id: 'fly-token',
    description: 'Fly.io token',
    regex: re(`${B64}(?:fo1_[A-Za-z0-9_-]{43}|fm2_[A-Za-z0-9+/]{100,4000}={0,3})${E64}`),
  },
  {
    id: 'onepassword-service-account-token',
    description: '1Password service account token',
    regex: re(`${B}ops_eyJ[A-Za-z0-9+/]{200,4000}={0,3}`),
  },
  {
    id: 'infisical-service-token',
    description: 'Infisical service token',
    regex: re(`${B}st\\.[a-f0-9-]{36}\\.[a-f0-9]{32}\\.[a-f0-9]{32}${E}`),
  },
  {
    id: 'planetscale-token',
    description: 'PlanetScale password or token',
    regex: re(`${B}pscale_(?:pw|tkn|oauth)_[A-Za-z0-9_.=-]{32,64}${E64}`),
  },
  {
    id: 'astra-db-token',
    description: 'DataStax Astra DB token',
    regex: re(`${B}AstraCS:[A-Za-z0-9]{24}:[a-f0-9]{64}${E}`),
  },
  {
    id: 'dynatrace-token',
    description: 'Dynatrace API token',
    regex: re(`${B}dt0c01\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}${E}`),
  },
  {
    id: 'new-relic-license-key',
    description: 'New Relic license or insights key',
    regex: re(`${B}(?:[a-f0-9]{36}NRAL|NRII-[A-Za-z0-9_-]{32})${E64}`),
  },
  {
    id: 'honeycomb-api-key',
    description: 'Honeycomb API key',
    regex: re(`${B}hc[ax]i[kc]_[0-9a-z]{58}${E}`),
  },
  {
    id: 'contentful-token',
    description: 'Contentful management token',
    regex: re(`${B}CFPAT-[A-Za-z0-9_-]{43}${E64}`),
  },
  {
    id: 'figma-token',
    description: 'Figma access token',
    regex: re(`${B}figd_[A-Za-z0-9_-]{40,64}${E64}`),
  },
  {
    id: 'typeform-token',
    description: 'Typeform token',
    regex: re(`${B}tfp_[A-Za-z0-9_.=-]{59}${E64}`),
  },
  {
    id: 'readme-api-key',
    description: 'ReadMe API key',
    regex: re(`${B}rdme_[a-z0-9]{70}${E}`),
  },
  {
    id: 'frameio-token',
    description: 'Frame.io token',
    regex: re(`${B}fio-u-[A-Za-z0-9_=-]{64}${E64}`),
  },
  {
    id: 'infracost-api-key',
    description: 'Infracost API key',
    regex: re(`${B}ico-[A-Za-z0-9]{32}${E}`),
  },
  {
    id: 'cloudflare-origin-ca-key',
    description: 'Cloudflare Origin CA key',
    regex: re(`${B}v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}${E}`),
  },
  {
    id: 'launchdarkly-sdk-key',
    description: 'LaunchDarkly server-side SDK key',
    regex: re(`${B}sdk-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}${E}`),
  },
  {
    id: 'flagsmith-server-key',
    description: 'Flagsmith server-side environment key',
    regex: re(`${B}ser\\.[A-Za-z0-9]{22}${E}`),
  },
  {
    id: 'prefect-api-key',
    description: 'Prefect API key',
    regex: re(`${B}pnu_[A-Za-z0-9]{36}${E}`),
  },
  {
    id: 'adafruit-io-key',
    description: 'Adafruit IO key',
    regex: re(`${B}aio_[A-Za-z0-9]{28}${E}`),
  },
  {
    id: 'clickup-token',
    description: 'ClickUp API token',
    regex: re(`${B}pk_[0-9]{6,9}_[A-Z0-9]{32}${E}`),
  },
  {
    id: 'zoho-token',
    description: 'Zoho OAuth token',
    regex: re(`${B}1000\\.[a-f0-9]{32}\\.[a-f0-9]{32}${E}`),
  },
  {
    id: 'yandex-api-key',
    description: 'Yandex Cloud API key',
    regex: re(`${B}AQVN[A-Za-z0-9_-]{35,38}${E64}`),
  },
  // ── payments, shipping and identity verification ──
  {
    id: 'paypal-braintree-access-token',
    description: 'PayPal/Braintree access token',
    regex: re(`${B}access_token\\$(?:production|sandbox)\\$[a-z0-9]{16}\\$[a-f0-9]{32}${E}`),
  },
  {
    id: 'plaid-access-token',
    description: 'Plaid access token',
    regex: re(`${B}access-(?:sandbox|development|production)-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}${E}`),
  },
  {
    id: 'paddle-api-key',
    description: 'Paddle API key',
    regex: re(`${B}pdl_(?:live|sdbx)_apikey_[a-z0-9]{26}_[A-Za-z0-9]{22}_[A-Za-z0-9]{3}${E}`),
  },
  {
    id: 'flutterwave-secret-key',
    description: 'Flutterwave secret key',
    regex: re(`${B}FLWSECK(?:_TEST)?-[a-f0-9]{32}-X${E}`),
  },
  {
    id: 'shippo-token',
    description: 'Shippo API token',
    regex: re(`${B}shippo_(?:live|test)_[a-f0-9]{40}${E}`),
  },
  {
    id: 'easypost-api-key',
    description: 'EasyPost API key',
    regex: re(`${B}EZ[AT]K[A-Za-z0-9]{54}${E}`),
  },
  {
    id: 'onfido-api-token',
    description: 'Onfido API token',
    regex: re(`${B}api_(?:live|sandbox)(?:_[a-z]{2})?\\.[A-Za-z0-9_-]{11}\\.[A-Za-z0-9_-]{32}${E64}`),
  },
  {
    id: 'sumsub-app-token',
    description: 'Sumsub app token',
    regex: re(`${B}(?:prd|sbx):[A-Za-z0-9]{24}\\.[A-Za-z0-9]{32}${E}`),
  },
  // ── AI and data APIs ──
  {
    id: 'anthropic-api-key',
    description: 'Anthropic API key',
    regex: re(`${B64}sk-ant-(?:api|admin|oat|sid)[0-9]{2}-[A-Za-z0-9_-]{20,300}${E64}`),
  },
  {
    id: 'openai-api-key',
    description: 'OpenAI API key',
    regex: re(`${B64}sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,300}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})${E64}`),
  },
  {
    id: 'langfuse-secret-key',
    description: 'Langfuse secret key',
    regex: re(`${B}sk-lf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}${E}`),
  },
  {
    id: 'huggingface-token',
    description: 'Hugging Face token',
    regex: re(`${B}hf_[A-Za-z0-9]{34,40}${E}`),
  },
  {
    id: 'groq-api-key',
    description: 'Groq API key',
    regex: re(`${B}gsk_[A-Za-z0-9]{52}${E}`),
  },
  {
    id: 'replicate-token',
    description: 'Replicate API token',
    regex: re(`${B}r8_[A-Za-z0-9]{37}${E}`),
  },
  {
    id: 'perplexity-api-key',
    description: 'Perplexity API key',
    regex: re(`${B}pplx-[A-Za-z0-9]{48}${E}`),
  },
  {
    id: 'openrouter-api-key',
    description: 'OpenRouter API key',
    regex: re(`${B}sk-or-v1-[a-f0-9]{64}${E}`),
  },
  {
    id: 'nvidia-api-key',
    description: 'NVIDIA API key',
    regex: re(`${B}nvapi-[A-Za-z0-9_-]{64}${E64}`),
  },
  {
    id: 'tavily-api-key',
    description: 'Tavily API key',
    regex: re(`${B}tvly-(?:dev-|prod-)?[A-Za-z0-9]{32}${E}`),
  },
  {
    id: 'jina-api-key',
    description: 'Jina AI API key',
    regex: re(`${B}jina_[A-Za-z0-9_-]{50,70}${E64}`),
  },
  {
    id: 'elevenlabs-api-key',
    description: 'ElevenLabs API key',
    regex: re(`${B}sk_[a-f0-9]{48}${E}`),
  },
  {
    id: 'apify-token',
    description: 'Apify API token',
    regex: re(`${B}apify_api_[A-Za-z0-9]{36}${E}`),
  },
  {
    id: 'posthog-personal-api-key',
    description: 'PostHog personal API key',
    regex: re(`${B}phx_[A-Za-z0-9_]{40,50}${E}`),
  },
  {
    id: 'xai-api-key',
    description: 'xAI API key',
    regex: re(`${B}xai-[A-Za-z0-9]{80}${E}`),
  },
  {
    id: 'langsmith-api-key',
    description: 'LangSmith API key',
    regex: re(`${B}lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}${E}`),
  },
  {
    id: 'pinecone-api-key',
    description: 'Pinecone API key',
    regex: re(`${B}pcsk_[A-Za-z0-9]{4,10}_[A-Za-z0-9]{40,80}${E}`),
  },
  {
    id: 'notion-token',
    description: 'Notion integration token',
    regex: re(`${B}(?:ntn_[0-9]{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})${E}`),
  },
  {
    id: 'mapbox-secret-token',
    description: 'Mapbox secret token',
    regex: re(`${B64}sk\\.eyJ[A-Za-z0-9_-]{10,300}\\.[A-Za-z0-9_-]{20,100}${E64}`),
  },
  // ── blockchain node providers: the key is a path segment of the RPC URL ──
  {
    id: 'rpc-url-key',
    description: 'API key in an RPC URL',
    // Infura https://mainnet.infura.io/v3/<id>, Alchemy https://eth-mainnet.g.alchemy.com/v2/<key>
    regex: re(`(?:https|wss)://[a-z0-9-]{1,60}\\.(?:infura\\.io/(?:ws/)?v3|g\\.alchemy\\.com/v2)/([A-Za-z0-9_-]{32})(?![A-Za-z0-9_-])`),
    group: 1,
  },
  // ── public by design: sent to every browser (claimed here so no generic shape reports them) ──
  {
    id: 'mapbox-public-token',
    description: 'Mapbox public token',
    // its signature after a second dot; a token copied without it is still the public one
    regex: re(`${B64}pk\\.eyJ[A-Za-z0-9_-]{10,300}(?:\\.[A-Za-z0-9_-]{20,300}(?:\\.[A-Za-z0-9_-]{10,100})?)?${E64}`),
    notSecret: 'public',
  },
  {
    id: 'posthog-project-key',
    description: 'PostHog project API key',
    regex: re(`${B}phc_[A-Za-z0-9]{32,64}${E}`),
    notSecret: 'public',
  },
  {
    id: 'jitsu-browser-key',
    description: 'Jitsu browser (JavaScript) key',
    // Jitsu Classic's client keys `js.<id>.<random>` go into the tracking snippet; its server keys are `s2s.…`
    regex: re(`${B}js\\.[a-z0-9]{6,32}\\.[a-z0-9]{10,40}${E}`),
    notSecret: 'public',
  },
  // ── identifiers of things, not credentials (a name with `key`/`pass` in it holds them) ──
  {
    // a price, product, customer, subscription… id (only the prefixes no other vendor's key uses: Resend keys are `re_`); the secrets are `sk_`, `rk_` and `whsec_`
    id: 'stripe-object-id',
    description: 'Stripe object id',
    regex: re(`${B}(?:price|prod|cus|sub|acct|promo|seti|txn|evt)_[A-Za-z0-9]{14,64}${E}`),
    notSecret: 'identifier',
  },
  {
    // Universal Analytics, GA4 measurement and Tag Manager container ids: written into every page
    id: 'google-analytics-id',
    description: 'Google Analytics or Tag Manager id',
    regex: re(`${B}(?:UA-[0-9]{4,10}-[0-9]{1,4}|G-[A-Z0-9]{8,12}|GTM-[A-Z0-9]{4,9}|AW-[0-9]{9,11})${E}`),
    notSecret: 'identifier',
  },
  {
    // a LiveKit API key (`API` and 12 letters and digits): the key's name, which its API secret signs tokens under
    id: 'livekit-api-key',
    description: 'LiveKit API key (an identifier)',
    regex: re(`${B}API[A-Za-z0-9]{12}${E}`),
    notSecret: 'identifier',
  },
  {
    id: 'stripe-publishable-key',
    description: 'Stripe publishable key',
    regex: re(`${B}pk_(?:live|test)_[A-Za-z0-9]{10,247}${E}`),
    notSecret: 'public',
  },
  // ── passwords in clear text inside password databases ──
  {
    id: 'plain-scheme-password',
    description: 'password in clear text ({PLAIN} scheme)',
    // Dovecot / OpenLDAP: user|{PLAIN}password, userPassword: {CLEARTEXT}password
    regex: re(`\\{(?:PLAIN|CLEARTEXT|CLEAR|PLAIN-TRUNC)\\}([^\\s:'"|]{1,200})`),
    group: 1,
  },
  {
    id: 'synapse-signing-key',
    description: 'Matrix signing key',
    // Synapse / Dendrite signing key file: `ed25519 <key id> <base64 seed>`
    regex: re(`${B}ed25519 [A-Za-z0-9_]{1,30} ([A-Za-z0-9+/]{43}=?)(?![A-Za-z0-9+/=])`),
    group: 1,
  },
  // ── generic shapes (after the vendors, so a vendor description wins) ──
  {
    id: 'jwt',
    description: 'JSON Web Token',
    regex: re(`${B64}eyJ[A-Za-z0-9_-]{8,2000}\\.eyJ[A-Za-z0-9_-]{8,20000}\\.[A-Za-z0-9_-]{16,2000}${E64}`),
  },
  {
    id: 'sk-api-key',
    description: 'API key (sk-…)',
    // OpenAI-compatible providers (DeepSeek, Moonshot, LiteLLM, …) share the sk- + 32+ alphanumerics shape
    regex: re(`${B}sk-[A-Za-z0-9]{32,100}${E64}`),
  },
  {
    id: 'authorization-header',
    description: 'credential in an Authorization header',
    // `Authorization: Bearer x`, `Authorization=Basic x`, a map's `"Authorization": "Bearer x"` (PagerDuty's `Token token=x`),
    // and a proxy's header directive (nginx `proxy_set_header Authorization "Basic x";`, HAProxy `set-header Authorization "Bearer x"`);
    // OTLP exporters' headers take it URL-encoded (`OTEL_EXPORTER_OTLP_HEADERS=Authorization=Basic%20x`)
    regex: re(
      `${B64}(?:Proxy-)?Authorization(?:["']?[ \\t]{0,5}(?:[:=]|=>)[ \\t]{0,5}["']?|[ \\t]{1,5}["'])(?:${AUTH_SCHEMES})(?:[ \\t]{1,5}|%20)(?:token=["']?)?([A-Za-z0-9._~+/=-]{8,4096})`,
      'i',
    ),
    group: 1,
  },
  {
    id: 'auth-scheme-value',
    description: 'credential in an Authorization header value',
    // a header's whole value kept in a string (`AUTH="Basic 6YkE…"`, `token = 'Bearer …'`, szurubooru's `"Token dXBs…"`): the
    // scheme, then a generated token
    regex: re(`(["'])(?:Basic|Bearer|Token)[ \\t]{1,5}((?=[A-Za-z0-9._~+/=-]{0,200}[0-9])(?=[A-Za-z0-9._~+/=-]{0,200}[A-Za-z])[A-Za-z0-9._~+/=-]{16,4096})\\1`),
    group: 2,
  },
  {
    id: 'auth-scheme-setting',
    description: 'credential in an Authorization header value',
    // a header's value unquoted: a setting's whole value (`UPSTREAM_AUTH_HEADER: Basic d2Vi…`, or the value alone) or after the header's name and
    // a blank (`--header=Authorization Basic cm9v…`, HAProxy's `set-header Authorization Bearer …`); a generated token
    regex: re(
      `(?:(?<=^|[=:][ \\t]{0,5})|(?<![\\w-])[Aa]uthorization[ \\t]{1,5})(?:Basic|Bearer)[ \\t]{1,5}((?=[A-Za-z0-9._~+/=-]{0,200}[0-9])(?=[A-Za-z0-9._~+/=-]{0,200}[a-z])(?=[A-Za-z0-9._~+/=-]{0,200}[A-Z])[A-Za-z0-9._~+/=-]{16,4096})(?=[ \\t]*(?:$|[\\r\\n;,"'\\]]))`,
    ),
    group: 1,
  },
  {
    id: 'connection-string-password',
    description: 'password in a connection string',
    // libpq `host=db password=x`, ADO.NET / ODBC `Server=…;Password=x;`, JDBC `?password=x`, a device API's `?pw=x`
    // (OpenSprinkler's, which takes the password's MD5 as the password); `pass=x` after the user's
    // `user=` (rtl_433's `-F mqtt://host,user=u,pass=x`, a query's `?user=u&pass=x`)
    regex: re(
      `(?<=^|[\\s;?&,{(])(?:password|passwd|pwd|(?<=[?&])pw|(?<=\\buser(?:name)?=[^\\s,;&=]{1,64}[,;&])pass)[ \\t]{0,5}=(?!>)[ \\t]{0,5}('[^'\\n]{1,200}'|"[^"\\n]{1,200}"|(?:\\$\\{[^{}\\s]{1,100}\\}|[^\\s;'"&,(){}]){1,200})`,
      'i',
    ),
    group: 1,
  },
  {
    id: 'sql-password',
    description: 'password in an SQL statement',
    // CREATE USER … IDENTIFIED BY 'x' / WITH PASSWORD 'x' / ALTER USER … PASSWORD 'x' / MySQL SET PASSWORD = PASSWORD('x');
    // TDengine's CREATE|ALTER USER name PASS 'x'; SQL Server's CREATE LOGIN name WITH PASSWORD = N'x' (a Unicode literal);
    // not MySQL's `IDENTIFIED BY PASSWORD '*…'`, which gives the hash
    // a blank, `=` or the function's `(` before the quote: `'password' => ENV['X']` is a Ruby hash, not SQL
    regex: re(
      `${B}(?:IDENTIFIED(?:[ \\t]+WITH[ \\t]+[A-Za-z0-9_]{1,40})?[ \\t]+BY(?![ \\t]+PASSWORD\\b)|(?<!BY[ \\t]{1,8})PASSWORD|PASS(?<=USER[ \\t]{1,8}[A-Za-z0-9_.@"\`-]{1,64}[ \\t]{1,8}PASS))(?:[ \\t]+|[ \\t]*[=(][ \\t]*)N?'([^'\\n]{1,200})'`,
      'i',
    ),
    group: 1,
  },
  {
    id: 'sql-create-secret',
    description: 'secret in an SQL CREATE SECRET statement',
    // Materialize's and RisingWave's `CREATE SECRET [IF NOT EXISTS] name [WITH (backend = 'meta')] AS 'x'`, `ALTER SECRET name AS 'x'`
    regex: re(
      `${B}(?:CREATE|ALTER)[ \\t]+SECRET[ \\t]+(?:IF[ \\t]+NOT[ \\t]+EXISTS[ \\t]+)?[A-Za-z0-9_."]{1,128}(?:[ \\t]+WITH[ \\t]*\\([^()\\n]{0,200}\\))?[ \\t]+AS[ \\t]+'([^'\\n]{1,4096})'`,
      'i',
    ),
    group: 1,
  },
  {
    id: 'shopware-access-key-id',
    description: 'Shopware access key id',
    // an integration's (SWIA) or a sales channel's (SWSC) access key: the id the secret access key goes with
    regex: re(`${B}SW(?:IA|SC)[A-Za-z0-9]{18,30}${E}`),
    notSecret: 'identifier',
  },
  {
    id: 'tsig-key',
    description: 'TSIG key',
    // a DNS TSIG key after its algorithm: PowerDNS/BIND key lines `name hmac-sha256 <base64>`, nsupdate
    // `-y hmac-sha256:name:<base64>`, knot `hmac-sha256:name:<base64>`; the algorithm alone is a setting
    regex: re(`${B}hmac-(?:md5|sha1|sha224|sha256|sha384|sha512)(?:[ \\t]+|:[A-Za-z0-9._-]{1,64}:)([A-Za-z0-9+/]{16,88}={0,2})(?![A-Za-z0-9+/=])`, 'i'),
    group: 1,
  },
  {
    id: 'cds-api-key',
    description: 'Copernicus CDS API key',
    // the Climate Data Store's `UID:UUID` key, as `.cdsapirc` writes it (`key: 774442:9b2d…`) or a job's `CDSAPI_KEY`
    regex: re(
      `(?<=\\bkey:[ \\t]{0,4}|\\bCDSAPI_KEY["']?[ \\t]{0,4}[=:]?[ \\t]{0,4}["']?)\\d{3,8}:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}${E}`,
    ),
  },
  {
    id: 'ethstats-secret',
    description: 'ethstats secret',
    // an Ethereum client's `--ethstats=NODE:SECRET@HOST:PORT` (geth, Erigon, Bor): the stats server's shared secret
    regex: re(`--ethstats[= ]["']?[^\\s:@'"]{1,64}:([^\\s@'"]{4,200})@[A-Za-z0-9.-]{1,253}`),
    group: 1,
  },
  {
    id: 'cli-secret-flag',
    description: 'secret on a command line',
    // command lines kept in variables (REDIS_ARGS, JAVA_OPTS): --requirepass x, --db-password=x,
    // -Djavax.net.ssl.keyStorePassword=x; the flag name must end with the secret word; a shell's operator after a
    // switch (`gh auth login --with-token && …`) is no value
    regex: re(
      `(?<=^|[\\s"'=])(?:--?|-D)(?:[A-Za-z0-9_.-]{0,60}(?:password|passwd|secret|token|apikey|requirepass|masterauth)|(?:[A-Za-z0-9_.-]{0,60}[._-])?(?:pass|pwd|api[._-]key|secret[._-]key|private[._-]key|auth[._-]key))(?:=|[ \\t]{1,5})("[^"\\n]{1,200}"|'[^'\\n]{1,200}'|[^\\s'"&|;<>()-][^\\s'"]{0,199})`,
      'i',
    ),
    group: 1,
  },
  {
    id: 'go-sql-dsn',
    description: 'password in a database DSN',
    // go-sql-driver/mysql and friends: user:pass@tcp(host:3306)/db, also behind a scheme (mysql://user:pass@tcp(…)); the
    // protocol may be left out (mysqld_exporter's `user:pass@(host:3306)/`)
    // the password stops at a colon or quote: with those allowed, every `=`/`:` of a long value starts a 256-character scan (found by recheck)
    regex: re(`(?<=^|[\\s"'=]|://)[A-Za-z0-9_.-]{1,64}:([^\\s@/:"']{1,256})@(?:tcp|tcp6|udp|unix)?\\(`),
    group: 1,
  },
  {
    id: 'oracle-password',
    description: 'password in an Oracle connect string',
    // JDBC thin/OCI `jdbc:oracle:thin:scott/tiger@…` and sqlplus / rman `scott/tiger@//host:1521/svc`
    // (literal prefixes: a pattern that starts with a lookbehind is tried at every position)
    regex: re(
      `(?:jdbc:oracle:(?:thin|oci):|(?:sqlplus|rman|sqlldr|expdp|impdp)[ \\t]{1,5}(?:-[A-Za-z]{1,10}[ \\t]{1,5}){0,3})[A-Za-z][A-Za-z0-9_$#]{0,29}/([^\\s@/"']{1,128})@`,
    ),
    group: 1,
  },
  {
    id: 'schemeless-url-password',
    description: 'password in a connection string',
    // `user:password@host[:port]/database` without a scheme (SeisComP's `dbstore.read = sysop:…@mariadb/seiscomp`, an RTSP
    // camera's `admin:…@192.168.20.31:554/Streaming/Channels/101` in OvenMediaEngine's `<Url>`); a URL's
    // is found as a URL's (its user follows `//`), a variable's (`$`, `%`, braces) is no literal, and a path has no `@`
    regex: re(
      `(?<![\\w./:@$%{}-])[A-Za-z_][\\w.-]{0,63}:([^\\s:@/'"$%{}]{1,128})@[A-Za-z0-9][A-Za-z0-9.-]{0,252}(?::[0-9]{1,5})?(?:/[\\w.-]{1,64}){1,8}(?![\\w/.:@-])`,
    ),
    group: 1,
  },
  {
    id: 'pgpass-password',
    description: 'password in a .pgpass line',
    // hostname:port:database:username:password, one entry a line (port a number or *); not an IPv6 address, nor a
    // fingerprint of colon-separated hex pairs (a key file's `"fingerprint": "b1:83:…"`, 32 of them), nor PHP's serialized
    // array (`a:1:{i:0;s:16:"ROLE_ADMIN";}`: no database or user name has braces or semicolons)
    regex: re(
      `(?<=^|\\n|["'=>])[ \\t]{0,20}(?![0-9A-Fa-f:]{1,100}(?:/[0-9]{1,3})?(?:[\\s"']|$))(?![0-9]{1,5}:)[^\\s:#"'=>]{1,253}:(?:[0-9]{1,5}|\\*):[^\\s:"'{};]{1,63}:[^\\s:"'{};]{1,63}:([^\\s:"'][^\\s"']{0,199})(?=[\\s"']|$)`,
    ),
    group: 1,
  },
  {
    id: 'flexisip-clrtxt',
    description: 'clear-text password in a Flexisip password file',
    // Flexisip's `passwords` file and its `userdb` lines: `user@domain clrtxt:PASSWORD ;` (`md5:`/`sha256:` are digests)
    regex: re(`(?<=^|[ \\t])clrtxt:([^\\s;]{1,200})`),
    group: 1,
  },
  {
    id: 'dnsdist-console-key',
    description: 'dnsdist console key',
    // dnsdist's Lua configuration: `setKey("…")`, the console's shared key (32 bytes in base64)
    regex: re(`(?<![\\w.:])setKey\\([ \\t]*["']([A-Za-z0-9+/]{43}=)["'][ \\t]*\\)`),
    group: 1,
  },
  {
    id: 'forward-proxy-basic-auth',
    description: 'password of a forward proxy user',
    // Caddy's forward_proxy (NaiveProxy) `basic_auth USER PASSWORD` on its own line, its password in clear (Caddy's own
    // `basic_auth` block gives `USER HASH` inside braces, a bcrypt hash)
    regex: re(`(?:^|\\n)[ \\t]*(?:#[ \\t]*)?basic_?auth[ \\t]+[\\w.@-]{1,64}[ \\t]+([^\\s{}#$]{4,200})[ \\t]*(?=\\r?\\n|$)`),
    group: 1,
  },
  {
    id: 'fetchmail-password',
    description: 'password in a fetchmail run control file',
    // fetchmailrc's `user "USER" [there] [with] password "X"` (`pass`), of a `poll` entry, on one line or several
    regex: re(
      `(?<![A-Za-z0-9_])user(?:name)?[ \\t]{1,20}(?:"[^"\\n]{1,200}"|[^\\s"]{1,200})(?:[ \\t]{1,20}there)?(?:\\s{1,20}with)?\\s{1,20}pass(?:word)?[ \\t]{1,20}"([^"\\n\\\\]{1,200})"`,
    ),
    group: 1,
  },
  {
    id: 'netrc-password',
    description: 'password in a .netrc entry',
    // `machine HOST login USER password X` (curl, git, pip and NASA Earthdata read ~/.netrc), on one line or several, or
    // written by a `printf 'machine …\nlogin …\npassword …\n' > ~/.netrc` (its lines split by `\n`)
    regex: re(
      `(?<![A-Za-z0-9_])machine[ \\t]{1,20}[^\\s\\\\]{1,253}(?:\\s|\\\\n){1,20}login[ \\t]{1,20}[^\\s\\\\]{1,200}(?:\\s|\\\\n){1,20}password[ \\t]{1,20}([^\\s"'\\\\]{1,200})`,
    ),
    group: 1,
  },
  {
    id: 'docker-registry-auth',
    description: 'registry credential (Docker auth config)',
    // DOCKER_AUTH_CONFIG / config.json: {"auths": {"registry": {"auth": "base64(user:password)"}}}
    regex: re(`"auth"[ \\t]{0,5}:[ \\t]{0,5}"([A-Za-z0-9+/]{8,4096}={0,2})"`),
    group: 1,
  },
  {
    id: 'uptime-kuma-push-token',
    description: 'Uptime Kuma push token',
    // a push monitor's URL (`https://status.example.org/api/push/bWd60wAPLutKu9Jz?status=up`): whoever has it reports the
    // monitor up or down
    regex: re(`/api/push/([A-Za-z0-9]{10,64})(?=[?#&\\s"']|$)`),
    group: 1,
  },
  {
    id: 'deploy-hook-token',
    description: 'token of a deploy webhook',
    // Easypanel's deploy trigger (`/api/deploy/<40 hex>`): whoever has the URL redeploys the service
    regex: re(`/api/deploy/([0-9a-f]{32,64})(?![\\w-])`),
    group: 1,
  },
  {
    id: 'pipeline-trigger-token',
    description: "token of a pipeline's API trigger",
    // Mage's API trigger (`/api/pipeline_schedules/14/pipeline_runs/<32 hex>`): whoever has the URL runs the pipeline
    regex: re(`/api/pipeline_schedules/\\d{1,10}/pipeline_runs/([0-9a-f]{32})(?![\\w-])`),
    group: 1,
  },
  {
    id: 'erlang-cookie',
    description: 'Erlang distribution cookie',
    // `-setcookie X` (a release's vm.args, `erl` on a command line): the cookie lets any node join the cluster and run code
    regex: re(`(?<![^\\n \\t"'])-setcookie[ \\t]+["']?([^\\s"']{8,255})`),
    group: 1,
  },
  {
    id: 'etpro-oinkcode',
    description: 'Proofpoint ET Pro oinkcode',
    // the ET Pro ruleset's address holds the subscription's code: `https://rules.emergingthreatspro.com/<code>/suricata-…/etpro.rules.tar.gz`
    regex: re(`rules\\.emergingthreatspro\\.com/([0-9a-fA-F]{16,40})/`),
    group: 1,
  },
  {
    id: 'steam-gslt',
    description: 'Steam game server login token',
    // a Source engine server's `sv_setsteamaccount TOKEN` (server.cfg, or `+sv_setsteamaccount` on srcds' command line):
    // the account token that lists the server under its owner's Steam account
    regex: re(`(?<![\\w-])\\+?sv_setsteamaccount[ \\t]+["']?([0-9A-F]{32})(?![0-9A-Za-z])`),
    group: 1,
  },
  {
    id: 'twitch-chat-oauth',
    description: 'Twitch chat OAuth token',
    // a Twitch chat bot's IRC password, `oauth:` and the user access token's 30 lower-case letters and digits (`PASS oauth:…`)
    regex: re(`(?<![\\w-])oauth:((?=[a-z0-9]{0,29}\\d)(?=[0-9]{0,29}[a-z])[a-z0-9]{30})(?![\\w-])`),
    group: 1,
  },
  {
    id: 'ical-feed-token',
    description: 'token of a private calendar feed',
    // a private iCalendar feed's address holds its token (`…/ical/52d3…09.ics`, Google's `…/private-<hex>/basic.ics`):
    // whoever has the URL reads the calendar
    regex: re(`/(?:private-)?([0-9a-fA-F]{32,128})(?:/basic)?\\.ics(?![\\w.-])`),
    group: 1,
  },
  {
    id: 'url-query-token',
    description: 'token in a URL query',
    // (and Snort's rule downloads: `snortrules-snapshot-….tar.gz?oinkcode=…`)
    regex: re(`[?&](?:access_?token|api_key|apikey|api-key|auth_?token|client_?secret|private_token|token|secret|oinkcode)=([^&\\s#'"\`]{8,300})`, 'i'),
    group: 1,
  },
  // `?key=` names many things (a sort key, a cache key); as a generated value of letters and digits it is an API key
  // (Redmine's `sys/fetch_changesets?key=`, a service's `?key=`); not a map tile server's, whose key the browser is
  // given (MapTiler, as Mapbox's `pk.` token: public by design). Both conditions are scan.ts's (queryKeyIsApiKey):
  // written in the pattern, their bounded lookarounds made the static checker run out of memory
  {
    id: 'url-query-key',
    description: 'API key in a URL query',
    // (and OpenWeather's `?appid=`, its API key: an application's id elsewhere is short, or digits only)
    regex: re(`[?&](?:key|access_?key|appid)=([A-Za-z0-9_-]{16,200})(?=[&\\s#'"]|$)`, 'i'),
    group: 1,
  },
  {
    // Brewfather's custom stream URL: its `id` is the write credential a fermentation logger posts readings with
    id: 'brewfather-stream-url',
    description: 'Brewfather stream URL',
    regex: re(`https?://log\\.brewfather\\.net/stream\\?id=([A-Za-z0-9]{10,32})(?![A-Za-z0-9])`),
    group: 1,
  },
  {
    id: 'twitch-stream-key',
    description: 'Twitch stream key',
    regex: re(`${B}live_\\d{6,12}_[A-Za-z0-9]{30}${E}`),
  },
  {
    id: 'url-user-token',
    description: 'token in a URL',
    // a random token as the URL's user (shoutrrr `discord://TOKEN@ID`, `https://TOKEN@git.example.com`):
    // 20+ characters mixing upper case, lower case and digits (Uptrace's DSN token has 22), so no user name reads as one
    regex: re(`://(?=[A-Za-z0-9_-]{0,199}[A-Z])(?=[A-Za-z0-9_-]{0,199}[a-z])(?=[A-Za-z0-9_-]{0,199}[0-9])([A-Za-z0-9_-]{20,200})@`),
    group: 1,
  },
  {
    id: 'webhook-url-token',
    description: 'webhook URL',
    // the random id after /hooks/ or /webhook(s)/ is the credential (Mattermost, Rocket.Chat, Home Assistant, n8n…)
    regex: re(
      `https?://[^\\s/'"]{1,253}/(?:[^\\s/'"?#]{1,100}/){0,6}(?:hooks?|webhooks?)/(?:[A-Za-z0-9]{1,40}/)?(?=[A-Za-z0-9_-]{0,99}[0-9])(?=[A-Za-z0-9_-]{0,99}[a-zA-Z])([A-Za-z0-9_-]{20,100})(?![A-Za-z0-9_-])`,
    ),
    group: 1,
  },
]);
