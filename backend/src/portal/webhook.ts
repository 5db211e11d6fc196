import { createHmac } from 'node:crypto';

/** The header that carries the body's signature: `sha256=<hex HMAC-SHA256 of the body's bytes, keyed with PORTAL_WEBHOOK_SECRET>`. */
export const SIGNATURE_HEADER = 'x-tilsagn-signature';
/** The message's id (also in the body), for the portal to deduplicate on before it parses. */
export const MESSAGE_ID_HEADER = 'x-tilsagn-message-id';

/** How long the portal has to answer a delivery. */
const TIMEOUT_MS = 10_000;

export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/**
 * POSTs one message to the portal's webhook, signed. Resolves on a 2xx (the portal has it);
 * throws with what went wrong on anything else (another status, a refused connection, a timeout).
 */
export async function postMessage(url: string, secret: string, id: string, body: string, attempt: number): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signature(body, secret),
        [MESSAGE_ID_HEADER]: id,
        'x-tilsagn-delivery-attempt': String(attempt),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`POST ${url}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  }
  // The body is not needed, but must be read (or dropped) for the connection to be reused.
  await response.body?.cancel().catch(() => undefined);
  if (response.status < 200 || response.status > 299) throw new Error(`POST ${url}: ${response.status} ${response.statusText}`.trim());
}
