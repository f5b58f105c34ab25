// Inputs of the bench: the shared corpus (as it is, and copied N times) and generated compose
// files of a chosen shape and size. Everything generated goes under the work directory
// (.tmp/bench by default, git-ignored) and is removed after the run unless --keep is given.
import { copyFileSync, linkSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file under dir whose name matches (recursively; paths relative to cwd). */
export function listFiles(dir, pattern, cwd) {
  const out = [];
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && pattern.test(path)) out.push(relative(cwd, path));
    }
  };
  walk(dir);
  return out;
}

export const YAML_FILE = /\.ya?ml$/i;

/** n copies of the corpus side by side in one directory (hard links when the file system allows). */
export function corpusCopies(corpus, dest, n) {
  for (let i = 1; i <= n; i++) copyTree(corpus, join(dest, `copy-${i}`));
  return dest;
}

function copyTree(src, dest) {
  mkdirSync(dest, { recursive: true });
  for (const entry of readdirSync(src, { withFileTypes: true })) {
    const from = join(src, entry.name);
    const to = join(dest, entry.name);
    if (entry.isDirectory()) copyTree(from, to);
    else if (entry.isFile()) {
      try {
        linkSync(from, to);
      } catch {
        copyFileSync(from, to);
      }
    }
  }
}

/** Writes text as `compose.yaml` in its own directory (so no other file is read with it). */
export function writeCompose(dir, text) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'compose.yaml');
  writeFileSync(file, text);
  return file;
}

/** Deterministic pseudo-random letters and digits (xorshift32): high entropy, same every run. */
export function randomText(length, seed) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let x = seed >>> 0 || 1;
  const chars = new Array(length);
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    chars[i] = alphabet[(x >>> 0) % alphabet.length];
  }
  return chars.join('');
}

const pad = (i) => String(i).padStart(5, '0');

/** n services, each a postgres with its own hardcoded password (fixable: the image reads _FILE). */
export function servicesShape(n) {
  const lines = ['services:'];
  for (let i = 1; i <= n; i++) {
    lines.push(`  db${pad(i)}:`, '    image: postgres:16', '    environment:', '      POSTGRES_USER: app', `      POSTGRES_PASSWORD: ${randomText(20, i)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** n services, each a postgres whose password is its own variable (fix moves each into a secret read from that variable). */
export function servicesVariableShape(n) {
  const lines = ['services:'];
  for (let i = 1; i <= n; i++) {
    lines.push(`  db${pad(i)}:`, '    image: postgres:16', '    environment:', '      POSTGRES_USER: app', `      POSTGRES_PASSWORD: \${DB${pad(i)}_PASSWORD}`);
  }
  return `${lines.join('\n')}\n`;
}

/** n services sharing one environment mapping through one anchor (`environment: *db-env`). */
export function sharedAnchorShape(n) {
  const lines = ['x-db-env: &db-env', '  POSTGRES_USER: app', `  POSTGRES_PASSWORD: ${randomText(20, 7)}`, 'services:'];
  for (let i = 1; i <= n; i++) lines.push(`  db${pad(i)}:`, '    image: postgres:16', '    environment: *db-env');
  return `${lines.join('\n')}\n`;
}

/** One service whose password is `bytes` long, on one line. */
export function longPasswordShape(bytes) {
  return [
    'services:',
    '  db:',
    '    image: postgres:16',
    '    environment:',
    '      POSTGRES_USER: app',
    `      POSTGRES_PASSWORD: ${randomText(bytes, 11)}`,
    '',
  ].join('\n');
}

/**
 * A realistic file of `units` × 8 services: databases, caches, an app with build args, a worker,
 * a proxy with labels, dashboards; map and list environments, passthroughs, template defaults,
 * URLs with credentials, a command with a password, merge keys, healthchecks, volumes.
 * Each unit has its own anchors and names, so size grows without any shared anchor.
 */
export function realisticShape(units) {
  const top = [];
  const services = [];
  const volumes = [];
  for (let k = 1; k <= units; k++) {
    const pw = (j) => randomText(18, k * 16 + j);
    top.push(`x-common-${k}: &common-${k}`, '  restart: unless-stopped', '  logging:', '    driver: json-file', '    options:', '      max-size: 10m');
    services.push(
      `  db-${k}:`,
      `    <<: *common-${k}`,
      '    image: postgres:16',
      '    environment:',
      '      POSTGRES_USER: app',
      `      POSTGRES_DB: app_${k}`,
      `      POSTGRES_PASSWORD: ${pw(1)}`,
      '    volumes:',
      `      - db-data-${k}:/var/lib/postgresql/data`,
      '    healthcheck:',
      '      test: ["CMD-SHELL", "pg_isready -U app"]',
      '      interval: 10s',
      `  mysql-${k}:`,
      '    image: mysql:8.0',
      '    environment:',
      `      - MYSQL_ROOT_PASSWORD=\${MYSQL_ROOT_PASSWORD:-${pw(2)}}`,
      '      - MYSQL_DATABASE=legacy',
      `  cache-${k}:`,
      `    <<: *common-${k}`,
      '    image: redis:7',
      `    command: redis-server --requirepass ${pw(3)} --appendonly yes`,
      `  api-${k}:`,
      '    build:',
      '      context: ./api',
      '      args:',
      '        NPM_TOKEN: ${NPM_TOKEN}',
      '    environment:',
      `      DATABASE_URL: postgres://app:${pw(4)}@db-${k}:5432/app_${k}`,
      '      JWT_SECRET: ${JWT_SECRET}',
      '      PORT: "8080"',
      '    depends_on:',
      `      - db-${k}`,
      `      - cache-${k}`,
      `  worker-${k}:`,
      '    image: example/worker:1.4',
      '    environment:',
      `      - QUEUE_URL=redis://:${pw(5)}@cache-${k}:6379/0`,
      '      - SMTP_PASSWORD',
      '      - WORKERS=4',
      `  proxy-${k}:`,
      '    image: traefik:v3.0',
      '    command:',
      '      - --api.dashboard=true',
      '      - --providers.docker=true',
      '    labels:',
      '      - traefik.enable=true',
      `      - traefik.http.routers.api-${k}.rule=Host(\`api-${k}.example.com\`)`,
      `  grafana-${k}:`,
      '    image: grafana/grafana:10.4.0',
      '    environment:',
      `      GF_SECURITY_ADMIN_PASSWORD: ${pw(6)}`,
      '      GF_SERVER_ROOT_URL: https://grafana.example.com',
      `  cloud-${k}:`,
      '    image: nextcloud:28',
      '    environment:',
      `      NEXTCLOUD_ADMIN_PASSWORD: ${pw(7)}`,
      '      OBJECTSTORE_S3_SECRET: ${S3_SECRET}',
    );
    volumes.push(`  db-data-${k}:`);
  }
  return `${[...top, 'services:', ...services, 'volumes:', ...volumes].join('\n')}\n`;
}
