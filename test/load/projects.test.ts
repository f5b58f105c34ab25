import { describe, expect, it } from 'vitest';
import { memoryHost, type FileHost } from '../../src/load/host.js';
import { coveringProjects, groupIntoProjects } from '../../src/load/projects.js';

const files = {
  'compose.yaml': 'services: {}\n',
  'compose.override.yaml': 'services: {}\n',
  'other.compose.yaml': 'services: {}\n',
  'sub/docker-compose.yml': 'services: {}\n',
  'sub/compose.prod.yaml': 'services: {}\n',
};

describe('groupIntoProjects', () => {
  it("a directory's default file and its override are one project, base first; other files and - are projects of their own", () => {
    const host = memoryHost(files, '/p');
    expect(
      groupIntoProjects(['compose.override.yaml', 'other.compose.yaml', '-', 'sub/compose.prod.yaml', 'compose.yaml', 'sub/docker-compose.yml'], '/p', host),
    ).toEqual([['compose.yaml', 'compose.override.yaml'], ['other.compose.yaml'], ['-'], ['sub/compose.prod.yaml'], ['sub/docker-compose.yml']]);
  });

  it('looks at each directory once, however many files it holds', () => {
    const many: Record<string, string> = { 'compose.yaml': '' };
    for (let i = 0; i < 200; i++) many[`app${i}.compose.yaml`] = '';
    const base = memoryHost(many, '/p');
    let stats = 0;
    const counting: FileHost = { readText: (p) => base.readText(p), stat: (p) => (stats++, base.stat(p)) };
    const units = groupIntoProjects(Object.keys(many), '/p', counting);
    expect(units).toHaveLength(201);
    // the default file names of one directory, each asked once
    expect(stats).toBeLessThanOrEqual(8);
  });
});

describe('coveringProjects', () => {
  it('finds the project that reads every compose file of another; the first of two equal ones covers the second; a project that did not load is left alone', () => {
    const app = { files: ['compose.yaml'], sources: ['compose.yaml', 'common.yaml', '.env'] };
    const base = { files: ['common.yaml'], sources: ['common.yaml'] };
    const again = { files: ['compose.yaml'], sources: ['compose.yaml', 'common.yaml', '.env'] };
    const other = { files: ['other.yaml'], sources: ['other.yaml', 'common.yaml'] };
    expect(coveringProjects([base, app, again, other, undefined])).toEqual([1, -1, 1, -1, -1]);
  });

  it("a directory's default compose file is covered only by a project that reads it whole, not by one that extends a service of it", () => {
    const root = { files: ['compose.yaml'], sources: ['compose.yaml', 'infra/data.yaml'], wholeFiles: ['compose.yaml', 'infra/data.yaml'] };
    const devcontainer = {
      files: ['.devcontainer/compose.yaml'],
      sources: ['.devcontainer/compose.yaml', 'compose.yaml'],
      wholeFiles: ['.devcontainer/compose.yaml'],
    };
    const base = { files: ['common.yaml'], sources: ['common.yaml'], wholeFiles: ['common.yaml'] };
    const extender = { files: ['app.yaml'], sources: ['app.yaml', 'common.yaml'], wholeFiles: ['app.yaml'] };
    // the extended default file stays a project; an extended file of another name is checked with its user
    expect(coveringProjects([root, devcontainer, base, extender])).toEqual([-1, -1, 3, -1]);
  });
});
