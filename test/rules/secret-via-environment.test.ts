import { secretViaEnvironment } from '../../rules/secret-via-environment.js';
import { testRule } from '../rule-tester.js';

const service = (body: string, image = 'postgres:16') => `services:\n  db:\n    image: ${image}\n${body}`;

testRule(secretViaEnvironment, {
  valid: [
    { name: 'a literal (secret-in-environment)', files: { 'compose.yaml': service('    environment:\n      POSTGRES_PASSWORD: hunter2-x\n') } },
    { name: 'a name that holds no secret', files: { 'compose.yaml': service('    environment:\n      POSTGRES_USER:\n      LOG_LEVEL: ${LEVEL}\n') } },
    { name: 'a build argument (secret-in-build-args)', files: { 'compose.yaml': service('    build:\n      args:\n        NPM_TOKEN: ${NPM_TOKEN}\n') } },
    { name: 'the container reads its own variable ($$)', files: { 'compose.yaml': service('    command: sh -c \'psql --password "$$PGPASSWORD"\'\n') } },
  ],
  invalid: [
    {
      name: 'host passthrough, bare and map form',
      files: { 'compose.yaml': service('    environment:\n      - POSTGRES_PASSWORD\n', 'postgres') },
      errors: [{ messageId: 'passthrough', line: 5, column: 9, fix: 'safe' }],
    },
    {
      name: 'interpolation, also required; unsafe for an unknown image',
      files: { 'compose.yaml': service('    environment:\n      API_TOKEN: ${API_TOKEN:?set it}\n', 'example/api') },
      errors: [{ messageId: 'interpolated', line: 5, column: 7, fix: 'unsafe' }],
    },
    {
      name: 'a URL around a variable cannot be rewritten',
      files: { 'compose.yaml': service('    environment:\n      DATABASE_URL: postgres://app:${DB_PASSWORD}@db/app\n') },
      errors: [{ messageId: 'interpolated', line: 5, column: 36, fix: null }],
    },
    {
      name: 'a URL interpolated into a healthcheck command',
      files: { 'compose.yaml': service('    healthcheck:\n      test: ["CMD", "curl", "https://u:${API_PASSWORD}@x/health"]\n', 'example/api') },
      errors: [{ messageId: 'command', line: 5, column: 40 }],
    },
    {
      name: 'a label',
      files: { 'compose.yaml': service('    labels:\n      backup.target: s3://key:${S3_SECRET}@bucket\n', 'example/api') },
      errors: [{ messageId: 'value', line: 5, column: 31 }],
    },
    {
      name: 'a command line',
      files: { 'compose.yaml': service('    command: redis-server --requirepass ${REDIS_PASSWORD}\n', 'redis') },
      errors: [{ messageId: 'command', line: 4, column: 41 }],
    },
  ],
});
