// The backend's module map as rules (docs/architecture.md explains it). src/architecture.spec.ts
// runs these and also checks that the graph of folders has no cycle.
const FEATURES = '(intake|queue|evaluations|casework|decisions|documents|dialogue|oversight|portal|notifications|saved-filters)';
/** Pure libraries: no Nest, no database, nothing of the application above them. */
const LIBRARIES = '(rulebook|sla|letters)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules depend on each other in one direction only.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'feature-to-feature',
      severity: 'error',
      comment: 'A feature never imports another feature: what two features share lives in the kernel (cases/) or common/.',
      from: { path: `^src/${FEATURES}/` },
      to: { path: `^src/${FEATURES}/`, pathNot: '^src/$1/' },
    },
    {
      name: 'kernel-internals',
      severity: 'error',
      comment: 'Features use the case kernel through its public face, src/cases/index.ts.',
      from: { path: `^src/${FEATURES}/` },
      to: { path: '^src/cases/', pathNot: '^src/cases/index\\.ts$' },
    },
    {
      name: 'kernel-to-feature',
      severity: 'error',
      comment: 'The kernel knows no feature.',
      from: { path: '^src/cases/' },
      to: { path: [`^src/${FEATURES}/`, '^src/(demo|cli)/', '^src/app'] },
    },
    {
      name: 'jobs-know-no-feature',
      severity: 'error',
      comment: 'The job runner (src/jobs) serves the features, which register their jobs with it; it imports none of them.',
      from: { path: '^src/jobs/' },
      to: { path: [`^src/(cases|${FEATURES.slice(1, -1)})/`, '^src/(demo|cli)/', '^src/app'] },
    },
    {
      name: 'libraries-stay-pure',
      severity: 'error',
      comment: 'The rulebook, the calendar and the letters are pure: no Nest, no database, no application code.',
      from: { path: `^src/${LIBRARIES}/` },
      to: {
        path: [
          `^src/(cases|auth|common|config|database|health|demo|cli|${FEATURES.slice(1, -1)})/`,
          '^src/app',
          '@nestjs',
          'typeorm',
          '^pg$',
        ],
        pathNot: '^src/rulebook/',
      },
    },
    {
      name: 'infrastructure-below-features',
      severity: 'error',
      comment: 'common/, config/ and database/ serve everything above them and import none of it.',
      from: { path: '^src/(common|config|database)/' },
      to: { path: [`^src/(cases|auth|demo|cli|${FEATURES.slice(1, -1)})/`, '^src/app'] },
    },
    {
      name: 'case-report-above-features',
      severity: 'error',
      comment: 'The case report (case-report/) reads the kernel and the features; none of them, nor anything below, imports it.',
      from: { path: [`^src/${FEATURES}/`, `^src/${LIBRARIES}/`, '^src/(cases|auth|access|common|config|database|jobs)/'] },
      to: { path: '^src/case-report/' },
    },
    {
      name: 'production-not-on-tools',
      severity: 'error',
      comment: 'The benchmark and bulk seed (tools/) use the application, never the other way round.',
      from: { path: '^src/' },
      to: { path: '^tools/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(\\.spec\\.ts$|/dist/)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    moduleSystems: ['cjs', 'es6'],
  },
};
