import { describe, expect, it } from 'vitest';
import { classifyKey, isConnectionKey, isCredentialCarrierKey, isGluedKeyName, isWebhookKey, splitWords, type SecretKind } from '../../src/detect/keys.js';

/** [name, kind when sensitive, or null when not sensitive] */
const TABLE: [string, SecretKind | null][] = [
  // ── passwords: every spelling and separator ──
  ['POSTGRES_PASSWORD', 'password'],
  // what a pre-shared key is known by, not the key; a password named after an identity is a password
  ['ZBX_PSK_IDENTITY', null],
  ['IDENTITY_PASSWORD', 'password'],
  ['ns-kek', 'encryption-key'],
  ['KMS_KEK', 'encryption-key'],
  ['MYSQL_ROOT_PASSWORD', 'password'],
  ['MARIADB_PASSWORD', 'password'],
  ['DB_PASSWORD', 'password'],
  ['dbPassword', 'password'],
  ['db.password', 'password'],
  ['db-password', 'password'],
  ['DB_PASS', 'password'],
  ['SMTP_PASS', 'password'],
  ['SMTP_PASSWORD', 'password'],
  ['RABBITMQ_DEFAULT_PASS', 'password'],
  ['KEYCLOAK_ADMIN_PASSWORD', 'password'],
  ['GF_SECURITY_ADMIN_PASSWORD', 'password'],
  ['PGPASSWORD', 'password'],
  ['PASSWORD', 'password'],
  ['password', 'password'],
  ['PASS', 'password'],
  ['_PASSWORD', 'password'],
  ['REDISPASS', 'password'],
  ['DBPASS', 'password'],
  ['ADMINPASS', 'password'],
  ['MASTERPASS', 'password'],
  ['WEBPASSWORD', 'password'],
  ['BITCOIN_RPCPASSWORD', 'password'],
  ['ME_CONFIG_MONGODB_ADMINPASSWORD', 'password'],
  ['GITEA__database__PASSWD', 'password'],
  ['DB_PASSWD', 'password'],
  ['canal.adminPasswd', 'password'],
  ['POSTGRES_PWD', 'password'],
  ['SMTP_PWD', 'password'],
  ['PIHOLE_PW', 'password'],
  ['LDAP_BIND_PW', 'password'],
  ['INITIAL_ADMIN_PW', 'password'],
  ['ADMIN_PSW', 'password'],
  ['NEXT_PRIVATE_SIGNING_PASSPHRASE', 'password'],
  ['SSH_KEY_PASSPHRASE', 'password'],
  ['spring.datasource.password', 'password'],
  ['plumelog.es.passWord', 'password'],
  ['database__connection__password', 'password'],
  ['AUTHENTIK_POSTGRESQL__PASSWORD', 'password'],
  ['AppSettings__Password', 'password'],
  ['DFLY_requirepass', 'password'],
  ['SERVICE_PASSWORD_ADMIN', 'password'],
  ['_APP_DB_PASS_VECTORSDB', 'password'],
  ['KAFKA_CLIENT_PASSWORDS', 'password'],
  ['SIYUAN_ACCESS_AUTH_CODE', 'password'],
  ['HAVEN_USER_PASS', 'password'],
  ['AUTH_USER_PASS', 'password'],
  // ── secrets, tokens, keys ──
  ['SECRET', 'secret'],
  ['SECRET_KEY', 'secret'],
  ['DJANGO_SECRET_KEY', 'secret'],
  ['SECRET_KEY_BASE', 'secret'],
  ['REDMINE_SECRET_KEY_BASE', 'secret'],
  ['NEXTAUTH_SECRET', 'secret'],
  ['nextAuthSecret', 'secret'],
  ['BETTER_AUTH_SECRET', 'secret'],
  ['APP_SECRET', 'secret'],
  ['SESSION_SECRET', 'secret'],
  ['JWT_SECRET', 'signing-key'],
  ['GOTRUE_JWT_SECRET', 'signing-key'],
  ['SIGNING_SECRET', 'signing-key'],
  ['AppSettings__JwtSecret', 'signing-key'],
  ['OIDC_CLIENT_SECRET', 'client-secret'],
  ['GOOGLE_CLIENT_SECRET', 'client-secret'],
  ['OpenIDConfig__ClientSecret', 'client-secret'],
  ['COOKIE_SECRET', 'cookie-secret'],
  ['RABBITMQ_ERLANG_COOKIE', 'cookie-secret'],
  ['RELEASE_COOKIE', 'cookie-secret'],
  ['TOKEN', 'token'],
  ['GITHUB_TOKEN', 'token'],
  ['TELEGRAM_BOT_TOKEN', 'token'],
  ['AWS_SESSION_TOKEN', 'token'],
  ['INFLUXDB_INIT_ADMIN_TOKEN', 'token'],
  ['CF_DNS__AUTH__SCOPED_TOKEN', 'token'],
  ['INIT_CLIENT_API_TOKENS', 'token'],
  ['FMD_REGISTRATIONTOKEN', 'token'],
  ['VAULT_DEV_ROOT_TOKEN_ID', 'token'],
  ['WHATSAPP_VERIFY_TOKEN', 'token'],
  ['JWT', 'token'],
  ['API_KEY', 'api-key'],
  ['APIKEY', 'api-key'],
  ['apiKey', 'api-key'],
  ['APIKey', 'api-key'],
  ['OPENAI_API_KEY', 'api-key'],
  ['DRAWIO_CLOUD_CONVERT_APIKEY', 'api-key'],
  ['API_KEY_READ_ONLY', 'api-key'],
  ['API_KEYS', 'api-key'],
  ['AUTHENTICATION_APIKEY_ALLOWED_KEYS', 'api-key'],
  // access keys are identifiers (the account's name), paired with the secret access key
  ['MINIO_ACCESS_KEY', null],
  ['AWS_ACCESS_KEY', null],
  ['AccessKey', null],
  ['AWS_SECRET_ACCESS_KEY', 'access-key'],
  ['MM_FILESETTINGS_AMAZONS3SECRETACCESSKEY', 'access-key'],
  // compounds split on their qualifier
  ['MM_SQLSETTINGS_ATRESTENCRYPTKEY', 'encryption-key'],
  ['traefik.http.middlewares.crowdsec.plugin.bouncer.crowdseclapikey', 'api-key'],
  ['MM_FILESETTINGS_PUBLICLINKSALT', 'salt'],
  // a Vault AppRole secret id is the secret; other secret ids and names are identifiers
  ['VAULT_APPROLE_SECRET_ID', 'secret'],
  ['VAULT_SECRET_ID', 'secret'],
  ['TENCENT_COS_SECRET_ID', null],
  ['DB_PASSWORD_SECRET_NAME', null],
  // Matomo's token_auth is a token; a TOKEN_AUTH_* setting is not
  ['MATOMO_TOKEN_AUTH', 'token'],
  ['TOKEN_AUTH_ENABLED', null],
  // `key` in another sense: serializers, converters
  ['CONNECT_KEY_CONVERTER', null],
  ['KAFKA_KEY_SERIALIZER', null],
  ['KEY_DESERIALIZER', null],
  ['STRIPE_KEY', 'secret'],
  // what follows FOR names the user of the secret
  ['INNER_API_KEY_FOR_PLUGIN', 'api-key'],
  ['PASSWORD_FOR_ADMIN_USER', 'password'],
  ['TOKEN_TTL_FOR_PLUGIN', null],
  // a wallet's seed phrase is its private key; a random seed is not
  ['WALLET_MNEMONIC', 'private-key'],
  ['SEED_PHRASE', 'private-key'],
  ['RANDOM_SEED', null],
  ['MNEMONIC_LENGTH', null],
  // Asterisk md5secret is a hash; a hash secret (an HMAC key) is a secret
  ['md5secret', null],
  ['HASH_SECRET', 'secret'],
  ['MINIO_SECRET_KEY', 'secret'],
  ['REGISTRY_STORAGE_S3_SECRETKEY', 'secret'],
  ['JWT_PRIVATE_KEY', 'private-key'],
  ['VAPID_PRIVATE_KEY', 'private-key'],
  ['PDS_PLC_ROTATION_KEY_K256_PRIVATE_KEY_HEX', 'private-key'],
  ['ENCRYPTION_KEY', 'encryption-key'],
  ['N8N_ENCRYPTION_KEY', 'encryption-key'],
  ['APP_KEY', 'encryption-key'],
  ['CRYPTO_KEY', 'encryption-key'],
  ['DB_ENC_KEY', 'encryption-key'],
  ['_APP_OPENSSL_KEY_V1', 'encryption-key'],
  ['INNGEST_SIGNING_KEY', 'signing-key'],
  ['MEILI_MASTER_KEY', 'secret'],
  ['LITELLM_MASTER_KEY', 'secret'],
  ['RAILS_MASTER_KEY', 'secret'],
  ['SESSION_KEY', 'secret'],
  ['AUTH_KEY', 'secret'],
  ['TS_AUTHKEY', 'secret'],
  ['GOOGLE_KEY', 'secret'],
  ['IMGPROXY_KEY', 'secret'],
  ['MONGO_KEYFILE_CONTENT', 'secret'],
  ['LICENSE_KEY', 'license-key'],
  ['MAXMIND_LICENSE_KEY', 'license-key'],
  ['NEW_RELIC_LICENSE_KEY', 'license-key'],
  ['SALT', 'salt'],
  ['HASHIDS_SALT', 'salt'],
  ['PASSWORD_SALT', 'salt'],
  ['LITELLM_SALT_KEY', 'salt'],
  ['ARCHE_SESSION_PEPPER', 'salt'],
  ['GOOGLE_API_CREDENTIALS', 'credentials'],
  ['CREDENTIALS', 'credentials'],
  ['NEO4J_AUTH', 'credentials'],
  ['REDISCLI_AUTH', 'credentials'],
  ['BASIC_AUTH', 'credentials'],
  ['SCRYPTED_WEBHOOK_UPDATE_AUTHORIZATION', 'credentials'],
  ['VPN_IPSEC_PSK', 'secret'],
  ['STRIPE_WEBHOOK_SECRET', 'secret'],
  // ── frontend prefixes: public keys are fine, secrets are leaks ──
  ['NEXT_PUBLIC_SUPABASE_ANON_KEY', null],
  ['NEXT_PUBLIC_API_KEY', null],
  ['VITE_STRIPE_PUBLISHABLE_KEY', null],
  ['REACT_APP_MAPS_API_KEY', null],
  ['VITE_API_TOKEN', null],
  ['NEXT_PUBLIC_ADMIN_PASSWORD', 'password'],
  ['VITE_CLIENT_SECRET', 'client-secret'],
  // ── traps: not secrets ──
  ['PWD', null],
  ['OLDPWD', null],
  ['KEY', null],
  ['AUTH', null],
  ['TOKEN_TTL', null],
  // counts and limits, and settings named after the secret they configure
  ['MAX_TOKENS', null],
  ['max_tokens', null],
  ['LLM_MAX_TOKENS', null],
  ['password_encryption', null],
  ['PASSWORD_ENCRYPTION_KEY', 'encryption-key'],
  // identifiers and public-by-design keys: OAuth client keys, Pusher-protocol app keys
  ['SOCIAL_AUTH_GOOGLE_OAUTH2_KEY', null],
  ['SOCIAL_AUTH_GOOGLE_OAUTH2_SECRET', 'secret'],
  // a consumer key is a secret by its name (OVH's is a user's credential); beside its consumer secret it is the pair's
  // identifier (key-pairs.ts); Twitter's names the app whatever is beside it
  ['OVH_CONSUMER_KEY', 'secret'],
  ['TWITTER_CONSUMER_KEY', null],
  ['TWITTER_CONSUMER_SECRET', 'secret'],
  ['PUSHER_APP_KEY', null],
  ['SOKETI_DEFAULT_APP_KEY', null],
  ['PUSHER_APP_SECRET', 'secret'],
  // Logflare's public access token ingests only (browsers send it); its private access token is the secret
  ['LOGFLARE_PUBLIC_ACCESS_TOKEN', null],
  ['LOGFLARE_PRIVATE_ACCESS_TOKEN', 'token'],
  ['GITHUB_ACCESS_TOKEN', 'token'],
  ['TOKEN_EXPIRY', null],
  ['JWT_EXPIRES_IN', null],
  ['JWT_TTL', null],
  ['JWT_EXP', null],
  ['JWT_ALGORITHM', null],
  ['ACCESS_TOKEN_EXPIRY_TIME', null],
  ['PASSWORD_RESET_TOKEN_EXPIRES_IN', null],
  ['PASSWORD_MIN_LENGTH', null],
  ['PASSWORDMINCHAR', null],
  ['PASSWORDLOWERCASE', null],
  ['GOTIFY_PASSSTRENGTH', null],
  ['POSTGRES_HOST_AUTH_METHOD', null],
  ['POSTGRES_PASSWORD_FILE', null],
  ['MYSQL_ROOT_PASSWORD_FILE', null],
  ['REDIS_PASSWORD_FILE', null],
  ['APIKEY_PATH', null],
  ['SSL_KEY_PATH', null],
  ['SECRETS_DIR', null],
  ['MYSQL_RANDOM_ROOT_PASSWORD', null],
  ['MARIADB_RANDOM_ROOT_PASSWORD', null],
  ['MYSQL_ALLOW_EMPTY_PASSWORD', null],
  ['ALLOW_EMPTY_PASSWORD', null],
  ['NEXUS_SECURITY_RANDOMPASSWORD', null],
  ['ALLOW_PASSWORD_RESET', null],
  ['PASSWORD_RESET_DISABLED', null],
  ['PASSWORD_HASH', null],
  ['UserPasswordHash', null],
  ['GRAYLOG_ROOT_PASSWORD_SHA2', null],
  ['DJANGO_PASSWORD_HASHER', null],
  ['PGADMIN_CONFIG_MASTER_PASSWORD_REQUIRED', null],
  ['AWS_ACCESS_KEY_ID', null],
  ['S3_ACCESS_KEY_ID', null],
  ['CLIENT_ID', null],
  ['OAUTH2_GITHUB_CLIENT_ID', null],
  ['NORDIGEN_SECRET_ID', null],
  ['CLOUDFRONT_KEY_PAIR_ID', null],
  ['PUBLIC_KEY', null],
  ['JWT_PUBLIC_KEY', null],
  ['VAPID_PUBLIC_KEY', null],
  ['RELAY_OWNER_PUBKEY', null],
  ['STRIPE_PUBLISHABLE_KEY', null],
  ['SUPABASE_ANON_KEY', null],
  ['H_CAPTCHA_SITE_KEY', null],
  ['SESSION_COOKIE_NAME', null],
  ['SESSION_COOKIE_SECURE', null],
  ['N8N_SECURE_COOKIE', null],
  ['COOKIE_DOMAIN', null],
  ['COOKIE_SAMESITE', null],
  ['SECRET_NAME', null],
  ['TOKEN_TYPE', null],
  ['AUTH_TYPE', null],
  ['SMTP_AUTHENTICATION', null],
  ['ENABLE_AUTH', null],
  ['EnableAuth', null],
  ['DISABLE_AUTH', null],
  ['OIDC_ONLY_AUTH', null],
  ['VERIFY_JWT', null],
  ['API_KEY_HEADER', null],
  ['AUTH_HEADER', null],
  ['KEYCLOAK_REALM', null],
  ['REGISTRY_AUTH', null],
  ['REGISTRY_AUTH_HTPASSWD_REALM', null],
  ['REGISTRY_AUTH_HTPASSWD_PATH', null],
  ['AUTH_USER', null],
  ['SMTP_USER', null],
  ['SMTP_USERNAME', null],
  ['BASIC_AUTH_USERNAME', null],
  ['AUTH_LOGIN', null],
  ['REDIS_HOST', null],
  ['REDIS_PORT', null],
  ['NEXTAUTH_URL', null],
  ['OIDC_TOKEN_URI', null],
  ['TOKEN_ENDPOINT', null],
  ['REDIS_KEY_PREFIX', null],
  ['CACHE_REDIS_PREFIX_KEY', null],
  ['NGINX_CACHE_KEYS_ZONE_SIZE', null],
  ['EASYRSA_KEY_SIZE', null],
  ['HASHIDS_LENGTH', null],
  ['SALT_PATH', null],
  ['BCRYPT_SALT_ROUNDS', null],
  ['OG_PASSTHROUGH', null],
  ['BYPASS_AUTH_FOR', null],
  ['COMPASS_URL', null],
  ['FTP_PASSIVE_PORTS', null],
  ['NB_ENABLE_ROSENPASS', null],
  ['MAILCOW_PASS_SCHEME', null],
  ['DOVECOT_PASS_FILTER', null],
  ['MEMCACHED_SASL_PWDB', null],
  ['CORS_CREDENTIALS', null],
  ['CORS_ALLOW_CREDENTIALS', null],
  ['NEXT_PUBLIC_CREDENTIALS_ENABLED', null],
  ['JEAN_NO_TOKEN', null],
  ['GARAGE_ALLOW_WORLD_READABLE_SECRETS', null],
  ['FORCE_VERIFYING_SIGNATURE', null],
  ['OIDC_SIGNING_ALGORITHM', null],
  ['SIGNATURE', null],
  ['HASH', null],
  ['KEYS_STORAGE', null],
  ['SERVICE_URL_ONETIMESECRET_3000', null],
  ['SERVICE_FQDN_SUPERTOKENS_3567', null],
  ['traefik.http.routers.supertokens.rule', null],
  ['traefik.http.middlewares.auth.basicauth.users', null],
  // a licence's code by name; its value decides (`accept`, `MIT`, `Apache-2.0` are words and identifiers: categories.test.ts)
  ['TS3SERVER_LICENSE', 'license-key'],
  ['LICENSE', 'license-key'],
  ['FLEET_TOKEN_POLICY_NAME', null],
  ['INDEXING_MAX_SEGMENTATION_TOKENS_LENGTH', null],
  ['WEBHOOK_EVENTS_MESSAGES_SET', null],
  ['PASSWORD_AUTHENTICATION', null],
  ['SSH_PASSWORD_AUTH', null],
  ['SECRET_BACKEND', null],
  ['PASSWORD_POLICY', null],
  ['TOKEN_LIFETIME', null],
  ['SESSION_TIMEOUT', null],
  ['KEYCLOAK_ADMIN', null],
  ['HASHED_PASSWORD', null],
  // a qualifier glued to the product's name before KEY (Coolify's names); not a CAPTCHA solver's name
  ['SERVICE_SUPABASEANON_KEY', null],
  ['RECAPTCHA_WEBSITE_KEY', null],
  ['ANTICAPTCHA_KEY', 'secret'],
  // Honeycomb's ingest header carries its API key
  ['x-honeycomb-team', 'api-key'],
  ['x-honeycomb-dataset', null],
  // Tor's torrc: the hashed word further off still makes it a hash
  ['HashedControlPassword', null],
  ['HASHED_ADMIN_PASSWORD', null],
  ['HTPASSWD', null],
  ['BASIC_AUTH_HTPASSWD', null],
  ['GOOGLE_APPLICATION_CREDENTIALS', null],
  ['PLEX_CLAIM', 'token'],
  ['WORDPRESS_AUTH_KEY', 'secret'],
  ['WORDPRESS_SECURE_AUTH_KEY', 'secret'],
  ['WORDPRESS_LOGGED_IN_SALT', 'salt'],
  ['REDIS_HOST_PASSWORD', 'password'],
  ['AZURE_STORAGE_KEY', 'secret'],
  ['OAUTH2_PROXY_COOKIE_SECRET', 'cookie-secret'],
  ['LDAP_READONLY_USER_PASSWORD', 'password'],
];

describe('classifyKey', () => {
  it('has a table of at least 150 names', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(150);
    expect(new Set(TABLE.map(([n]) => n)).size).toBe(TABLE.length);
  });

  it.each(TABLE)('%s → %s', (name, kind) => {
    const v = classifyKey(name);
    if (kind === null) {
      expect(v.sensitive).toBe(false);
    } else {
      expect(v).toEqual({ sensitive: true, kind });
    }
  });

  it('explains why a secret-looking name is not sensitive', () => {
    expect(classifyKey('POSTGRES_PASSWORD_FILE').reason).toBe('reference (*_FILE)');
    expect(classifyKey('TOKEN_TTL').reason).toBe('setting (*_TTL)');
    expect(classifyKey('PASSWORD_MIN_LENGTH').reason).toBe('setting (*_LENGTH)');
    expect(classifyKey('AWS_ACCESS_KEY_ID').reason).toBe('identifier (*_ID)');
    expect(classifyKey('MYSQL_RANDOM_ROOT_PASSWORD').reason).toBe('flag (RANDOM_*)');
    expect(classifyKey('PUBLIC_KEY').reason).toBe('public key');
    expect(classifyKey('PWD').reason).toBe('working directory (shell PWD)');
    expect(classifyKey('KEY').reason).toBe('too vague: KEY alone');
    expect(classifyKey('SESSION_COOKIE_NAME').reason).toBe('identifier (*_NAME)');
    expect(classifyKey('NEXT_PUBLIC_API_KEY').reason).toBe('public by design (frontend build variable)');
  });

  it('returns a fresh object every time (callers may not poison the cache)', () => {
    const a = classifyKey('DB_PASSWORD');
    a.sensitive = false;
    expect(classifyKey('DB_PASSWORD').sensitive).toBe(true);
  });

  it('does not treat an over-long name as a name', () => {
    expect(classifyKey('PASSWORD_'.repeat(100)).sensitive).toBe(false);
  });
});

describe('connection strings and webhooks: the value decides', () => {
  it.each([
    'DATABASE_URL',
    'DB_URL',
    'REDIS_URL',
    'MONGODB_URI',
    'CELERY_BROKER_URL',
    'SENTRY_DSN',
    'MAILER_DSN',
    'DB_CONNECTION_STRING',
    'POSTGRES_CONNECTION',
    'ConnectionStrings__DefaultConnection',
    'SQLALCHEMY_DATABASE_URI',
    'NEXT_PRIVATE_DATABASE_URL',
  ])('%s is a connection key, not sensitive by name', (name) => {
    expect(isConnectionKey(name)).toBe(true);
    expect(classifyKey(name)).toMatchObject({ sensitive: false, kind: 'connection-string' });
  });

  it.each(['NEXTAUTH_URL', 'PUBLIC_URL', 'OIDC_TOKEN_URI', 'APP_HOST', 'DB_NAME'])('%s is not a connection key', (name) => {
    expect(isConnectionKey(name)).toBe(false);
  });

  it.each(['SLACK_WEBHOOK_URL', 'DISCORD_WEBHOOK', 'WATCHDOG_NOTIFY_WEBHOOK', 'DIUN_NOTIF_SLACK_WEBHOOKURL', 'TEAMS_WEBHOOK_URL'])(
    '%s is a webhook key, judged by value',
    (name) => {
      expect(isWebhookKey(name)).toBe(true);
      expect(classifyKey(name)).toMatchObject({ sensitive: false, kind: 'webhook' });
    },
  );

  it('a webhook secret is a secret, webhook settings are settings', () => {
    expect(classifyKey('LEMONSQUEEZY_WEBHOOK_SECRET')).toEqual({ sensitive: true, kind: 'secret' });
    expect(isWebhookKey('WEBHOOK_EVENTS_MESSAGES_SET')).toBe(false);
    expect(isWebhookKey('AP_WEBHOOK_TIMEOUT_SECONDS')).toBe(false);
  });
});

describe('splitWords', () => {
  it.each([
    ['DB_PASSWORD', ['db', 'password']],
    ['dbPassword', ['db', 'password']],
    ['db.password', ['db', 'password']],
    ['db-password', ['db', 'password']],
    ['APIKEY', ['api', 'key']],
    ['apiKey', ['api', 'key']],
    ['APIKey', ['api', 'key']],
    ['OpenIDConfig__ClientSecret', ['open', 'id', 'config', 'client', 'secret']],
    ['REDISPASS', ['redis', 'pass']],
    ['passWord', ['password']],
    ['PASSWORDMINCHAR', ['password', 'minchar']],
    ['BYPASS', ['bypass']],
    ['N8N_ENCRYPTION_KEY', ['n8n', 'encryption', 'key']],
  ])('%s → %j', (name, words) => {
    expect(splitWords(name)).toEqual(words);
  });
});

describe('`private` alone after a key system, a JavaScript key (set U)', () => {
  it.each([
    ['vapidPrivate', 'private-key'],
    ['VAPID_PRIVATE', 'private-key'],
    ['WG_PRIVATE', 'private-key'],
  ] as [string, SecretKind][])('%s is a %s', (name, kind) => {
    expect(classifyKey(name)).toEqual({ sensitive: true, kind });
  });
  it.each(['PRIVATE', 'IS_PRIVATE', 'REPO_PRIVATE', 'vapidPrivateFile'])('%s is not', (name) => {
    expect(classifyKey(name).sensitive).toBe(false);
  });
  it('a JavaScript key ships in the web app (Parse javascriptKey); its REST or master key is a secret', () => {
    expect(classifyKey('javascriptKey')).toEqual({ sensitive: false, reason: 'JavaScript key (shipped in the web app, public by design)' });
    expect(classifyKey('masterKey').sensitive).toBe(true);
    expect(classifyKey('restAPIKey').sensitive).toBe(true);
  });
});

describe('names of set V', () => {
  it("a segment that says how the value is kept names nothing: SonarQube's `*.secured`", () => {
    expect(classifyKey('sonar.email.smtp_password.secured')).toEqual({ sensitive: true, kind: 'password' });
    expect(classifyKey('sonar.email.smtp_port.secured').sensitive).toBe(false);
    expect(classifyKey('sonar.secured').sensitive).toBe(false);
  });
  it('a cookie key glued into one word is one (YOURLS_COOKIEKEY), as COOKIE_KEY is', () => {
    expect(classifyKey('YOURLS_COOKIEKEY')).toEqual({ sensitive: true, kind: 'cookie-secret' });
    expect(classifyKey('COOKIE_KEY')).toEqual({ sensitive: true, kind: 'cookie-secret' });
    expect(classifyKey('COOKIE_NAME').sensitive).toBe(false);
  });
  it("a server's Sentry DSN carries the project's ingestion key, a browser's is given to every visitor; a database DSN carries its password", () => {
    expect(isCredentialCarrierKey('SENTRY_DSN')).toBe(true);
    expect(isCredentialCarrierKey('SENTRY_LARAVEL_DSN')).toBe(true);
    expect(isCredentialCarrierKey('APP_SENTRY_DSN')).toBe(true);
    expect(isCredentialCarrierKey('NEXT_PUBLIC_SENTRY_DSN')).toBe(false);
    expect(isCredentialCarrierKey('SENTRY_PUBLIC_DSN')).toBe(false);
    expect(isCredentialCarrierKey('VITE_SENTRY_DSN')).toBe(false);
    expect(isCredentialCarrierKey('SENTRY_BROWSER_DSN')).toBe(false);
    expect(isCredentialCarrierKey('SENTRY_URL')).toBe(false);
    expect(isCredentialCarrierKey('SENTRY_ENVIRONMENT')).toBe(false);
    expect(isCredentialCarrierKey('DATABASE_DSN')).toBe(true);
    expect(isCredentialCarrierKey('MAILER_DSN')).toBe(true);
  });
});

describe('names of sets BN and BO', () => {
  it("a permission's name (szurubooru's `users:edit:self:pass`) holds a rank, not a password; .NET's capitalised sections are settings' paths", () => {
    expect(classifyKey('users:edit:self:pass')).toEqual({ sensitive: false, reason: "permission's name" });
    expect(classifyKey('privileges.users:edit:any:pass')).toEqual({ sensitive: false, reason: "permission's name" });
    expect(classifyKey('Authentication:Google:ClientSecret').sensitive).toBe(true);
  });
  it('a version key and a type key name a version and a kind', () => {
    expect(classifyKey('FILTER_VERSION_KEY').sensitive).toBe(false);
    expect(classifyKey('ACCOUNT_TYPE_KEY').sensitive).toBe(false);
    expect(classifyKey('ENCRYPTION_KEY_VERSION').sensitive).toBe(false);
    expect(classifyKey('FILTER_KEY').sensitive).toBe(true);
  });
  it("an account's PHP session cookie is a token; PHPSESSID alone names the cookie", () => {
    expect(classifyKey('PIXIV_PHPSESSID')).toEqual({ sensitive: true, kind: 'token' });
    expect(classifyKey('PHPSESSID').sensitive).toBe(false);
  });
});

describe('names of sets BR and BS', () => {
  it("a glued secret word and its number (so-setup's WEBPASSWD1, ADMINPASS2) is the secret's name; a hash's number is not split off", () => {
    expect(classifyKey('WEBPASSWD1')).toEqual({ sensitive: true, kind: 'password' });
    expect(classifyKey('SOREMOTEPASS2')).toEqual({ sensitive: true, kind: 'password' });
    expect(classifyKey('PBKDF2_ITERATIONS').sensitive).toBe(false);
    expect(classifyKey('MONKEY2').sensitive).toBe(false);
  });
});

describe('names of sets BT and BU', () => {
  it("HTTP's bearer is its token (GDAL_HTTP_BEARER), where HTTP before another weak noun is a flag", () => {
    expect(classifyKey('GDAL_HTTP_BEARER')).toEqual({ sensitive: true, kind: 'token' });
    expect(classifyKey('HTTP_BEARER_ENABLED').sensitive).toBe(false);
  });
  it("capitals, then a secret's word in small letters (FlightAirMap's globalDBpass, globalIVAOpassword): the word apart", () => {
    expect(classifyKey('globalDBpass')).toEqual({ sensitive: true, kind: 'password' });
    expect(classifyKey('globalIVAOpassword')).toEqual({ sensitive: true, kind: 'password' });
    expect(classifyKey('globalDBname').sensitive).toBe(false);
    expect(splitWords('SSHkey')).toEqual(['ssh', 'key']);
  });
  it("how keys are managed (hostapd's wpa_key_mgmt) is a method, not a key", () => {
    expect(classifyKey('wpa_key_mgmt').sensitive).toBe(false);
    expect(classifyKey('wpa_passphrase').sensitive).toBe(true);
  });
  it("a name's last word glued to KEY after the application's prefix (FAM_BINGKEY) is a glued key's name; a word that only ends so is not", () => {
    expect(isGluedKeyName('FAM_BINGKEY')).toBe(true);
    expect(isGluedKeyName('FR24KEY')).toBe(true);
    expect(isGluedKeyName('APP_MONKEY')).toBe(false);
    expect(isGluedKeyName('FAM_KEY')).toBe(false);
  });
});

describe('names of sets BU, BY and BZ', () => {
  it("a token's role (NS_TOKEN_ROLE) is what it may do, not the token", () => {
    expect(classifyKey('NS_TOKEN_ROLE').sensitive).toBe(false);
    expect(classifyKey('NS_TOKEN').sensitive).toBe(true);
  });
  it("a control code (Rocrail's controlcode) is a password, as an access code is; a country code is not", () => {
    expect(classifyKey('controlcode')).toEqual({ sensitive: true, kind: 'password' });
    expect(classifyKey('ROCRAIL_CONTROLCODE')).toEqual({ sensitive: true, kind: 'password' });
    expect(classifyKey('accesscode')).toEqual({ sensitive: true, kind: 'password' });
    expect(classifyKey('COUNTRY_CODE').sensitive).toBe(false);
  });
  it("CurveZMQ's server key run together (VOLTTRON_CENTRAL_SERVERKEY) is a public key; a server's key apart is judged as before", () => {
    expect(classifyKey('VOLTTRON_CENTRAL_SERVERKEY').sensitive).toBe(false);
    expect(classifyKey('FCM_SERVER_KEY').sensitive).toBe(true);
  });
  it("connect and enable passwords run together (linuxcncrsh's --connectpw, --enablepw) are passwords; ENABLE_PW is a switch", () => {
    expect(classifyKey('LINUXCNCRSH_CONNECTPW')).toEqual({ sensitive: true, kind: 'password' });
    expect(classifyKey('LINUXCNCRSH_ENABLEPW')).toEqual({ sensitive: true, kind: 'password' });
    expect(classifyKey('ENABLE_PW').sensitive).toBe(false);
  });
});
