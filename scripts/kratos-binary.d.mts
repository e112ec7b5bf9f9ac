export const wrapperDir: string;
export function kratosModuleDir(): string;
export function kratosBinaryPath(): string;
export function ensureKratosBinary(options?: { log?: (line: string) => void }): string;
