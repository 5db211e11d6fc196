import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { BlobNotFound, DocumentStore, isSha256, PutOptions, StoredBlob } from './document-store';

/** The size of the rows the bytes are written in: a 25 MB file is a hundred rows. */
export const CHUNK_BYTES = 256 * 1024;

/**
 * Documents' bytes in PostgreSQL (the default store): `document_blob_chunk` rows of 256 KiB,
 * written one by one as the upload streams in, inside one transaction that ends by recording the
 * blob under its SHA-256 in `document_blob`. A refused upload rolls the chunks back; when the same
 * bytes are stored already (the SHA-256 is taken), the new chunks are rolled back too, and two
 * uploads of the same file at once wait for each other on the unique SHA-256. Nothing is ever
 * updated or deleted (both tables are append-only).
 *
 * An upload holds a database connection while its bytes arrive, so at most `maxConcurrentPuts`
 * run at once (half the pool by default); the others wait, reading nothing, until one ends.
 */
export class PostgresDocumentStore extends DocumentStore {
  readonly name = 'postgres' as const;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly maxConcurrentPuts = 5,
  ) {
    super();
  }

  async put(content: Readable, options: PutOptions = {}): Promise<StoredBlob> {
    await this.slot();
    const runner = this.dataSource.createQueryRunner('master');
    try {
      await runner.connect();
      await runner.startTransaction();
      const blobId = randomUUID();
      const hash = createHash('sha256');
      let size = 0;
      let seq = 0;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const write = async () => {
        const data = Buffer.concat(pending, pendingBytes);
        pending = [];
        pendingBytes = 0;
        await runner.query(`INSERT INTO document_blob_chunk (blob_id, seq, data) VALUES ($1, $2, $3)`, [blobId, seq++, data]);
      };
      for await (const chunk of content as AsyncIterable<Buffer>) {
        hash.update(chunk);
        size += chunk.length;
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= CHUNK_BYTES) await write();
      }
      if (pendingBytes) await write();
      const blob = { sha256: hash.digest('hex'), size };
      await options.accept?.(blob);
      const inserted: unknown[] = await runner.query(
        `INSERT INTO document_blob (id, sha256, size, chunks) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING RETURNING id`,
        [blobId, blob.sha256, size, seq],
      );
      // Stored before (or by an upload of the same bytes just now): these chunks are not needed.
      if (inserted.length) await runner.commitTransaction();
      else await runner.rollbackTransaction();
      return blob;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
      this.release();
    }
  }

  async get(sha256: string): Promise<Readable> {
    const blob = isSha256(sha256)
      ? (
          (await this.dataSource.query(`SELECT id, chunks FROM document_blob WHERE sha256 = $1`, [sha256])) as {
            id: string;
            chunks: number;
          }[]
        )[0]
      : undefined;
    if (!blob) throw new BlobNotFound(sha256);
    const dataSource = this.dataSource;
    // One chunk at a time, as the reader asks for it: a slow download holds no connection between chunks.
    return Readable.from(
      (async function* () {
        for (let seq = 0; seq < blob.chunks; seq++) {
          const [row] = (await dataSource.query(`SELECT data FROM document_blob_chunk WHERE blob_id = $1 AND seq = $2`, [
            blob.id,
            seq,
          ])) as { data: Buffer }[];
          if (!row) throw new Error(`chunk ${seq} of blob ${sha256} is missing`);
          yield row.data;
        }
      })(),
      { objectMode: false },
    );
  }

  async exists(sha256: string): Promise<boolean> {
    if (!isSha256(sha256)) return false;
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM document_blob WHERE sha256 = $1`, [sha256]);
    return rows.length > 0;
  }

  private async slot(): Promise<void> {
    if (this.running < this.maxConcurrentPuts) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}
