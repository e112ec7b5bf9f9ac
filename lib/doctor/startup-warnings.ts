import "server-only";
import { env } from "../config/env";
import { diagnose, formatFinding } from "./kratos-doctor.mjs";

const retryEveryMs = 2_000;
const giveUpAfterMs = 120_000;

/**
 * The doctor's checks at start-up, as warnings in the server log: the app
 * starts anyway (Kratos may be configured while it runs). Kratos often starts
 * beside the app, so a Kratos that does not answer yet is asked again for two
 * minutes. Never signs anyone in: the session-cookie check is `npm run doctor`'s.
 */
export async function warnAboutKratosSetup(log: (line: string) => void = console.warn): Promise<void> {
  const { appUrl, kratosPublicUrl, kratosBrowserUrl, returnToOrigins } = env();
  const settings = {
    appUrl: appUrl.origin,
    kratosPublicUrl: kratosPublicUrl.href,
    kratosBrowserUrl: kratosBrowserUrl.origin,
    returnToOrigins,
  };
  const deadline = Date.now() + giveUpAfterMs;
  for (;;) {
    // A Kratos that stops answering half-way (still starting, or restarting) is asked again.
    const findings = await diagnose(settings, { sessionCookie: false }).catch(() => undefined);
    const notAnswering = !findings || (findings.length === 1 && findings[0]!.id === "kratos-not-answering");
    if (!notAnswering || Date.now() > deadline) {
      if (!findings) log("[doctor] Kratos stopped answering during the checks; run `npm run doctor` once it is up.");
      for (const finding of findings ?? []) log(`[doctor] ${formatFinding(finding)}`);
      return;
    }
    await new Promise((done) => setTimeout(done, retryEveryMs));
  }
}
