export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __tilsagnDb?: { stop(): Promise<void> } }).__tilsagnDb;
  await server?.stop();
}
