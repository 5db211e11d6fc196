import 'reflect-metadata';
import { Presets, SingleBar } from 'cli-progress';
import { DataSource } from 'typeorm';
import { AnchorKeyring } from '../cases';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source';
import { AuditRepository } from '../oversight/audit.repository';
import { AuditFinding, AuditVerifier } from '../oversight/audit-verification';
import { parseArgs, run, say, withDatabase } from './database';

const USAGE = `npm run audit:verify [-- --case <application id>] [--batch <events>] [--json]
  Checks the audit log against its hash chains and the application's signed anchors, as
  GET /api/audit/verify does, with progress; names each broken case and its first bad position.
  Needs AUDIT_ANCHOR_KEY (in development the key in DATA_DIR) and the database of the other tools
  (DATABASE_OWNER_URL or DATABASE_URL, or the embedded one under DATA_DIR: stop npm start first).
  Exit code 0 when every case is as the application wrote it, 1 otherwise.`;

run(async () => {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    say(USAGE);
    return;
  }
  const config = loadConfig(process.env, 'tool');
  if (!config.auditAnchorKey) throw new Error(`AUDIT_ANCHOR_KEY is not set: the anchors cannot be checked without it\n${USAGE}`);
  const keyring = new AnchorKeyring(config.auditAnchorKey, config.auditAnchorPreviousKeys);
  const caseId = typeof args.case === 'string' ? args.case : null;
  const batchSize = typeof args.batch === 'string' ? Number(args.batch) : undefined;
  await withDatabase(async ({ ownerUrl, appUrl }) => {
    // Read as the application role where there is one: verification needs no more.
    const db = new DataSource(dataSourceOptions(appUrl ?? ownerUrl, 2));
    await db.initialize();
    try {
      const verifier = new AuditVerifier(new AuditRepository(db), keyring);
      const started = Date.now();
      let findings: AuditFinding[];
      let summary: string;
      if (caseId) {
        const counts = { events: 0 };
        const finding = await verifier.verifyStream(caseId, counts);
        findings = finding ? [finding] : [];
        summary = `${counts.events} events of case ${caseId}`;
        if (args.json) process.stdout.write(`${JSON.stringify({ ok: !finding, events: counts.events, finding })}\n`);
      } else {
        const bar = new SingleBar(
          {
            format:
              'verifying [{bar}] {percentage}% | {value}/{total} events (estimated) | {streams} cases | {broken} broken | eta {eta_formatted}',
            noTTYOutput: true,
            notTTYSchedule: 10_000,
          },
          Presets.shades_classic,
        );
        bar.start(1, 0, { streams: 0, broken: 0 });
        const result = await verifier.verifyAll({
          batchSize,
          onProgress: (p) => {
            bar.setTotal(Math.max(p.estimatedEvents, p.events, 1));
            bar.update(p.events, { streams: p.streams, broken: p.brokenStreams });
          },
        });
        bar.stop();
        findings = result.broken;
        summary = `${result.events} events of ${result.streams} cases`;
        if (result.brokenStreams > findings.length) summary += ` (${result.brokenStreams} broken; the first ${findings.length} listed)`;
        if (args.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      for (const f of findings) {
        say(
          `broken: case ${f.applicationId ?? '(events about no case)'} at position ${f.streamSeq}${f.id ? ` (event ${f.id})` : ''}: ${f.reason}`,
        );
      }
      if (findings.length) throw new Error(`the audit log is not as the application wrote it: ${summary} checked in ${seconds} s`);
      say(`ok: ${summary} checked in ${seconds} s, every one as the application wrote it`);
    } finally {
      await db.destroy();
    }
  });
});
