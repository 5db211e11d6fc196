import 'reflect-metadata';
import { SingleBar, Presets } from 'cli-progress';
import { bulkSeed } from './bulk-seed';
import { parseArgs, run, say, withDatabase } from '../src/cli/database';

const USAGE = `npm run seed -- --cases <n> [--years 3] [--letters 10000] [--workers <n>] [--batch 500] [--caseworkers 40] [--seed 42] [--abandon]
  Adds <n> cases with the history a working office leaves (intake, assignment, evaluations, judgments,
  assessments, corrections, notes, information requests, recommendations, returns, decisions with
  their records, letters for a sample of the decisions, register reports; 20-30 hash-chained audit
  events per case) to DATABASE_OWNER_URL (or DATABASE_URL), or to the embedded PostgreSQL under DATA_DIR.
  A seed stopped midway resumes when the same command runs again; --abandon stops it where it stands.
  Stop a running \`npm start\` first when it uses the same DATA_DIR. See docs/scale.md.`;

run(async () => {
  const args = parseArgs(process.argv.slice(2));
  const cases = Number(args.cases);
  if (args.help || ((!Number.isInteger(cases) || cases < 1) && !args.abandon)) throw new Error(USAGE);
  const num = (name: string) => (args[name] === undefined ? undefined : Number(args[name]));
  // As the owner: the seed drops and rebuilds indexes around a load into an empty database.
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
    let first: number | null = null;
    let barOn = false;
    const result = await bulkSeed(url, {
      cases,
      batchSize: num('batch'),
      caseworkers: num('caseworkers'),
      years: num('years'),
      letters: num('letters'),
      workers: num('workers'),
      seed: num('seed'),
      abandon: args.abandon === true,
      onProgress: (done, total) => {
        first ??= done;
        if (!barOn) {
          bar.start(total, done, { rate: 0 });
          barOn = true;
        }
        bar.update(done, { rate: Math.round((done - first) / Math.max(0.001, (Date.now() - started) / 1000)) });
      },
      onPhase: (phase) => {
        if (barOn) bar.stop();
        barOn = false;
        say(`${phase}...`);
      },
    });
    if (barOn) bar.stop();
    if (result.cases) {
      say(
        `seeded ${result.cases} cases (${(result.events / result.cases).toFixed(1)} audit events each) in ${result.seconds.toFixed(1)} s: ` +
          `${Math.round(result.writeRate)} cases/s while writing, ${Math.round(result.cases / result.seconds)} cases/s with the index builds and VACUUM`,
      );
    }
  });
});
