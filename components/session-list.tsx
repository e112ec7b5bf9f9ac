import type { DeviceView, SessionView } from "@/lib/account/device-sessions";
import type { Locale } from "@/lib/i18n/locales";
import { fill, textsFor, type Texts } from "@/lib/i18n/text";
import { RelativeTime } from "./account-summary";

type Props = {
  sessions: readonly SessionView[];
  notice?: { text: string; tone: "success" | "error" };
  locale: Locale;
  now: Date;
};

/** "Chrome on macOS", or the raw header when it names nothing we know. */
function deviceName(device: DeviceView, t: Texts): string {
  if (device.browser && device.system)
    return fill(t["device.onSystem"], { browser: device.browser, system: device.system });
  return device.browser ?? device.system ?? (device.userAgent || t["sessions.unknownBrowser"]);
}

function When({
  template,
  iso,
  now,
  locale,
}: {
  template: string;
  iso: string | undefined;
  now: Date;
  locale: Locale;
}) {
  if (!iso) return null;
  const [before, after = ""] = template.split("{when}");
  return (
    <li>
      {before}
      <RelativeTime when={new Date(iso)} now={now} locale={locale} />
      {after}
    </li>
  );
}

/**
 * The identity's active sessions, each with the devices Kratos recorded. Each
 * revoke button is its own small form posting to /sessions/revoke, so it works
 * without JavaScript.
 */
export function SessionList({ sessions, notice, locale, now }: Props) {
  const t = textsFor(locale);
  const others = sessions.filter((session) => !session.current);
  return (
    <section className="card space-y-6">
      <h1>{t["sessions.title"]}</h1>
      {notice ? (
        <p
          role={notice.tone === "error" ? "alert" : "status"}
          data-testid="sessions-notice"
          className={notice.tone === "error" ? "alert-error" : "alert-success"}
        >
          {notice.text}
        </p>
      ) : null}
      <ul className="space-y-4" data-testid="session-list">
        {sessions.map((session) => (
          <li
            key={session.id}
            data-testid={session.current ? "session/current" : "session/other"}
            data-session-id={session.id}
            className="border-line space-y-2 rounded-lg border p-4"
          >
            <p className="font-medium">
              {session.devices[0] ? deviceName(session.devices[0], t) : t["sessions.otherDevice"]}
              {session.current ? (
                <span className="bg-success-bg text-success-ink ml-2 rounded-full px-2 text-sm">
                  {t["sessions.thisDevice"]}
                </span>
              ) : null}
            </p>
            <ul className="text-muted space-y-1 text-sm">
              {session.devices.length === 0 ? <li>{t["sessions.noDevice"]}</li> : null}
              {session.devices.map((device, index) => (
                <li key={index} data-testid="session/device" className="break-words">
                  <span data-testid="session/device-name">{deviceName(device, t)}</span>
                  {" · "}
                  <span data-testid="session/ip">{device.ipAddress || t["sessions.unknownAddress"]}</span>
                  {device.location ? ` · ${device.location}` : null}
                  <br />
                  <span data-testid="session/user-agent" className="text-xs">
                    {device.userAgent || t["sessions.unknownBrowser"]}
                  </span>
                </li>
              ))}
              <When template={t["sessions.signedIn"]} iso={session.authenticatedAt} now={now} locale={locale} />
              <When template={t["sessions.expires"]} iso={session.expiresAt} now={now} locale={locale} />
              {session.methods.length > 0 ? (
                <li>{fill(t["sessions.methods"], { methods: session.methods.join(", ") })}</li>
              ) : null}
            </ul>
            {session.current ? null : (
              <form method="post" action="/sessions/revoke">
                <input type="hidden" name="session_id" value={session.id} />
                <button
                  type="submit"
                  data-testid="session/revoke"
                  className="text-danger text-sm font-medium underline"
                >
                  {t["sessions.revoke"]}
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {others.length > 0 ? (
        <form method="post" action="/sessions/revoke">
          <input type="hidden" name="scope" value="others" />
          <button type="submit" data-testid="sessions/revoke-others" className="btn-danger sm:w-auto">
            {t["sessions.revokeOthers"]}
          </button>
        </form>
      ) : (
        <p className="text-sm" data-testid="sessions/no-others">
          {t["sessions.noOthers"]}
        </p>
      )}
    </section>
  );
}
