/** A browser and an operating system named for people, from a User-Agent header. */
export type DeviceName = { browser: string | undefined; system: string | undefined };

// Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari",
// every iOS browser says "Safari" and "Mac OS X".
const browsers: readonly [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\//, "Edge"],
  [/\bOPR\/|\bOpera\b/, "Opera"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\bFirefox\/|\bFxiOS\//, "Firefox"],
  [/\bCriOS\/|\bChrome\/|\bChromium\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
];

const systems: readonly [RegExp, string][] = [
  [/\b(?:iPhone|iPad|iPod)\b/, "iOS"],
  [/\bAndroid\b/, "Android"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bWindows\b/, "Windows"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

/**
 * "Chrome" and "macOS" for a typical desktop Chrome header. Only well-known
 * names are ever returned, never text from the header, which the client chose.
 */
export function nameDevice(userAgent: string): DeviceName {
  const header = userAgent.slice(0, 1000);
  return {
    browser: browsers.find(([pattern]) => pattern.test(header))?.[1],
    system: systems.find(([pattern]) => pattern.test(header))?.[1],
  };
}
