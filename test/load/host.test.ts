import { describe, expect, it } from 'vitest';
import { type FileHost, memoryHost, runHost } from '../../src/load/host.js';

describe('runHost', () => {
  it('asks its base once for each stat, listing and resolved path, and hands out listings as copies', () => {
    const base = memoryHost({ 'p/compose.yaml': 'services: {}\n', 'p/config.yml': 'a: 1\n' });
    const calls: string[] = [];
    const counted: FileHost = {
      readText: (p) => base.readText(p),
      stat: (p) => (calls.push(`stat ${p}`), base.stat(p)),
      list: (p) => (calls.push(`list ${p}`), base.list(p)),
      realpath: (p) => (calls.push(`realpath ${p}`), p),
    };
    const host = runHost(counted);
    for (let i = 0; i < 3; i++) {
      expect(host.stat('/p/config.yml')?.kind).toBe('file');
      expect(host.stat('/p/missing')).toBeUndefined();
      expect(host.realpath?.('/p')).toBe('/p');
      const names = host.list?.('/p');
      expect(names).toEqual(['compose.yaml', 'config.yml']);
      names?.reverse();
    }
    expect(calls).toEqual(['stat /p/config.yml', 'stat /p/missing', 'realpath /p', 'list /p']);
    expect(host.readText('/p/config.yml')).toBe('a: 1\n');
  });

  it('has no list or realpath when its base has none', () => {
    const host = runHost({ readText: () => '', stat: () => undefined });
    expect(host.list).toBeUndefined();
    expect(host.realpath).toBeUndefined();
  });
});
