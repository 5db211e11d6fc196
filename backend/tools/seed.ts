import 'reflect-metadata';
import { SingleBar, Presets } from 'cli-progress';
import { bulkSeed } from './bulk-seed';
import { parseArgs, run, say, withDatabase } from '../src/cli/database';

const USAGE = `npm run seed -- --cases <n> [--batch <n>] [--caseworkers <n>]
  Adds <n> generated applications (with cost lines, audit events, statuses and
  assignees) to DATABASE_OWNER_URL (or DATABASE_URL), or to the embedded PostgreSQL under DATA_DIR.
  Stop a running \`npm start\` first when it uses the same DATA_DIR.`;

run(async () => {
  const args = parseArgs(process.argv.slice(2));
  const cases = Number(args.cases);
  if (!Number.isInteger(cases) || cases < 1) throw new Error(USAGE);
  // As the owner: the bulk seed drops and rebuilds indexes around its inserts.
  await withDatabase(async ({ ownerUrl: url }) => {
    const bar = new SingleBar(
      {
        format: 'seeding [{bar}] {percentage}% | {value}/{total} cases | {rate} cases/s | eta {eta_formatted}',
        hideCursor: true,
        noTTYOutput: true,
        notTTYSchedule: 10_000,
      },
      Presets.shades_classic,
    );
    const started = Date.now();
    bar.start(cases, 0, { rate: 0 });
    const result = await bulkSeed(url, {
      cases,
      batchSize: args.batch ? Number(args.batch) : undefined,
      caseworkers: args.caseworkers ? Number(args.caseworkers) : undefined,
      onProgress: (done) => bar.update(done, { rate: Math.round(done / ((Date.now() - started) / 1000)) }),
      onPhase: (phase) => {
        bar.stop();
        say(`${phase}...`);
      },
    });
    say(`seeded ${result.cases} cases in ${result.seconds.toFixed(1)} s (${Math.round(result.cases / result.seconds)} cases/s)`);
  });
});
