import type { UiNode, UiNodeTextAttributes } from "@ory/kratos-client-fetch";
import type { Locale } from "@/lib/i18n/locales";
import { localText, textsFor } from "@/lib/i18n/text";

/** One entry of Kratos's backup-code list: a code, or a code already used. */
export type BackupCode = { kind: "unused"; code: string } | { kind: "used" };

// Kratos's text ids for one entry (text/id.go): a code not yet used, and one used.
const unusedCodeId = 1050009;
const usedCodeId = 1050014;

type Secret = { id?: unknown; text?: unknown; context?: unknown };

/**
 * The backup codes in a text node's context (Kratos's `lookup_secret_codes`),
 * or undefined when the node holds none. A used code is listed by Kratos with
 * the time it was used in place of the code.
 */
export function backupCodesOf(attributes: UiNodeTextAttributes): BackupCode[] | undefined {
  const context = attributes.text.context as { secrets?: unknown } | undefined;
  if (!Array.isArray(context?.secrets)) return undefined;
  return (context.secrets as Secret[]).flatMap((secret): BackupCode[] => {
    if (secret.id === usedCodeId) return [{ kind: "used" }];
    if (secret.id === unusedCodeId && typeof secret.text === "string") return [{ kind: "unused", code: secret.text }];
    return [];
  });
}

/** The downloadable file: the codes that still work, one a line. */
export function backupCodesFile(codes: readonly BackupCode[]): string {
  return codes.flatMap((entry) => (entry.kind === "unused" ? [entry.code] : [])).join("\n") + "\n";
}

type Props = { node: UiNode; codes: readonly BackupCode[]; locale: Locale; nonce?: string };

/**
 * The backup codes Kratos shows right after making them (or when asked to
 * reveal them): the list, a download and a print-out. The download is a
 * `data:` link made here, so the codes never travel in a URL a server sees,
 * and it works without JavaScript; the page itself is `no-store` (proxy.ts).
 * Printing the page prints only this block (app/globals.css, `@media print`);
 * the Print button needs public/print-codes.js, which only this block loads.
 */
export function BackupCodes({ node, codes, locale, nonce }: Props) {
  const t = textsFor(locale);
  return (
    // Shown after a post that made or revealed them: the browser scrolls to them and
    // focuses them on load, without JavaScript (as the error summary does).
    <div
      data-print-codes=""
      data-testid="backup-codes"
      tabIndex={-1}
      autoFocus
      aria-labelledby="backup-codes-label"
      className="space-y-3"
    >
      <p id="backup-codes-label" className="text-sm font-medium" data-testid="node/text/lookup_secret_codes/label">
        {localText(node.meta.label, locale)}
      </p>
      <p className="text-muted text-sm">{t["codes.intro"]}</p>
      <ul
        data-testid="node/text/lookup_secret_codes/text"
        className="bg-surface-muted grid grid-cols-2 gap-x-6 gap-y-1 rounded-lg p-3 font-mono sm:grid-cols-3"
      >
        {codes.map((entry, index) =>
          entry.kind === "unused" ? (
            <li key={index}>
              <code>{entry.code}</code>
            </li>
          ) : (
            <li key={index} className="text-muted font-sans text-sm" data-testid="backup-code-used">
              {t["codes.used"]}
            </li>
          ),
        )}
      </ul>
      <div data-print-hide="" className="flex flex-wrap items-center gap-3">
        <a
          download={t["codes.fileName"]}
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(backupCodesFile(codes))}`}
          data-testid="lookup-secret-download"
          className="btn-secondary no-underline sm:w-auto"
        >
          {t["codes.download"]}
        </a>
        <button
          type="button"
          data-print=""
          data-js-only=""
          data-testid="lookup-secret-print"
          className="btn-secondary sm:w-auto"
        >
          {t["codes.print"]}
        </button>
        <noscript>
          <p className="text-muted text-sm" data-testid="lookup-secret-print-hint">
            {t["codes.printHint"]}
          </p>
        </noscript>
        <script src="/print-codes.js" nonce={nonce} defer />
      </div>
    </div>
  );
}
