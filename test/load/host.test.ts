import { describe, expect, it } from 'vitest';
import { type FileHost, memoryHost, runHost } from '../../src/load/host.js';

describe('runHost', () => {
  it('asks its base once for each listing and resolved path (stats of listed names pass through), and hands out listings as copies', () => {
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
    // the first stat lists its directory: a name it does not hold is not stat'ed
    expect(calls.filter((c) => !c.startsWith('stat'))).toEqual(['list /p', 'realpath /p']);
    expect(calls.filter((c) => c.startsWith('stat'))).toEqual(['stat /p/config.yml', 'stat /p/config.yml', 'stat /p/config.yml']);
    expect(host.readText('/p/config.yml')).toBe('a: 1\n');
  });

  it('answers from a listing only that a name is absent, and only where no listed name could be it', () => {
    const base = memoryHost({ 'p/Compose.yaml': 'services: {}\n', 'q/caf\u00e9.yml': 'a: 1\n', 'q/x.yml': 'x' });
    const stats: string[] = [];
    const host = runHost({
      readText: (p) => base.readText(p),
      stat: (p) => (stats.push(p), base.stat(p)),
      list: (p) => base.list(p),
    });
    // absent from the listing: no stat
    expect(host.stat('/p/.env')).toBeUndefined();
    // the same name but for case (a case-insensitive file system would find it): stat'ed
    expect(host.stat('/p/compose.yaml')).toBeUndefined();
    // a listing with a name other than ASCII answers nothing; a name other than ASCII is stat'ed
    expect(host.stat('/q/.env')).toBeUndefined();
    expect(host.stat('/p/caf\u00e9.yml')).toBeUndefined();
    // a path that is not plain, or a directory that cannot be listed: stat'ed
    expect(host.stat('/p/../p/.env')).toBeUndefined();
    expect(host.stat('/r/.env')).toBeUndefined();
    expect(stats).toEqual(['/p/compose.yaml', '/q/.env', '/p/caf\u00e9.yml', '/p/../p/.env', '/r/.env']);
    expect(host.stat('/p/Compose.yaml')?.kind).toBe('file');
  });

  it('has no list or realpath when its base has none', () => {
    const host = runHost({ readText: () => '', stat: () => undefined });
    expect(host.list).toBeUndefined();
    expect(host.realpath).toBeUndefined();
  });
});

describe('runHost entries', () => {
  it("lists a directory's entries once, in name order, and stats each when its kind is first read", () => {
    const base = memoryHost({ 'p/b.yml': 'b', 'p/a/x.yml': 'x', 'p/c.yml': 'c' });
    const stats: string[] = [];
    let lists = 0;
    const host = runHost({
      readText: (p) => base.readText(p),
      stat: (p) => (stats.push(p), base.stat(p)),
      list: (p) => (lists++, base.list(p)),
    });
    const entries = host.entries?.('/p');
    expect(entries?.map((e) => [e.name, e.path])).toEqual([
      ['a', '/p/a'],
      ['b.yml', '/p/b.yml'],
      ['c.yml', '/p/c.yml'],
    ]);
    expect(stats).toEqual([]);
    expect(entries?.[0].kind).toBe('directory');
    expect(entries?.[1].kind).toBe('file');
    expect(entries?.[1].kind).toBe('file');
    expect(stats).toEqual(['/p/a', '/p/b.yml']);
    expect(host.entries?.('/p')).toBe(entries);
    expect(host.entries?.('/p/missing')).toBeUndefined();
    expect(lists).toBe(2);
  });
});
