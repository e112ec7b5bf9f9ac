export type Finding = { id: string; problem: string; fix: string };

export type DoctorSettings = {
  appUrl: string;
  kratosPublicUrl: string;
  kratosBrowserUrl: string;
  kratosAdminUrl?: string;
  returnToOrigins?: string[];
};

export type ParsedCookie = { name: string; attributes: Record<string, string | true> };

export function parseSetCookie(header: string): ParsedCookie;
export function cookieReaches(domain: string | true | undefined, setterHost: string, host: string): boolean;
export function diagnose(
  settings: DoctorSettings,
  options?: { sessionCookie?: boolean; timeoutMs?: number },
): Promise<Finding[]>;
export function settingsFromEnv(source: Record<string, string | undefined>): DoctorSettings;
export function formatFinding(finding: Finding): string;
