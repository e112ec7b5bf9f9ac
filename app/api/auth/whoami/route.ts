import { appDatabase } from "@/lib/app-db/database";
import { ensureUser } from "@/lib/app-db/users";
import { orUnavailable } from "@/lib/api/auth-flows";
import { ok } from "@/lib/api/envelope";
import { apiUserOf, callerSession } from "@/lib/api/session";
import { hookIdentityOf } from "@/lib/webhooks/handlers";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return orUnavailable(async () => {
    const lookup = await callerSession(request);
    if (lookup.kind === "refused") return lookup.response;
    const identity = lookup.session.identity;
    // The same id, email and verified state the web hooks read, so a record made here matches theirs.
    const known = hookIdentityOf({ identity });
    const record = known ? await ensureUser((await appDatabase()).query, known) : undefined;
    return ok(apiUserOf(identity, record));
  });
}
