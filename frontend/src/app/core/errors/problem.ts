import { HttpErrorResponse } from '@angular/common/http';
import { AbstractControl, FormGroup } from '@angular/forms';

export interface FieldProblem {
  path: string;
  message: string;
}

/** RFC 9457 problem details, as every API error carries. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: FieldProblem[];
  /** On 409 illegal-transition and wrong-status: where the case is, and where it was asked to go. */
  currentStatus?: string;
  requestedStatus?: string;
  /** The id the server logged the request under (X-Request-Id), for the user to quote to support. */
  requestId?: string;
}

const TYPE_PREFIX = 'urn:tilsagn:problem:';

/** The stable code of a problem type ("stale-version" for urn:tilsagn:problem:stale-version). */
export function problemCode(problem: Problem): string | null {
  return problem.type?.startsWith(TYPE_PREFIX) ? problem.type.slice(TYPE_PREFIX.length) : null;
}

/**
 * The case changed under the user: a stale version, or a 409 that names no
 * more specific cause.
 */
export function isStaleVersion(problem: Problem): boolean {
  if (problem.status !== 409) return false;
  const code = problemCode(problem);
  return code === null || code === 'stale-version' || code === 'http-409';
}

/** Reads the problem+json body of an HTTP error; other errors become a bare status. */
export function toProblem(error: unknown): Problem {
  if (error instanceof HttpErrorResponse) {
    const body: unknown = typeof error.error === 'string' ? tryParse(error.error) : error.error;
    const headerId = error.headers?.get('x-request-id') ?? undefined;
    if (body && typeof body === 'object') {
      const p = body as Partial<Problem>;
      return {
        type: p.type,
        title: p.title,
        status: typeof p.status === 'number' ? p.status : error.status,
        detail: p.detail,
        errors: Array.isArray(p.errors) ? p.errors.filter(isFieldProblem) : undefined,
        currentStatus: typeof p.currentStatus === 'string' ? p.currentStatus : undefined,
        requestedStatus: typeof p.requestedStatus === 'string' ? p.requestedStatus : undefined,
        requestId: typeof p.requestId === 'string' ? p.requestId : headerId,
      };
    }
    return { status: error.status, requestId: headerId };
  }
  return { status: -1 };
}

/**
 * Reads the problem+json body of an HTTP error whatever the request's response type: a request
 * for a file (a PDF) gets its error body as a Blob, which has to be read before it can be parsed.
 */
export async function readProblem(error: unknown): Promise<Problem> {
  if (error instanceof HttpErrorResponse && error.error instanceof Blob) {
    const text = await blobText(error.error).catch(() => '');
    return toProblem(
      new HttpErrorResponse({
        error: text,
        headers: error.headers,
        status: error.status,
        statusText: error.statusText,
        url: error.url ?? undefined,
      }),
    );
  }
  return toProblem(error);
}

function blobText(blob: Blob): Promise<string> {
  if (typeof blob.text === 'function') return blob.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(blob);
  });
}

/** "/project/title", "$.project.title" and "project.title" all name the same field. */
export function normalisePath(path: string): string {
  return path
    .replace(/^\$\.?/, '')
    .replace(/^\//, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/\//g, '.');
}

/**
 * Puts each field message of the problem on the form control it names, as the
 * `server` error, and returns the messages that matched no control. `aliases`
 * maps a server path to the control's path where the two differ.
 */
export function applyProblemToForm(
  form: FormGroup,
  problem: Problem,
  aliases: Record<string, string> = {},
): string[] {
  const unmatched: string[] = [];
  for (const { path, message } of problem.errors ?? []) {
    const name = normalisePath(path);
    const control: AbstractControl | null = form.get(aliases[name] ?? name);
    if (control) {
      control.setErrors({ ...(control.errors ?? {}), server: message });
      control.markAsTouched();
    } else {
      unmatched.push(message);
    }
  }
  return unmatched;
}

function isFieldProblem(value: unknown): value is FieldProblem {
  return (
    !!value &&
    typeof (value as FieldProblem).path === 'string' &&
    typeof (value as FieldProblem).message === 'string'
  );
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
