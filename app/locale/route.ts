import type { NextRequest } from "next/server";
import { env } from "@/lib/config/env";
import { seeOther } from "@/lib/http/cookie-relay";
import { readSameOriginForm } from "@/lib/http/same-origin";
import { localeCookie, readLocaleSwitch } from "@/lib/i18n/locale-switch";

export const dynamic = "force-dynamic";

/**
 * The language switcher's plain form posts here: remember the language in a
 * cookie and go back (303) to the page it came from. Cross-site posts are
 * refused, so another site cannot change a visitor's language.
 */
export async function POST(request: NextRequest): Promise<Response> {
  const { appUrl } = env();
  const read = await readSameOriginForm(request, appUrl.origin);
  if (read.kind === "refused") return read.response;
  const { locale, returnTo } = readLocaleSwitch(read.form);
  return seeOther(returnTo, locale ? [localeCookie(locale, appUrl.protocol === "https:")] : []);
}
