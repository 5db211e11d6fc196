/**
 * What a document is to the case (docs/api.md, "Documents"): the applicant's annual accounts, the
 * project's budget or plan, an attachment to a reply to an information request, or anything else.
 */
export const DOCUMENT_KINDS = ['annual-accounts', 'budget', 'project-plan', 'reply', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
