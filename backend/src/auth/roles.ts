/** What a person may be in the agency's office. */
export const ROLES = ['caseworker', 'approver', 'manager', 'admin', 'intake'] as const;
export type Role = (typeof ROLES)[number];
