import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { DeleteAccountForm } from "@/components/delete-account-form";
import { deletionGate } from "@/lib/account/deletion";
import { orUnavailablePage } from "@/lib/http/unavailable";

export const dynamic = "force-dynamic";

const errors: Record<string, string> = {
  confirmation: "That is not your account's email address. Type it exactly to delete the account.",
  failed: "The account could not be deleted. Please try again.",
};

/** Only with a fresh login; the page checks the session itself (the guard is an optimisation). */
export default async function DeleteAccountPage({ searchParams }: PageProps<"/account/delete">) {
  const { error } = await searchParams;
  const cookie = (await headers()).get("cookie");
  const gate = await orUnavailablePage("/account/delete", () => deletionGate(cookie));
  if (gate.kind === "redirect") redirect(gate.location);
  return (
    <DeleteAccountForm
      email={gate.email}
      error={typeof error === "string" && Object.hasOwn(errors, error) ? errors[error] : undefined}
    />
  );
}
