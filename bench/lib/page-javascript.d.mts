// Types for page-javascript.mjs, which the e2e budget spec imports.
export declare const LOGIN_BUDGET: { totalBytes: number; oursBytes: number };
export declare const GZIP_LEVEL: number;
export declare function gzipSize(bytes: Uint8Array): number;

export type BuildInfo = { distDir: string; buildId: string };
export type ScriptFile = {
  path: string;
  loadedBy: string;
  group: string;
  reason: string;
  rawBytes: number;
  gzipBytes: number;
};
export type PageJavaScript = {
  totalGzipBytes: number;
  frameworkGzipBytes: number | null;
  oursGzipBytes: number | null;
  otherGzipBytes: number;
  inlineGzipBytes: number;
  inlineRawBytes: number;
  inlineScripts: number;
  files: ScriptFile[];
  skipped: { url: string; why: string }[];
};

/** The production build in distDir, or null when there is none. */
export declare function loadBuildInfo(distDir: string): BuildInfo | null;
export declare function measureJavaScript(
  html: string,
  pageUrl: string,
  build: BuildInfo | null,
  fetchCache: Map<string, Uint8Array>,
): Promise<PageJavaScript>;
