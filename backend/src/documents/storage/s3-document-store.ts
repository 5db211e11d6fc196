import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createHash, randomUUID } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import type { S3Settings } from '../../config/document-store';
import { BlobNotFound, DocumentStore, isSha256, PutOptions, StoredBlob } from './document-store';

/** The smallest part S3 takes in a multipart upload, and the most an upload holds in memory at once. */
const PART_BYTES = 5 * 1024 * 1024;

/**
 * Documents' bytes in an S3-compatible bucket (AWS S3, MinIO, ...), through the AWS SDK v3. An
 * upload streams to a temporary key (`<prefix>uploads/<uuid>`, a multipart upload of 5 MiB parts
 * when larger, so at most one part is in memory), hashing as it goes; only when the stream ended
 * well and the caller accepts it is it copied to its content address (`<prefix>sha256/<hex>`),
 * unless that exists already, and the temporary key removed. A refused upload is aborted (the SDK
 * aborts the multipart upload) and its temporary key removed: nothing of it stays.
 *
 * Checksums are computed only where S3 requires them, as servers that speak S3 (MinIO among them)
 * differ in the newer flexible-checksum headers; the SHA-256 of each file is ours anyway.
 */
export class S3DocumentStore extends DocumentStore {
  readonly name = 's3' as const;
  private readonly client: S3Client;

  constructor(private readonly settings: S3Settings) {
    super();
    this.client = new S3Client({
      region: settings.region,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      forcePathStyle: settings.forcePathStyle,
      ...(settings.credentials ? { credentials: settings.credentials } : {}),
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  /** Fails with a message naming the bucket and endpoint when the bucket cannot be reached. */
  async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.settings.bucket }));
    } catch (error) {
      const where = `${this.settings.endpoint ?? `AWS S3 (${this.settings.region})`}`;
      throw new Error(
        `DOCUMENT_STORE=s3: the bucket "${this.settings.bucket}" at ${where} cannot be reached (${describe(error)}); ` +
          'check S3_ENDPOINT, S3_BUCKET and the credentials, and that the bucket exists',
        { cause: error },
      );
    }
  }

  async put(content: Readable, options: PutOptions = {}): Promise<StoredBlob> {
    const temporary = `${this.settings.prefix}uploads/${randomUUID()}`;
    const hash = createHash('sha256');
    let size = 0;
    // The SDK reads from a stream of its own; the source's error (a refusal on the way) fails it.
    const body = new PassThrough();
    content.on('error', (error) => body.destroy(error));
    content.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      size += chunk.length;
    });
    content.pipe(body);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.settings.bucket, Key: temporary, Body: body, ContentType: 'application/octet-stream' },
      partSize: PART_BYTES,
      queueSize: 1,
      leavePartsOnError: false,
    });
    try {
      const failed = new Promise<never>((_, reject) => content.once('error', reject));
      await Promise.race([upload.done(), failed]);
      const blob = { sha256: hash.digest('hex'), size };
      await options.accept?.(blob);
      const key = this.key(blob.sha256);
      if (!(await this.has(key))) {
        await this.client.send(
          new CopyObjectCommand({ Bucket: this.settings.bucket, Key: key, CopySource: `${this.settings.bucket}/${temporary}` }),
        );
      }
      return blob;
    } catch (error) {
      await upload.abort().catch(() => undefined);
      // The source's own error says why (a refusal), not the SDK's word that the upload stopped.
      throw content.errored ?? error;
    } finally {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: temporary })).catch(() => undefined);
    }
  }

  async get(sha256: string): Promise<Readable> {
    if (!isSha256(sha256)) throw new BlobNotFound(sha256);
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.key(sha256) }));
      return object.Body as Readable;
    } catch (error) {
      if (isNotFound(error)) throw new BlobNotFound(sha256);
      throw error;
    }
  }

  exists(sha256: string): Promise<boolean> {
    return isSha256(sha256) ? this.has(this.key(sha256)) : Promise.resolve(false);
  }

  destroy(): void {
    this.client.destroy();
  }

  private key(sha256: string): string {
    return `${this.settings.prefix}sha256/${sha256}`;
  }

  private async has(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof S3ServiceException && (error.$metadata.httpStatusCode === 404 || error.name === 'NoSuchKey');
}

function describe(error: unknown): string {
  if (error instanceof S3ServiceException) return `${error.name}, HTTP ${error.$metadata.httpStatusCode ?? '?'}`;
  return error instanceof Error ? error.message : String(error);
}
