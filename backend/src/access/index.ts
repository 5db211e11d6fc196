/** The access log's public face: the routes' decorator, and the writer (tests flush it). */
export { AccessLogged } from './access-logged';
export { AccessLog } from './access-log';
export { ACCESS_KINDS } from './access-entry';
export type { AccessEntry, AccessKind } from './access-entry';
export { READ_REASONS } from './read-reasons';
export type { ReadReason } from './read-reasons';
