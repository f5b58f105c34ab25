// Scaling: the same work at growing sizes, whole processes, and a linearity verdict per series.
// Series: the corpus copied 1×/4×/16× (one directory); one realistic file of 1×/10×/100× size;
// and the shapes an adversarial review found superlinear — many services, many services with a
// variable each, many services sharing one anchor, one long password — for lint, config and
// fix --dry-run.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { corpusCopies, longPasswordShape, realisticShape, servicesShape, servicesVariableShape, sharedAnchorShape, writeCompose } from '../inputs.mjs';
import { makeRow, noteRow } from '../rows.mjs';

const S = 'scaling';
const MiB = 1024 * 1024;

const COMMANDS = {
  lint: { argv: (file) => ['lint', '--no-color', file], okCodes: [1] },
  config: { argv: (file) => ['config', '-f', file], okCodes: [0] },
  'fix --dry-run': { argv: (file) => ['fix', '--dry-run', '--no-color', file], okCodes: [1] },
};
const ALL = Object.keys(COMMANDS);

/**
 * The series to run; `quick` leaves out the 10,000-service sizes. 4,000 services in both: the
 * verdict's exponent is taken on the last step, and 1,000 -> 2,000 alone hid a quadratic term
 * that start-up and parsing still dominate there.
 */
function seriesList(ctx, quick) {
  const many = quick ? [1000, 2000, 4000] : [1000, 2000, 4000, 10_000];
  const n = (x) => x.toLocaleString('en-US');
  return [
    {
      name: 'corpus copies (one directory)',
      sizes: [1, 4, 16],
      label: (x) => `corpus ×${x}`,
      commands: ['lint'],
      okCodes: [0, 1, 2],
      timeoutMs: 600_000,
      input: (x) => corpusCopies(ctx.corpus, join(ctx.work, `corpus-x${x}`), x),
      skip: existsSync(ctx.corpus) ? '' : `skipped: no corpus at ${ctx.corpus}`,
    },
    {
      name: 'one realistic file (8 services a unit, 4 units at 1×)',
      sizes: [1, 10, 100],
      label: (x) => `one file ×${x} (${n(32 * x)} services)`,
      commands: ALL,
      input: (x) => writeCompose(join(ctx.work, `realistic-x${x}`), realisticShape(4 * x)),
    },
    {
      name: 'services, each with its own password',
      sizes: many,
      label: (x) => `${n(x)} services`,
      commands: ALL,
      input: (x) => writeCompose(join(ctx.work, `services-${x}`), servicesShape(x)),
    },
    {
      // fix's equivalence check compares under each variable set: once O(variables × services)
      name: 'services, each with its own variable',
      sizes: [100, 400, 1600],
      label: (x) => `${n(x)} services with a variable each`,
      commands: ALL,
      // a password passed through `${VAR}` is a warning (secret-via-environment), and lint exits 1 on
      // errors only (README, exit codes: or more warnings than --max-warnings); fix still has work
      commandOkCodes: { lint: [0] },
      input: (x) => writeCompose(join(ctx.work, `variables-${x}`), servicesVariableShape(x)),
    },
    {
      name: 'services sharing one anchor (environment: *db-env)',
      sizes: many,
      label: (x) => `${n(x)} services sharing one anchor`,
      commands: ALL,
      input: (x) => writeCompose(join(ctx.work, `anchor-${x}`), sharedAnchorShape(x)),
    },
    {
      name: 'one long password',
      sizes: [0.06, 0.6, 6],
      label: (x) => `one ${x} MiB password`,
      commands: ALL,
      input: (x) => writeCompose(join(ctx.work, `password-${x}`), longPasswordShape(Math.round(x * MiB))),
    },
  ];
}

/** Rows per series and command, and the series' points for the verdict. */
export function scalingRows(ctx, { quick, series: only }) {
  const rows = [];
  const series = [];
  const chosen = (s, command) => !only || `${command}: ${s.name}`.includes(only);
  for (const s of seriesList(ctx, quick)) {
    s.commands = s.commands.filter((command) => chosen(s, command));
    if (!s.commands.length) continue;
    if (s.skip) {
      rows.push(noteRow(S, s.name, s.skip));
      continue;
    }
    ctx.log(`generating ${s.name}…`);
    const inputs = s.sizes.map((x) => relative(ctx.root, s.input(x)) || '.');
    for (const command of s.commands) {
      const spec = COMMANDS[command];
      const points = s.sizes.map((size, i) => {
        const row = makeRow(
          S,
          `${command}: ${s.label(size)}`,
          { argvs: [[process.execPath, ctx.cli, ...spec.argv(inputs[i])]], cwd: ctx.root },
          {
            okCodes: s.okCodes ?? s.commandOkCodes?.[command] ?? spec.okCodes,
            timeoutMs: s.timeoutMs,
          },
        );
        rows.push(row);
        return { size, label: s.label(size), row };
      });
      series.push({ name: `${command}: ${s.name}`, points });
    }
  }
  return { rows, series };
}
