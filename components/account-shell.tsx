import type { Texts } from "@/lib/i18n/text";

export type AccountSection = "overview" | "profile" | "security" | "sessions" | "delete";

type Props = { current: AccountSection; t: Texts; children: React.ReactNode };

const sections: readonly { id: AccountSection; href: string; label: keyof Texts; testId: string }[] = [
  { id: "overview", href: "/", label: "nav.overview", testId: "nav/overview" },
  { id: "profile", href: "/settings#profile", label: "nav.profile", testId: "nav/profile" },
  { id: "security", href: "/settings#security", label: "nav.security", testId: "nav/security" },
  { id: "sessions", href: "/sessions", label: "nav.sessions", testId: "nav/sessions" },
  { id: "delete", href: "/account/delete", label: "nav.delete", testId: "nav/delete" },
];

/** Every signed-in page: the account navigation beside the page's own panel. */
export function AccountShell({ current, t, children }: Props) {
  return (
    <div className="mx-auto flex w-full max-w-4xl flex-col gap-6 md:flex-row md:items-start">
      <nav aria-label={t["nav.label"]} className="md:w-56 md:shrink-0" data-testid="account-nav">
        <ul className="flex flex-wrap gap-1 md:flex-col">
          {sections.map((section) => (
            <li key={section.id}>
              <a
                href={section.href}
                data-testid={section.testId}
                aria-current={section.id === current ? "page" : undefined}
                className="text-muted hover:bg-surface hover:text-ink aria-[current=page]:bg-surface aria-[current=page]:text-ink block rounded-lg px-3 py-2 text-sm font-medium no-underline aria-[current=page]:shadow-sm"
              >
                {t[section.label]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="min-w-0 flex-1 [&>.card]:max-w-none">{children}</div>
    </div>
  );
}
