import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { env } from "../config/env";
import { cookieValue } from "../i18n/locales";
import { KratosUnavailableError } from "./client";
import { whoami, type SessionResult } from "./whoami";

/**
 * This request's session, asked of Kratos at most once per render (the layout's
 * language and a page may both need it). Without Kratos's session cookie
 * nobody is signed in, so Kratos is not asked; Kratos not answering counts as
 * anonymous here, because the callers only decorate the page with it.
 */
export const requestSession = cache(async (): Promise<SessionResult> => {
  const cookieHeader = (await headers()).get("cookie");
  if (cookieValue(cookieHeader, env().sessionCookie.name) === undefined) return { kind: "anonymous" };
  try {
    return await whoami(cookieHeader);
  } catch (error) {
    if (!(error instanceof KratosUnavailableError)) throw error;
    return { kind: "anonymous" };
  }
});

/** The signed-in identity's email trait, if there is one. */
export async function requestSessionEmail(): Promise<string | undefined> {
  const session = await requestSession();
  if (session.kind !== "active") return undefined;
  const email = (session.session.identity?.traits as { email?: unknown } | undefined)?.email;
  return typeof email === "string" ? email : undefined;
}
