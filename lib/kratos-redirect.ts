import "server-only";
import { env } from "./env";
import { isSafeReturnTo } from "./return-to";

/** Kratos's own redirects may point at Kratos, at this app or at an allowed return_to origin. */
export function isFollowableRedirect(location: string): boolean {
  const { appUrl, kratosBrowserUrl, returnToOrigins } = env();
  return isSafeReturnTo(location, appUrl, [...returnToOrigins, kratosBrowserUrl.origin]);
}
