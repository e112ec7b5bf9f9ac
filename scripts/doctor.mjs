// `npm run doctor`: probes the live Kratos named by the app's environment
// (APP_URL, KRATOS_PUBLIC_URL, KRATOS_BROWSER_URL, KRATOS_ADMIN_URL,
// RETURN_TO_ORIGINS) and prints each misconfiguration with its fix
// (lib/doctor/kratos-doctor.mjs). Exits 1 when there is any finding.
// With KRATOS_ADMIN_URL it also signs a throwaway identity in, to see the
// session cookie, and deletes it; --no-session skips that.
import { diagnose, formatFinding, settingsFromEnv } from "../lib/doctor/kratos-doctor.mjs";

const missing = ["APP_URL", "KRATOS_PUBLIC_URL"].filter((name) => !process.env[name]);
if (missing.length > 0) {
  console.error(`[doctor] set ${missing.join(" and ")} as the app has them (see README, "Environment").`);
  process.exit(2);
}
const settings = settingsFromEnv(process.env);
console.log(
  `[doctor] APP_URL ${settings.appUrl}, Kratos ${settings.kratosPublicUrl} (browsers: ${settings.kratosBrowserUrl})`,
);
const findings = await diagnose(settings, { sessionCookie: !process.argv.includes("--no-session") });
for (const finding of findings) console.log(`[doctor] ${formatFinding(finding)}`);
console.log(findings.length === 0 ? "[doctor] no misconfiguration found" : `[doctor] ${findings.length} finding(s)`);
process.exit(findings.length === 0 ? 0 : 1);
