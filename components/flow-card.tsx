import type { UiContainer } from "@ory/kratos-client-fetch";
import type { TraitHints } from "@/lib/kratos/identity-schema";
import { FlowForm } from "./flow-form";
import { Card } from "./card";

export type FlowLink = { href: string; label: string; testId: string };

type Props = {
  title: string;
  /** Identifier-first login, second step: who is signing in, and where to start over. */
  signingInAs?: { identifier: string; startOverHref: string };
  action: string;
  ui: UiContainer;
  notice?: string;
  links?: readonly FlowLink[];
  splitByGroup?: boolean;
  traits?: TraitHints;
  nonce?: string;
};

/** The frame of every flow page: a title, an optional notice, the form and links onwards. */
export function FlowCard({ title, signingInAs, action, ui, notice, links = [], splitByGroup, traits, nonce }: Props) {
  return (
    <Card spacing="wide">
      <h1 className="text-2xl font-semibold">{title}</h1>
      {notice ? (
        <p
          role="status"
          data-testid="flow-notice"
          className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm"
        >
          {notice}
        </p>
      ) : null}
      {signingInAs ? (
        <p data-testid="signing-in-as" className="text-sm text-slate-700">
          Signing in as <strong className="break-all">{signingInAs.identifier}</strong>.{" "}
          <a href={signingInAs.startOverHref} data-testid="use-another-account" className="underline">
            Use another account
          </a>
        </p>
      ) : null}
      <FlowForm action={action} ui={ui} splitByGroup={splitByGroup} traits={traits} nonce={nonce} />
      {links.length > 0 ? (
        <nav className="flex flex-col gap-2 text-sm">
          {links.map((link) => (
            <a key={link.testId} href={link.href} data-testid={link.testId} className="text-slate-700 underline">
              {link.label}
            </a>
          ))}
        </nav>
      ) : null}
    </Card>
  );
}
