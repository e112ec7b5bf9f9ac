import type { UiContainer } from "@ory/kratos-client-fetch";
import type { TraitHints } from "@/lib/kratos/identity-schema";
import type { Locale } from "@/lib/i18n/locales";
import { textsFor } from "@/lib/i18n/text";
import { FlowForm, type FieldLabels } from "./flow-form";
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
  fieldLabels?: FieldLabels;
  nonce?: string;
  locale: Locale;
  /** Settings: the way to delete the account, set apart at the end. */
  dangerZone?: { href: string; title: string; text: string; action: string };
};

/** The frame of every flow page: a title, an optional notice, the form and links onwards. */
export function FlowCard({
  title,
  signingInAs,
  action,
  ui,
  notice,
  links = [],
  splitByGroup,
  traits,
  fieldLabels,
  nonce,
  locale,
  dangerZone,
}: Props) {
  const t = textsFor(locale);
  const [before, after = ""] = t["flow.signingInAs"].split("{identifier}");
  return (
    <Card spacing="wide">
      <h1>{title}</h1>
      {notice ? (
        <p role="status" data-testid="flow-notice" className="alert-notice">
          {notice}
        </p>
      ) : null}
      {signingInAs ? (
        <p data-testid="signing-in-as" className="text-muted text-sm">
          {before}
          <strong className="break-all">{signingInAs.identifier}</strong>
          {after}{" "}
          <a href={signingInAs.startOverHref} data-testid="use-another-account" className="link">
            {t["flow.useAnotherAccount"]}
          </a>
        </p>
      ) : null}
      <FlowForm
        action={action}
        ui={ui}
        splitByGroup={splitByGroup}
        traits={traits}
        fieldLabels={fieldLabels}
        nonce={nonce}
        locale={locale}
      />
      {dangerZone ? (
        <section
          aria-labelledby="danger-zone-title"
          data-testid="danger-zone"
          className="border-error-line space-y-3 rounded-lg border p-4"
        >
          <h2 id="danger-zone-title" className="text-error-ink text-lg font-medium">
            {dangerZone.title}
          </h2>
          <p className="text-sm">{dangerZone.text}</p>
          <a href={dangerZone.href} data-testid="danger-zone/delete" className="btn-danger no-underline sm:w-auto">
            {dangerZone.action}
          </a>
        </section>
      ) : null}
      {links.length > 0 ? (
        <nav className="flow-links">
          {links.map((link) => (
            <a key={link.testId} href={link.href} data-testid={link.testId} className="link">
              {link.label}
            </a>
          ))}
        </nav>
      ) : null}
    </Card>
  );
}
