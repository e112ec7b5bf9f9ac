export const wrapperDir: string;
export function kratosModuleDir(): string;
