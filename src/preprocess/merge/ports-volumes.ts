/** The short syntax of ports and volumes, read as docker and compose-go read it. */

export interface ShortPort {
  ip: string;
  published: string;
  target: number;
  protocol: string;
}

/** `[[IP:]PUBLISHED:]TARGET[/PROTOCOL]` as docker's nat.ParsePortSpec reads it; one entry per port of a range. */
export function parseShortPort(spec: string): ShortPort[] | undefined {
  const protoParts = spec.split('/');
  if (!spec || !protoParts[0]) return undefined;
  const raw = protoParts[0];
  const protocol = protoParts.length > 1 && protoParts[1] ? protoParts[1] : 'tcp';
  const parts = raw.split(':');
  const n = parts.length;
  const container = parts[n - 1];
  let ip = '';
  let hostPort = '';
  if (n === 2) hostPort = parts[0];
  else if (n === 3) {
    ip = parts[0];
    hostPort = parts[1];
  } else if (n > 3) {
    ip = parts.slice(0, n - 2).join(':');
    hostPort = parts[n - 2];
  }
  if (ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
  const range = (s: string): [number, number] | undefined => {
    const m = /^(\d+)(?:-(\d+))?$/.exec(s);
    if (!m) return undefined;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    return b < a ? undefined : [a, b];
  };
  const c = range(container);
  if (!c) return undefined;
  if (hostPort && !range(hostPort)) return undefined;
  const count = c[1] - c[0] + 1;
  const h = hostPort ? range(hostPort) : undefined;
  const out: ShortPort[] = [];
  for (let i = 0; i < count; i++) {
    let published = hostPort;
    if (h && count > 1 && h[1] - h[0] + 1 === count) published = String(h[0] + i);
    out.push({ ip, published, target: c[0] + i, protocol: protocol.toLowerCase() });
  }
  return out;
}

/** The container path of a short-syntax volume, as compose-go's format.ParseVolume reads it; undefined when invalid. */
export function volumeTarget(spec: string): string | undefined {
  const parts = splitVolumeSpec(spec);
  if (!parts) return undefined;
  return parts.length === 1 ? parts[0] : parts[1];
}

/** The `:`-separated sections of a short-syntax volume (a Windows drive letter's colon is not a separator). */
export function splitVolumeSpec(spec: string): string[] | undefined {
  if (spec.length === 0) return undefined;
  if (spec.length <= 2) return [spec];
  const parts: string[] = [];
  let buffer = '';
  for (const ch of spec) {
    if (ch === ':' && buffer.length === 1 && /\p{L}/u.test(buffer)) buffer += ch;
    else if (ch === ':') {
      if (!buffer || parts.length >= 2) return undefined;
      parts.push(buffer);
      buffer = '';
    } else buffer += ch;
  }
  if (!buffer) return undefined;
  parts.push(buffer);
  return parts;
}
