import { redirect } from "next/navigation";

/** `/verify` is an alias of `/verification`, keeping the query. */
export default async function VerifyAlias({ searchParams }: PageProps<"/verify">) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(await searchParams)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(name, item);
  }
  const search = query.toString();
  redirect(search ? `/verification?${search}` : "/verification");
}
