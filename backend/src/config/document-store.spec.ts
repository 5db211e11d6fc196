import { documentStoreConfig } from './document-store';

const read = (env: Record<string, string>) => {
  const problems: string[] = [];
  return { config: documentStoreConfig(env, problems), problems };
};

describe('DOCUMENT_STORE and the S3 settings', () => {
  it('keeps documents in PostgreSQL unless told otherwise', () => {
    expect(read({})).toEqual({ config: { kind: 'postgres' }, problems: [] });
    expect(read({ DOCUMENT_STORE: 'postgres', S3_BUCKET: 'ignored' }).config).toEqual({ kind: 'postgres' });
  });

  it('reads an S3-compatible store, path-style when it has an endpoint of its own', () => {
    expect(
      read({
        DOCUMENT_STORE: 's3',
        S3_ENDPOINT: 'http://minio:9000/',
        S3_BUCKET: 'tilsagn-documents',
        S3_ACCESS_KEY_ID: 'id',
        S3_SECRET_ACCESS_KEY: 'secret',
      }),
    ).toEqual({
      config: {
        kind: 's3',
        endpoint: 'http://minio:9000',
        region: 'us-east-1',
        bucket: 'tilsagn-documents',
        prefix: '',
        credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
        forcePathStyle: true,
      },
      problems: [],
    });
    // AWS S3 itself: by region, virtual-hosted addresses, the SDK's own credentials.
    expect(read({ DOCUMENT_STORE: 's3', S3_BUCKET: 'docs', S3_REGION: 'eu-north-1', S3_PREFIX: 'tilsagn/' }).config).toMatchObject({
      endpoint: null,
      region: 'eu-north-1',
      prefix: 'tilsagn/',
      credentials: null,
      forcePathStyle: false,
    });
  });

  it('names every bad value', () => {
    expect(read({ DOCUMENT_STORE: 'disk' }).problems).toEqual(['DOCUMENT_STORE must be postgres or s3, got "disk"']);
    expect(
      read({ DOCUMENT_STORE: 's3', S3_ENDPOINT: 'minio:9000', S3_ACCESS_KEY_ID: 'id', S3_PREFIX: 'x', S3_FORCE_PATH_STYLE: 'maybe' })
        .problems,
    ).toEqual([
      'S3_ENDPOINT must be an http:// or https:// address (scheme, host and port, no path), got "minio:9000"',
      'S3_BUCKET is required when DOCUMENT_STORE=s3',
      'S3_PREFIX must be a key prefix ending in / (letters, digits, ._-), got "x"',
      'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both, or neither for the AWS default credentials',
      'S3_FORCE_PATH_STYLE must be true or false, got "maybe"',
    ]);
  });
});
