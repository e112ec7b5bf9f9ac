import "server-only";
// /api/documents: the seed's protected resource. The caller's session decides
// whose documents are read or written; nothing in the request can name another owner.
import { env } from "../config/env";
import { appDatabase } from "../app-db/database";
import { createDocument, listDocuments } from "../app-db/documents";
import { isSameOriginRequest } from "../http/same-origin";
import { apiClientOf } from "./client-kind";
import { fail, ok } from "./envelope";
import { orUnavailable } from "./auth-flows";
import { readJsonObject } from "./request-body";
import { callerSession } from "./session";

export const documentLimits = { title: 200, body: 20_000 } as const;

export function listCallerDocuments(request: Request): Promise<Response> {
  return orUnavailable(async () => {
    const lookup = await callerSession(request);
    if (lookup.kind === "refused") return lookup.response;
    const userId = lookup.session.identity.id;
    const documents = await listDocuments((await appDatabase()).query, userId);
    return ok({ user_id: userId, documents });
  });
}

type DocumentInput =
  { kind: "input"; title: string; body: string } | { kind: "invalid"; fields: Record<string, string[]> };

export function documentInput(body: Record<string, unknown>): DocumentInput {
  const fields: Record<string, string[]> = {};
  const title = typeof body.title === "string" ? body.title.trim() : "";
  const text = body.body === undefined ? "" : body.body;
  if (!title) fields.title = ["Give the document a title."];
  else if (title.length > documentLimits.title) fields.title = [`At most ${documentLimits.title} characters.`];
  if (typeof text !== "string") fields.body = ["The body must be text."];
  else if (text.length > documentLimits.body) fields.body = [`At most ${documentLimits.body} characters.`];
  return Object.keys(fields).length > 0 ? { kind: "invalid", fields } : { kind: "input", title, body: text as string };
}

export async function createCallerDocument(request: Request): Promise<Response> {
  // A cookie-authenticated write: only pages of this site (or non-browser clients) may send it.
  if (
    apiClientOf(request.headers).kind === "browser" &&
    !isSameOriginRequest(request.headers, env().appUrl.origin, { allowUnlabelled: true })
  ) {
    return fail(403, "This request can only be sent from this site.", { code: "cross_site" });
  }
  const read = await readJsonObject(request);
  if (read.kind === "refused") return read.response;
  return orUnavailable(async () => {
    const lookup = await callerSession(request);
    if (lookup.kind === "refused") return lookup.response;
    const input = documentInput(read.body);
    if (input.kind === "invalid") {
      return fail(400, Object.values(input.fields)[0]![0]!, { code: "validation_failed", fields: input.fields });
    }
    const identity = lookup.session.identity;
    const email =
      typeof (identity.traits as { email?: unknown }).email === "string"
        ? (identity.traits as { email: string }).email
        : null;
    const document = await createDocument((await appDatabase()).query, identity.id, email, input);
    return ok(document, { status: 201 });
  });
}
