// Reading the JSON API's request bodies: JSON only, small, an object.
import { readLimitedText } from "../http/form-body";
import { fail } from "./envelope";

/** No API body needs more than this; larger ones are refused before they are read whole. */
export const maxJsonBytes = 64 * 1024;

export type JsonBodyRead = { kind: "body"; body: Record<string, unknown> } | { kind: "refused"; response: Response };

/**
 * The request's JSON object, or the answer that refuses it. Requiring
 * `application/json` also keeps other sites out: a page elsewhere cannot send
 * that content type without a CORS preflight, which this app never grants.
 */
export async function readJsonObject(request: Request): Promise<JsonBodyRead> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    return {
      kind: "refused",
      response: fail(415, "Send the body as application/json.", { code: "unsupported_media_type" }),
    };
  }
  const text = await readLimitedText(request, maxJsonBytes);
  if (text === undefined)
    return { kind: "refused", response: fail(413, "The body is too large.", { code: "too_large" }) };
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === "object" && body !== null && !Array.isArray(body)) {
      return { kind: "body", body: body as Record<string, unknown> };
    }
  } catch {
    // Answered below, like a body that is JSON but not an object.
  }
  return { kind: "refused", response: fail(400, "The body must be a JSON object.", { code: "invalid_json" }) };
}
