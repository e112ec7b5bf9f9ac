import type { SessionView } from "@/lib/account/device-sessions";

type Props = { sessions: readonly SessionView[]; notice?: { text: string; tone: "success" | "error" } };

const toneClass = {
  success: "border-green-300 bg-green-50 text-green-800",
  error: "border-red-300 bg-red-50 text-red-800",
};

function When({ label, iso }: { label: string; iso: string | undefined }) {
  if (!iso) return null;
  // ISO in UTC: rendered on the server, so the browser's locale is unknown.
  return (
    <li>
      {label}: <time dateTime={iso}>{iso.replace("T", " ").replace(/\.\d+Z$/, " UTC")}</time>
    </li>
  );
}

/**
 * The identity's active sessions, each with the devices Kratos recorded. Each
 * revoke button is its own small form posting to /sessions/revoke, so it works
 * without JavaScript.
 */
export function SessionList({ sessions, notice }: Props) {
  const others = sessions.filter((session) => !session.current);
  return (
    <section className="mx-auto w-full max-w-2xl space-y-6 rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-2xl font-semibold">Sessions and devices</h1>
      {notice ? (
        <p
          role={notice.tone === "error" ? "alert" : "status"}
          data-testid="sessions-notice"
          className={`rounded border px-3 py-2 text-sm ${toneClass[notice.tone]}`}
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
            className="space-y-2 rounded border border-slate-200 p-4"
          >
            <p className="font-medium">{session.current ? "This device" : "Another device"}</p>
            <ul className="space-y-1 text-sm">
              {session.devices.length === 0 ? <li>No device recorded</li> : null}
              {session.devices.map((device, index) => (
                <li key={index} data-testid="session/device" className="break-words">
                  <span data-testid="session/user-agent">{device.userAgent || "Unknown browser"}</span>
                  {" · "}
                  <span data-testid="session/ip">{device.ipAddress || "unknown address"}</span>
                  {device.location ? ` · ${device.location}` : null}
                </li>
              ))}
              <When label="Signed in" iso={session.authenticatedAt} />
              <When label="Expires" iso={session.expiresAt} />
              {session.methods.length > 0 ? <li>Methods: {session.methods.join(", ")}</li> : null}
            </ul>
            {session.current ? null : (
              <form method="post" action="/sessions/revoke">
                <input type="hidden" name="session_id" value={session.id} />
                <button type="submit" data-testid="session/revoke" className="text-sm text-red-700 underline">
                  Sign out this session
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {others.length > 0 ? (
        <form method="post" action="/sessions/revoke">
          <input type="hidden" name="scope" value="others" />
          <button
            type="submit"
            data-testid="sessions/revoke-others"
            className="rounded bg-red-700 px-4 py-2 text-sm font-medium text-white"
          >
            Sign out all other sessions
          </button>
        </form>
      ) : (
        <p className="text-sm" data-testid="sessions/no-others">
          You are not signed in anywhere else.
        </p>
      )}
      <nav className="text-sm">
        <a href="/" className="underline" data-testid="home-link">
          Back to your account
        </a>
      </nav>
    </section>
  );
}
