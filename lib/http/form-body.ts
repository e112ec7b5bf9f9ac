/**
 * Reads a request body as UTF-8 text, stopping as soon as it exceeds
 * `maxBytes` (undefined then), so a huge body is never held in memory.
 */
export async function readLimitedText(request: Request, maxBytes: number): Promise<string | undefined> {
  const reader = request.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** A short plain-text refusal (403, 413, 415) that no cache keeps. */
export function plainTextResponse(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
