import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { S3Settings } from '../../backend/src/config/document-store';
import { dataSourceOptions } from '../../backend/src/database/data-source';
import { samplePdf } from '../../backend/src/documents/testing';
import { BlobNotFound, DocumentStore } from '../../backend/src/documents/storage/document-store';
import { PostgresDocumentStore } from '../../backend/src/documents/storage/postgres-document-store';
import { S3DocumentStore } from '../../backend/src/documents/storage/s3-document-store';
import { createTestDatabase, startTestApp, TestContext } from '../support/app';

/**
 * One suite for every DocumentStore (documents/storage/document-store.ts): the PostgreSQL store,
 * always; the S3 store against a real S3-compatible server: MinIO in a container where a container
 * runtime answers, otherwise an S3 server that runs in this process (@20minutes/s3rver, a
 * maintained fork of s3rver, installed as a development dependency). The S3 part is skipped, with
 * the reason printed, only when neither can be had.
 */

interface StoreUnderTest {
  store: DocumentStore;
  /** How many things the store holds (rows, objects): to show that a refusal leaves nothing. */
  holdings(): Promise<number>;
  close(): Promise<void>;
}

interface S3Server {
  source: string;
  settings: S3Settings;
  stop(): Promise<void>;
}

const BUCKET = 'tilsagn-test';
const MINIO_CREDENTIALS = { accessKeyId: 'tilsagntest', secretAccessKey: 'tilsagntest-secret-key' };

/** MinIO through testcontainers, or the in-process server, or the reason why neither. */
async function startS3Server(log: (m: string) => void): Promise<S3Server | string> {
  try {
    const { getContainerRuntimeClient, GenericContainer, Wait } = await import('testcontainers');
    await getContainerRuntimeClient();
    const image = process.env.TEST_MINIO_IMAGE ?? 'minio/minio:latest';
    const container = await new GenericContainer(image)
      .withCommand(['server', '/data'])
      .withEnvironment({ MINIO_ROOT_USER: MINIO_CREDENTIALS.accessKeyId, MINIO_ROOT_PASSWORD: MINIO_CREDENTIALS.secretAccessKey })
      .withExposedPorts(9000)
      .withWaitStrategy(Wait.forHttp('/minio/health/live', 9000))
      .start();
    const settings = s3Settings(`http://${container.getHost()}:${container.getMappedPort(9000)}`);
    await createBucket(settings);
    return { source: `MinIO (${image}) in a container`, settings, stop: async () => void (await container.stop()) };
  } catch (error) {
    log(`no container runtime for MinIO (${(error as Error).message.split('\n')[0]}): trying the in-process S3 server`);
  }
  let S3rver: new (options: object) => { run(): Promise<{ port: number }>; close(): Promise<void> };
  try {
    S3rver = (await import('@20minutes/s3rver')).default as unknown as typeof S3rver;
  } catch (error) {
    return `neither a container runtime for MinIO nor the in-process S3 server (@20minutes/s3rver: ${(error as Error).message}) is available`;
  }
  // Once it is installed, a server that does not start is a failure, not a reason to skip.
  const directory = mkdtempSync(join(tmpdir(), 'tilsagn-s3-'));
  // The current SDK signs requests in ways this server computes differently (its signature check is
  // not what is tested here): it is told to accept them. Its one account is S3RVER/S3RVER.
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, allowMismatchedSignatures: true });
  const stop = async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  };
  try {
    const { port } = await server.run();
    const settings = s3Settings(`http://127.0.0.1:${port}`, { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });
    await createBucket(settings);
    return { source: '@20minutes/s3rver in this process', settings, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function s3Settings(endpoint: string, credentials = MINIO_CREDENTIALS): S3Settings {
  return { endpoint, region: 'us-east-1', bucket: BUCKET, prefix: 'documents/', credentials, forcePathStyle: true };
}

function s3Client(settings: S3Settings): S3Client {
  return new S3Client({
    endpoint: settings.endpoint!,
    region: settings.region,
    forcePathStyle: true,
    credentials: settings.credentials!,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

async function createBucket(settings: S3Settings): Promise<void> {
  const client = s3Client(settings);
  try {
    await client.send(new CreateBucketCommand({ Bucket: settings.bucket }));
  } finally {
    client.destroy();
  }
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Bytes as a stream of 64 KiB chunks, as an upload arrives. */
function streamOf(bytes: Buffer): Readable {
  return Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += 64 * 1024) yield bytes.subarray(at, at + 64 * 1024);
    })(),
  );
}

async function read(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The same behaviour, whichever store. */
function storeSuite(name: string, open: () => Promise<StoreUnderTest | null>) {
  describe(`the ${name} document store`, () => {
    let s: StoreUnderTest | null;
    beforeAll(async () => {
      s = await open();
    });
    afterAll(() => s?.close());
    const it_ = (title: string, fn: (s: StoreUnderTest) => Promise<void>) => it(title, () => (s ? fn(s) : Promise.resolve()));

    it_('keeps bytes under their SHA-256 and gives them back', async ({ store }) => {
      const bytes = samplePdf(`Dokument ${randomBytes(4).toString('hex')}`);
      const blob = await store.put(streamOf(bytes));
      expect(blob).toEqual({ sha256: sha256(bytes), size: bytes.length });
      expect(await store.exists(blob.sha256)).toBe(true);
      expect(Buffer.compare(await read(await store.get(blob.sha256)), bytes)).toBe(0);
    });

    it_('streams a file larger than a part or a chunk in and out whole', async ({ store }) => {
      const bytes = randomBytes(12 * 1024 * 1024 + 12345);
      const blob = await store.put(streamOf(bytes));
      expect(blob).toEqual({ sha256: sha256(bytes), size: bytes.length });
      const back = await read(await store.get(blob.sha256));
      expect(back.length).toBe(bytes.length);
      expect(sha256(back)).toBe(sha256(bytes));
    });

    it_('keeps the same bytes once, and empty content too', async (t) => {
      const bytes = randomBytes(100_000);
      const first = await t.store.put(streamOf(bytes));
      const held = await t.holdings();
      const again = await t.store.put(streamOf(bytes));
      expect(again).toEqual(first);
      expect(await t.holdings()).toBe(held);
      const empty = await t.store.put(Readable.from([]));
      expect(empty).toEqual({ sha256: sha256(Buffer.alloc(0)), size: 0 });
      expect((await read(await t.store.get(empty.sha256))).length).toBe(0);
    });

    it_('keeps nothing of a stream that fails on the way, nor of one the caller refuses at the end', async (t) => {
      const held = await t.holdings();
      const failing = new PassThrough();
      const refusal = new Error('refused on the way: too large');
      const put = t.store.put(failing);
      const part = randomBytes(6 * 1024 * 1024);
      failing.write(part);
      setTimeout(() => failing.destroy(refusal), 50);
      await expect(put).rejects.toBe(refusal);
      expect(await t.store.exists(sha256(part))).toBe(false);

      const bytes = randomBytes(70_000);
      const refused = new Error('refused at the end: a bad field after the file');
      await expect(
        t.store.put(streamOf(bytes), {
          accept: async (blob) => {
            expect(blob).toEqual({ sha256: sha256(bytes), size: bytes.length });
            throw refused;
          },
        }),
      ).rejects.toBe(refused);
      expect(await t.store.exists(sha256(bytes))).toBe(false);
      expect(await t.holdings()).toBe(held);
    });

    it_('says what it does not have', async ({ store }) => {
      const unknown = sha256(randomBytes(16));
      expect(await store.exists(unknown)).toBe(false);
      await expect(store.get(unknown)).rejects.toBeInstanceOf(BlobNotFound);
      expect(await store.exists('not-a-hash')).toBe(false);
      await expect(store.get('../etc/passwd')).rejects.toBeInstanceOf(BlobNotFound);
    });
  });
}

let s3: S3Server | string | null = null;
const s3Server = async () => {
  if (s3 === null) {
    s3 = await startS3Server((m) => process.stderr.write(`[document-store] ${m}\n`));
    process.stderr.write(
      typeof s3 === 'string'
        ? `[document-store] the S3 store is NOT tested: ${s3}\n`
        : `[document-store] the S3 store is tested against ${s3.source}\n`,
    );
  }
  return typeof s3 === 'string' ? null : s3;
};
afterAll(async () => {
  if (s3 && typeof s3 !== 'string') await s3.stop();
});

storeSuite('PostgreSQL', async () => {
  const url = await createTestDatabase();
  const dataSource = new DataSource(dataSourceOptions(url, 4));
  await dataSource.initialize();
  return {
    store: new PostgresDocumentStore(dataSource, 2),
    holdings: async () => {
      const [row] = await dataSource.query(
        `SELECT (SELECT count(*) FROM document_blob)::int + (SELECT count(*) FROM document_blob_chunk)::int AS n`,
      );
      return row.n;
    },
    close: () => dataSource.destroy(),
  };
});

storeSuite('S3', async () => {
  const server = await s3Server();
  if (!server) return null;
  const store = new S3DocumentStore(server.settings);
  await store.check();
  const client = s3Client(server.settings);
  return {
    store,
    holdings: async () => {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: server.settings.bucket }));
      return listed.KeyCount ?? listed.Contents?.length ?? 0;
    },
    close: async () => {
      client.destroy();
      store.destroy();
    },
  };
});

describe('the API with DOCUMENT_STORE=s3', () => {
  let ctx: TestContext | null = null;
  beforeAll(async () => {
    const server = await s3Server();
    if (!server) return;
    const { settings } = server;
    ctx = await startTestApp({
      DOCUMENT_STORE: 's3',
      S3_ENDPOINT: settings.endpoint!,
      S3_BUCKET: settings.bucket,
      S3_PREFIX: 'api/',
      S3_ACCESS_KEY_ID: settings.credentials!.accessKeyId,
      S3_SECRET_ACCESS_KEY: settings.credentials!.secretAccessKey,
    });
  });
  afterAll(() => ctx?.close());

  it('uploads into the bucket, once per content, serves the bytes back, and stores nothing of a refused file', async () => {
    if (!ctx) return;
    const portal = await ctx.token('portal');
    const intake = await ctx.http
      .post('/api/applications')
      .set('authorization', `Bearer ${portal}`)
      .send((await import('../support/fixtures')).sampleApplication());
    const id = intake.body.id as string;
    const bytes = samplePdf(`S3 ${randomBytes(4).toString('hex')}`);
    const send = (file: Buffer, name: string) =>
      ctx!.http
        .post(`/api/applications/${id}/documents`)
        .set('authorization', `Bearer ${portal}`)
        .field('kind', 'other')
        .attach('file', file, name);
    const first = await send(bytes, 'a.pdf');
    const second = await send(bytes, 'b.pdf');
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.sha256).toBe(sha256(bytes));
    const refused = await send(Buffer.from('MZ\x90\x00\x03', 'latin1'), 'c.pdf');
    expect(refused.status).toBe(415);
    const server = (await s3Server())!;
    const client = s3Client(server.settings);
    const keys = ((await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'api/' }))).Contents ?? []).map((o) => o.Key);
    client.destroy();
    expect(keys).toEqual([`api/sha256/${sha256(bytes)}`]);
    // Not in PostgreSQL: the store is the bucket.
    const [row] = await ctx.db.query(`SELECT count(*)::int AS n FROM document_blob`);
    expect(row.n).toBe(0);
    const back = await ctx.http
      .get(`/api/applications/${id}/documents/${first.body.id}/content`)
      .set('authorization', `Bearer ${await ctx.token('kari')}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(back.status).toBe(200);
    expect(back.headers.etag).toBe(`"${sha256(bytes)}"`);
    expect(Buffer.compare(back.body, bytes)).toBe(0);
  });
});
