import { appDatabase } from "@/lib/app-db/database";
import { findUser } from "@/lib/app-db/users";
import { orUnavailable } from "@/lib/api/auth-flows";
import { ok } from "@/lib/api/envelope";
import { apiUserOf, callerSession } from "@/lib/api/session";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return orUnavailable(async () => {
    const lookup = await callerSession(request);
    if (lookup.kind === "refused") return lookup.response;
    const identity = lookup.session.identity;
    return ok(apiUserOf(identity, await findUser((await appDatabase()).query, identity.id)));
  });
}
