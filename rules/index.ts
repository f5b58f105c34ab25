import type { Rule } from '../src/engine/rule.js';
import { hardcodedCredential } from './hardcoded-credential.js';
import { secretAccessDenied } from './secret-access-denied.js';
import { secretAccessUnusedGrant } from './secret-access-unused-grant.js';
import { secretExternalWithoutSwarm } from './secret-external-without-swarm.js';
import { secretFileMissing } from './secret-file-missing.js';
import { secretFilePermissive } from './secret-file-permissive.js';
import { secretFileTracked } from './secret-file-tracked.js';
import { secretFileVarUnmounted } from './secret-file-var-unmounted.js';
import { secretInBuildArgs } from './secret-in-build-args.js';
import { secretInEnvFile } from './secret-in-env-file.js';
import { secretInEnvironment } from './secret-in-environment.js';
import { secretInMountedFile } from './secret-in-mounted-file.js';
import { secretInProjectFile } from './secret-in-project-file.js';
import { secretModePermissive } from './secret-mode-permissive.js';
import { secretTargetConflict } from './secret-target-conflict.js';
import { secretUndefined } from './secret-undefined.js';
import { secretUnused } from './secret-unused.js';
import { secretUnversionedExternal } from './secret-unversioned-external.js';
import { secretViaEnvironment } from './secret-via-environment.js';
import { unknownComposeKey } from './unknown-compose-key.js';

/** The hygiene rules of Compose `secrets:` that replaced `secret-misuse` (still accepted as their alias). */
export const HYGIENE_RULES: readonly Rule[] = [
  secretUndefined,
  secretUnused,
  secretFileMissing,
  secretFileTracked,
  secretFilePermissive,
  secretModePermissive,
  secretTargetConflict,
  secretFileVarUnmounted,
  secretExternalWithoutSwarm,
  secretUnversionedExternal,
];

/** The rules of the access policy (they do nothing without one). */
export const ACCESS_RULES: readonly Rule[] = [secretAccessDenied, secretAccessUnusedGrant];

/** Every rule, in the order of the README's table. */
export const RULES: readonly Rule[] = [
  secretInEnvironment,
  secretViaEnvironment,
  secretInBuildArgs,
  secretInEnvFile,
  hardcodedCredential,
  secretInMountedFile,
  secretInProjectFile,
  ...HYGIENE_RULES,
  ...ACCESS_RULES,
  unknownComposeKey,
];
