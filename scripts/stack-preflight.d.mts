export type WantedPort = { service: string; port: number; variable?: string; host?: string };
export function assertPortsFree(wanted: WantedPort[]): Promise<void>;
export function waitForOwnHealth(
  name: string,
  describe: string,
  probe: () => Promise<true | string>,
  options: { timeoutMs: number; isStopping?: () => boolean },
): Promise<void>;
export function httpProbe(
  url: string,
  isOurs: (body: string, response: Response) => boolean,
): () => Promise<true | string>;
export function jsonHas(body: string, expected: Record<string, unknown>): boolean;
export const appHealth: { status: string; service: string };
