// Types for the parts of common.mjs the e2e budget spec imports.
export declare const repoRoot: string;
export declare const BROWSER_HEADERS: Record<string, string>;
