import { appDatabase } from "@/lib/app-db/database";
import { ensureUser } from "@/lib/app-db/users";
import { orUnavailable } from "@/lib/api/auth-flows";
import { ok } from "@/lib/api/envelope";
import { apiUserOf, callerSession } from "@/lib/api/session";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return orUnavailable(async () => {
    const lookup = await callerSession(request);
    if (lookup.kind === "refused") return lookup.response;
    const identity = lookup.session.identity;
    const user = apiUserOf(identity, undefined);
    const verified = (identity.verifiable_addresses ?? []).some((address) => address.verified);
    const record = await ensureUser((await appDatabase()).query, { id: identity.id, email: user.email, verified });
    return ok(apiUserOf(identity, record));
  });
}
