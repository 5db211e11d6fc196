/**
 * Journey: the background jobs in the console (issue 15, item 5: "visible to an admin: pending,
 * failed, with the error"). A run of the late-reply reminder has failed for good (its error the
 * portal's host refusing the connection). The administrator signs in, lands on "Bakgrunnsjobber",
 * sees each job by name with its counts, the failure with its error, attempts and no further try,
 * and runs it again now: it waits to run with every attempt ahead of it, and the access log names
 * who did it. Kari, a caseworker, has no such page in her navigation, and is told plainly that it
 * is not hers when she opens it by its address; the console does not ask for the jobs for her.
 * Each screen is checked with axe and photographed.
 */
import { ApiTraffic, expectAccessibleWhenStill, logOut, plain } from '../support/casework';
import { nb } from '../support/console-app';
import { eventually, logIn, screenshot, snackbar, useConsole, visible } from '../support/e2e';

const e2e = useConsole({ cases: 2, assigned: { kari: 1 } });

const ERROR = 'connect ECONNREFUSED 10.20.30.40:443';

describe('the background jobs', () => {
  let jobId: string;

  e2e.test('the administrator sees a failed job with its error and runs it again now', async () => {
    const { page, app } = e2e;
    // A late-reply run that used its three attempts (graphile-worker's own permanently_fail_jobs).
    [{ id: jobId }] = await app.db.query(`SELECT (graphile_worker.add_job('late-reply', '{}'::json, max_attempts := 3)).id::text AS id`);
    await app.db.query(`SELECT graphile_worker.permanently_fail_jobs(ARRAY[$1::bigint], $2)`, [jobId, ERROR]);

    await page.goto(`${app.baseUrl}/login`);
    await page.getByLabel(nb('login.username')).fill('admin');
    await page.getByLabel(nb('login.password'), { exact: true }).fill('demo');
    await page.getByRole('button', { name: nb('login.submit'), exact: true }).click();
    // An administrator without queues lands on the jobs.
    await page.waitForURL((url) => url.pathname === '/jobs');
    await visible(page.getByRole('heading', { level: 1, name: nb('nav.jobs') }));
    await visible(page.getByRole('navigation').getByRole('link', { name: nb('nav.jobs') }));

    const table = await visible(page.getByRole('table', { name: nb('jobs.kindsCaption') }));
    const lateRow = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: nb('jobs.kinds.late-reply') }) });
    await visible(lateRow);
    await visible(table.getByRole('rowheader', { name: nb('jobs.kinds.preliminary-reply') }));
    // Waiting, running, retrying, failed: the failed one counted.
    const cells = (await lateRow.getByRole('cell').allTextContents()).map(plain);
    expect(cells.slice(3, 4)).toEqual([expect.stringMatching(/1$/)]);

    const failures = page.getByRole('list', { name: nb('jobs.failures.title') });
    const failure = failures.getByRole('listitem').filter({ hasText: ERROR });
    await visible(failure);
    await visible(failure.locator('.state').getByText(nb('jobs.failures.failed'), { exact: true }));
    await visible(failure.getByText(nb('jobs.kinds.late-reply'), { exact: true }));
    await visible(failure.getByText(nb('jobs.failures.attemptsOf', { attempts: 3, max: 3 }), { exact: true }));
    await visible(failure.getByText(nb('jobs.failures.noMoreAttempts'), { exact: true }));
    await expectAccessibleWhenStill(page, 'the background jobs with a failed job');
    await screenshot(page, 'jobs-failed');

    await failure.getByRole('button', { name: new RegExp(`^${nb('jobs.retry.button')}`) }).click();
    await visible(snackbar(page).getByText(nb('jobs.retry.done', { name: nb('jobs.kinds.late-reply') })));
    // Reloaded: it waits for another try (now), its last error still shown until it runs.
    await visible(failure.locator('.state').getByText(nb('jobs.failures.retrying'), { exact: true }));
    await visible(failure.getByText(nb('jobs.failures.attemptsOf', { attempts: 0, max: 3 }), { exact: true }));
    const [job] = await app.db.query(`SELECT attempts, run_at <= now() AS due FROM graphile_worker.jobs WHERE id = $1::bigint`, [jobId]);
    expect(job).toEqual({ attempts: 0, due: true });
    const log = await app.api('leder', 'GET', '/api/access-log?kind=job-retried');
    expect(log.body.items).toEqual([expect.objectContaining({ username: 'admin', subject: `late-reply #${jobId}` })]);

    // Refresh asks again.
    const traffic = new ApiTraffic(page);
    await page.getByRole('button', { name: nb('jobs.refresh') }).click();
    await eventually(() => expect(traffic.since(0)).toContain('GET /api/admin/jobs'));
    await page.locator('mat-progress-bar').waitFor({ state: 'detached' });
    await expectAccessibleWhenStill(page, 'the background jobs after a retry');
    await screenshot(page, 'jobs-retried');
    await logOut(page, 'Administrator');
  });

  e2e.test('a caseworker has no jobs in her navigation and is refused plainly by the address', async () => {
    const { page, app } = e2e;
    await logIn(page, app.baseUrl, 'kari');
    const nav = page.getByRole('navigation', { name: nb('shell.navLabel') });
    await visible(nav.getByRole('link', { name: nb('nav.mine') }));
    expect(await nav.getByRole('link', { name: nb('nav.jobs') }).count()).toBe(0);

    const traffic = new ApiTraffic(page);
    await page.goto(`${app.baseUrl}/jobs`);
    await visible(page.getByRole('heading', { level: 1, name: nb('jobs.refused.title') }));
    await visible(page.getByRole('alert').getByText(nb('jobs.refused.body')));
    await visible(page.getByRole('link', { name: nb('jobs.refused.home') }));
    // The page would have asked as it opened; a moment more, and still no request for the jobs.
    // (Not "until nothing is in flight": the notifications' event stream stays open.)
    await page.waitForTimeout(1000);
    expect(traffic.since(0)).not.toContain('GET /api/admin/jobs');
    // The API refuses her as well.
    expect((await app.api('kari', 'GET', '/api/admin/jobs')).status).toBe(403);
    await expectAccessibleWhenStill(page, 'the jobs page refused to a caseworker');
    await screenshot(page, 'jobs-refused-caseworker');

    await page.getByRole('link', { name: nb('jobs.refused.home') }).click();
    await page.waitForURL((url) => url.pathname === '/queue/mine');
  });
});
