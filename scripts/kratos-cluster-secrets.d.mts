// Types for scripts/kratos-cluster-secrets.mjs, which the config-schema test imports.
export type ClusterSecretsOptions = {
  overlay: string;
  uiService: string;
  webhookKey: string | undefined;
  cookieSecret: string;
  cipherSecret: string;
};

/** Kratos's secrets.yml layer for the cluster: secrets plus the web hooks aimed at the UI's Service. */
export function clusterSecretsLayer(options: ClusterSecretsOptions): Record<string, unknown>;
