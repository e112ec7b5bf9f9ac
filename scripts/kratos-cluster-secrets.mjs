#!/usr/bin/env node
// Writes the Kratos config layer that the kratos-secrets Secret holds as
// secrets.yml (deploy/kubernetes/README.md): Kratos's cookie and cipher secrets
// and its web hooks pointed at this UI's in-cluster Service with the UI's key.
//
//   WEBHOOK_API_KEY=<the key the UI's Secret holds> \
//     node scripts/kratos-cluster-secrets.mjs [--overlay=deploy/kubernetes/overlays/example] \
//     [--ui-service=http://selfservice-ui:3000/] > secrets.yml
//
// Why a generated layer: Kratos's web_hook takes its API key only from its
// config, and Kratos replaces lists when it merges config files, so the layer
// that holds the key must carry each flow's whole `after` block. Generating it
// from the committed layers (as the local stacks do, scripts/stack-kratos-config.mjs)
// keeps kratos/kratos.yml the one source of the hooks.
// KRATOS_COOKIE_SECRET and KRATOS_CIPHER_SECRET are used when set (rotation),
// otherwise made fresh. Output is JSON, which is YAML.
import { randomBytes } from "node:crypto";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterBlocksWithAppHooks } from "./stack-kratos-config.mjs";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function parseArgs(argv) {
  const options = { overlay: "deploy/kubernetes/overlays/example", uiService: "http://selfservice-ui:3000/" };
  for (const arg of argv) {
    const [key, value] = arg.replace(/^--/, "").split("=");
    if (key === "overlay" && value) options.overlay = value;
    else if (key === "ui-service" && value) options.uiService = value.endsWith("/") ? value : `${value}/`;
    else throw new Error(`Unknown argument ${arg}. Use --overlay=DIR and --ui-service=URL.`);
  }
  return options;
}

/** The layer: secrets plus every flow's `after` block with the hooks aimed at the UI's Service. */
export function clusterSecretsLayer({ overlay, uiService, webhookKey, cookieSecret, cipherSecret }) {
  if (!/^[\x21-\x7e]{32,}$/.test(webhookKey ?? "")) {
    throw new Error("WEBHOOK_API_KEY must be at least 32 printable characters, the same the UI's Secret holds");
  }
  if (cipherSecret.length !== 32) throw new Error("KRATOS_CIPHER_SECRET must be exactly 32 characters");
  const layers = [
    join(repoRoot, "kratos", "kratos.yml"),
    join(repoRoot, "deploy", "kubernetes", "base", "kratos.production.yml"),
    join(resolve(repoRoot, overlay), "kratos.domain.yml"),
  ];
  const flows = afterBlocksWithAppHooks(layers, uiService, webhookKey);
  if (Object.keys(flows).length === 0) throw new Error("no web hook in the Kratos config calls the UI");
  return { secrets: { cookie: [cookieSecret], cipher: [cipherSecret] }, selfservice: { flows } };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const options = parseArgs(process.argv.slice(2));
  const layer = clusterSecretsLayer({
    ...options,
    webhookKey: process.env.WEBHOOK_API_KEY,
    cookieSecret: process.env.KRATOS_COOKIE_SECRET || randomBytes(32).toString("hex"),
    cipherSecret: process.env.KRATOS_CIPHER_SECRET || randomBytes(16).toString("hex"),
  });
  process.stdout.write(`${JSON.stringify(layer, null, 2)}\n`);
}
