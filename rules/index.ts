import type { Rule } from '../src/engine/rule.js';
import { hardcodedCredential } from './hardcoded-credential.js';
import { secretInBuildArgs } from './secret-in-build-args.js';
import { secretInEnvFile } from './secret-in-env-file.js';
import { secretMisuse } from './secret-misuse.js';
import { secretInEnvironment } from './secret-in-environment.js';
import { secretViaEnvironment } from './secret-via-environment.js';
import { unknownComposeKey } from './unknown-compose-key.js';

/** Every rule, in the order of the README's table. */
export const RULES: readonly Rule[] = [
  secretInEnvironment,
  secretViaEnvironment,
  secretInBuildArgs,
  secretInEnvFile,
  hardcodedCredential,
  secretMisuse,
  unknownComposeKey,
];
