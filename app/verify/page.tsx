import { redirect } from "next/navigation";
import { pagePath } from "@/lib/http/unavailable";

/** `/verify` is an alias of `/verification`, keeping the query. */
export default async function VerifyAlias({ searchParams }: PageProps<"/verify">) {
  redirect(pagePath("/verification", await searchParams));
}
