import "server-only";
import { env } from "../config/env";

export type LoginOptions = {
  /** Ask for the second factor (Kratos's `aal=aal2`). */
  aal?: "aal2";
  /** Sign in again although signed in (Kratos's `refresh=true`), for privileged actions. */
  refresh?: boolean;
  /** The app's own URL; the proxy passes its configuration, everything else reads the environment. */
  appUrl?: URL;
};

/**
 * Our login page, coming back afterwards to `returnTo` (a path on this app, or
 * an absolute URL on it). return_to is always absolute: Kratos checks it
 * against its allow list, which holds origins.
 */
export function loginFor(returnTo: string | URL, options: LoginOptions = {}): string {
  const appUrl = options.appUrl ?? env().appUrl;
  const query = new URLSearchParams();
  if (options.refresh) query.set("refresh", "true");
  if (options.aal) query.set("aal", options.aal);
  query.set("return_to", new URL(returnTo, appUrl).toString());
  return `/login?${query.toString()}`;
}
