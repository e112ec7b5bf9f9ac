import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const wrapperDir = fileURLToPath(new URL("../../../kratos/build", import.meta.url));

// The generator's -check mode reads Kratos's text package as `npm run messages:generate` does and fails
// when lib/i18n/messages/en.ts or en-placeholders.ts differ from what it would write (about 1 s once the Kratos
// build has filled Go's caches).
it("the committed catalog is what kratos/build/cmd/message-catalog generates from Kratos", () => {
  const run = () =>
    execFileSync("go", ["run", "./cmd/message-catalog", "-check"], {
      cwd: wrapperDir,
      env: { ...process.env, GOTOOLCHAIN: "local" },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  expect(run).not.toThrow();
}, 300_000);
