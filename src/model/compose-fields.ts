/**
 * The keys the Compose Specification defines at the top level and in a service: anything else
 * (apart from `x-` extensions) is unknown to Compose — most often a typo such as `enviroment:`.
 * Values under an unknown key reach no container, but they are still in the repository, so the
 * detector reads them as user data, like an extension field's. test/model/compose-fields.test.ts
 * keeps these lists equal to schema/compose-spec.json.
 */
import type { Path } from './model.js';

export const TOP_LEVEL_FIELDS: ReadonlySet<string> = new Set(['configs', 'include', 'models', 'name', 'networks', 'secrets', 'services', 'version', 'volumes']);

export const SERVICE_FIELDS: ReadonlySet<string> = new Set([
  'annotations',
  'attach',
  'blkio_config',
  'build',
  'cap_add',
  'cap_drop',
  'cgroup',
  'cgroup_parent',
  'command',
  'configs',
  'container_name',
  'cpu_count',
  'cpu_percent',
  'cpu_period',
  'cpu_quota',
  'cpu_rt_period',
  'cpu_rt_runtime',
  'cpu_shares',
  'cpus',
  'cpuset',
  'credential_spec',
  'depends_on',
  'deploy',
  'develop',
  'device_cgroup_rules',
  'devices',
  'dns',
  'dns_opt',
  'dns_search',
  'domainname',
  'entrypoint',
  'env_file',
  'environment',
  'expose',
  'extends',
  'external_links',
  'extra_hosts',
  'gpus',
  'group_add',
  'healthcheck',
  'hostname',
  'image',
  'init',
  'ipc',
  'isolation',
  'label_file',
  'labels',
  'links',
  'logging',
  'mac_address',
  'mem_limit',
  'mem_reservation',
  'mem_swappiness',
  'memswap_limit',
  'models',
  'network_mode',
  'networks',
  'oom_kill_disable',
  'oom_score_adj',
  'pid',
  'pids_limit',
  'platform',
  'ports',
  'post_start',
  'pre_start',
  'pre_stop',
  'privileged',
  'profiles',
  'provider',
  'pull_policy',
  'pull_refresh_after',
  'read_only',
  'restart',
  'runtime',
  'scale',
  'secrets',
  'security_opt',
  'shm_size',
  'stdin_open',
  'stop_grace_period',
  'stop_signal',
  'storage_opt',
  'sysctls',
  'tmpfs',
  'tty',
  'ulimits',
  'use_api_socket',
  'user',
  'userns_mode',
  'uts',
  'volumes',
  'volumes_from',
  'working_dir',
]);

/** Whether a key is an extension field (`x-…`), which Compose ignores by design. */
export function isExtensionKey(key: string | number): boolean {
  return typeof key === 'string' && key.startsWith('x-');
}

/**
 * The index in `path` of the first key Compose does not know (top level, or a field of a service),
 * or -1. Extension keys are not unknown: they are user data by design.
 */
export function unknownFieldIndex(path: Path): number {
  const top = path[0];
  if (top === undefined) return -1;
  if (typeof top === 'string' && !TOP_LEVEL_FIELDS.has(top) && !isExtensionKey(top)) return 0;
  if (top === 'services' && path.length >= 3) {
    const field = path[2];
    if (typeof field === 'string' && !SERVICE_FIELDS.has(field) && !isExtensionKey(field)) return 2;
  }
  return -1;
}

/** Whether a path runs through an extension field or a key Compose does not know: everything below is user data. */
export function isUserData(path: Path): boolean {
  return path.some(isExtensionKey) || unknownFieldIndex(path) >= 0;
}
