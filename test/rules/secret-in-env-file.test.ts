import { secretInEnvFile } from '../../rules/secret-in-env-file.js';
import { testRule } from '../rule-tester.js';

testRule(secretInEnvFile, {
  valid: [
    {
      name: 'an env_file without secrets',
      files: { 'compose.yaml': 'services:\n  a:\n    image: x\n    env_file: app.env\n', 'app.env': 'LOG_LEVEL=debug\n' },
    },
    {
      // a value that is the variable alone is judged by its key when .env gives the variable no secret
      name: 'a .env variable named for a secret, with no value there, taken whole by a name that says nothing',
      files: { 'compose.yaml': 'services:\n  a:\n    image: x\n    environment:\n      GREETING: ${DB_PASSWORD}\n', '.env': 'DB_PASSWORD=\n' },
    },
    {
      name: 'an env_file line left for the shell',
      files: { 'compose.yaml': 'services:\n  a:\n    image: x\n    env_file: app.env\n', 'app.env': 'API_TOKEN\n' },
    },
  ],
  invalid: [
    {
      // the password is written in .env under its name, whatever name takes it (`DOCKER_VERNEMQ_USER_ingest: ${VMQ_PASSWORD}`)
      name: 'a .env password taken whole by a name that says nothing',
      files: { 'compose.yaml': 'services:\n  a:\n    image: x\n    environment:\n      GREETING: ${DB_PASSWORD}\n', '.env': 'DB_PASSWORD=hunter2-x\n' },
      errors: [{ messageId: 'dotenv', file: '.env', line: 1, column: 13 }],
    },
    {
      // inside other text, a variable named for a secret carries its value into the container
      name: 'a secret-named .env variable written into another value',
      files: { 'compose.yaml': 'services:\n  a:\n    image: x\n    environment:\n      GREETING: ${DB_PASSWORD}x\n', '.env': 'DB_PASSWORD=hunter2-x\n' },
      errors: [{ messageId: 'dotenv', file: '.env', line: 1, column: 13 }],
    },
    {
      name: 'a literal in an env_file, at its line there',
      files: { 'compose.yaml': 'services:\n  db:\n    image: postgres:16\n    env_file: db.env\n', 'db.env': '# database\nPOSTGRES_PASSWORD=hunter2-x\n' },
      errors: [{ messageId: 'envFile', file: 'db.env', line: 2, column: 19, fix: 'safe' }],
    },
    {
      name: 'a .env value carried into a secret-named variable',
      files: {
        'compose.yaml': 'services:\n  db:\n    image: example/db\n    environment:\n      DB_PASSWORD: ${DB_PASSWORD}\n',
        '.env': 'DB_PASSWORD=hunter2-x\n',
      },
      errors: [{ messageId: 'dotenv', file: '.env', line: 1, column: 13, fix: 'unsafe' }],
    },
    {
      name: 'a .env value a bare variable takes, and one in a build argument',
      files: {
        'compose.yaml':
          'services:\n  db:\n    image: postgres\n    environment:\n      - POSTGRES_PASSWORD\n    build:\n      args:\n        NPM_TOKEN: ${NPM_TOKEN}\n',
        '.env': 'POSTGRES_PASSWORD=changeme\nNPM_TOKEN=a8Fq2xLm9Tz4\n',
      },
      errors: [
        { messageId: 'dotenvPlaceholder', file: '.env', line: 1, column: 19 },
        { messageId: 'dotenv', file: '.env', line: 2, column: 11 },
      ],
    },
  ],
});
