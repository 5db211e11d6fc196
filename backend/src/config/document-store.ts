/**
 * Where the bytes of documents are kept (docs/operations.md, "Documents"): in PostgreSQL (the
 * default: the embedded database of `npm start` needs nothing more), or in an S3-compatible
 * bucket (AWS S3, MinIO, ...). Read from the environment by `loadConfig`.
 */
export type DocumentStoreConfig = { kind: 'postgres' } | ({ kind: 's3' } & S3Settings);

export interface S3Settings {
  /** `http(s)://host:port` of an S3-compatible server; null: AWS S3 itself (by region). */
  endpoint: string | null;
  region: string;
  bucket: string;
  /** Key prefix inside the bucket ('' or ending in '/'). */
  prefix: string;
  /** Static credentials; null: the AWS SDK's default chain (environment, profile, instance or pod role). */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
  /** Path-style addressing (http://host/bucket/key), which MinIO and most S3-compatible servers want. */
  forcePathStyle: boolean;
}

type Env = Record<string, string | undefined>;

/** The document store's settings; each problem is pushed onto `problems` as a sentence naming the variable. */
export function documentStoreConfig(env: Env, problems: string[]): DocumentStoreConfig {
  const kind = env.DOCUMENT_STORE || 'postgres';
  if (kind === 'postgres') return { kind };
  if (kind !== 's3') {
    problems.push(`DOCUMENT_STORE must be postgres or s3, got "${kind}"`);
    return { kind: 'postgres' };
  }
  const endpoint = env.S3_ENDPOINT || null;
  if (endpoint && !/^https?:\/\/[^/\s]+\/?$/.test(endpoint)) {
    problems.push(`S3_ENDPOINT must be an http:// or https:// address (scheme, host and port, no path), got "${endpoint}"`);
  }
  const bucket = env.S3_BUCKET ?? '';
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    problems.push(
      bucket
        ? `S3_BUCKET must be a bucket name (3-63 lower-case letters, digits, dots and hyphens), got "${bucket}"`
        : 'S3_BUCKET is required when DOCUMENT_STORE=s3',
    );
  }
  const prefix = env.S3_PREFIX ?? '';
  if (prefix && !/^[\w.-]+(\/[\w.-]+)*\/$/.test(prefix)) {
    problems.push(`S3_PREFIX must be a key prefix ending in / (letters, digits, ._-), got "${prefix}"`);
  }
  const accessKeyId = env.S3_ACCESS_KEY_ID || '';
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY || '';
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    problems.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both, or neither for the AWS default credentials');
  }
  const pathStyle = (env.S3_FORCE_PATH_STYLE ?? '').toLowerCase();
  if (pathStyle && !['true', 'false', '1', '0', 'yes', 'no'].includes(pathStyle)) {
    problems.push(`S3_FORCE_PATH_STYLE must be true or false, got "${env.S3_FORCE_PATH_STYLE}"`);
  }
  return {
    kind,
    endpoint: endpoint ? endpoint.replace(/\/$/, '') : null,
    region: env.S3_REGION || 'us-east-1',
    bucket,
    prefix,
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : null,
    // An endpoint of one's own (MinIO and the like) wants path-style addresses unless told otherwise.
    forcePathStyle: pathStyle ? ['true', '1', 'yes'].includes(pathStyle) : endpoint !== null,
  };
}
