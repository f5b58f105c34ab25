// Loaded with `node --import` into a measured process when /usr/bin/time is missing: appends the
// process's peak RSS (KiB) to BENCH_RSS_FILE at exit.
import { appendFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      appendFileSync(file, `${process.resourceUsage().maxRSS}\n`);
    } catch {
      // the bench reads what it can
    }
  });
}
