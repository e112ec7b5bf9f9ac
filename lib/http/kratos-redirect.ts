import "server-only";
import { env } from "../config/env";
import { isSafeReturnTo } from "./return-to";

/**
 * Kratos's own redirects may point at Kratos, at this app, at an allowed
 * return_to origin or at an OIDC provider (its 422 after a provider button).
 */
export function isFollowableRedirect(location: string): boolean {
  const { appUrl, kratosBrowserUrl, returnToOrigins, oidcProviderOrigins } = env();
  return isSafeReturnTo(location, appUrl, [...returnToOrigins, kratosBrowserUrl.origin, ...oidcProviderOrigins]);
}
