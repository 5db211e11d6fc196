import type { Readable } from 'node:stream';

/** What a store holds of a file: its SHA-256 (hex, lower case), which is its name, and its size in bytes. */
export interface StoredBlob {
  sha256: string;
  size: number;
}

export interface PutOptions {
  /**
   * Called once the stream has ended without an error, with what it held, before the store keeps
   * it: throwing refuses it, and nothing is kept (the caller's last checks, such as form fields
   * that came after the file).
   */
  accept?: (blob: StoredBlob) => Promise<void>;
}

/**
 * Where the bytes of documents are kept, once per content (content-addressed by SHA-256). The
 * PostgreSQL store is the default; the S3 store keeps them in a bucket (DOCUMENT_STORE=s3). Both
 * pass the same suite (test/integration/document-store.spec.ts).
 *
 * - `put` reads the stream to its end, hashing it as it goes and never holding it whole, and
 *   keeps it under its SHA-256. The same bytes again are kept once. When the stream fails (the
 *   upload was refused on the way: too large, not an allowed kind) or `accept` throws, put
 *   rejects with that error and nothing of it is kept.
 * - `get` streams the bytes back; BlobNotFound when the store has no such content.
 * - `exists` says whether the store has the content.
 */
export abstract class DocumentStore {
  abstract readonly name: 'postgres' | 's3';
  abstract put(content: Readable, options?: PutOptions): Promise<StoredBlob>;
  abstract get(sha256: string): Promise<Readable>;
  abstract exists(sha256: string): Promise<boolean>;
}

export class BlobNotFound extends Error {
  constructor(readonly sha256: string) {
    super(`No stored content with SHA-256 ${sha256}`);
  }
}

export const isSha256 = (value: string): boolean => /^[0-9a-f]{64}$/.test(value);
