import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

const valid = {
  APP_URL: "http://localhost:3000",
  KRATOS_PUBLIC_URL: "http://127.0.0.1:4433",
  KRATOS_ADMIN_URL: "http://127.0.0.1:4434",
};

describe("parseEnv", () => {
  it("reads a complete environment, defaulting the browser URL of Kratos to its public URL", () => {
    const env = parseEnv({ ...valid, RETURN_TO_ORIGINS: "https://docs.example.com/, https://shop.example.com" });
    expect(env.appUrl.origin).toBe("http://localhost:3000");
    expect(env.kratosBrowserUrl.href).toBe("http://127.0.0.1:4433/");
    expect(env.returnToOrigins).toEqual(["https://docs.example.com", "https://shop.example.com"]);
  });

  it("names every missing or malformed variable at once", () => {
    let error: unknown;
    try {
      parseEnv({ APP_URL: "localhost:3000", KRATOS_ADMIN_URL: "ftp://kratos" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    const problems = (error as EnvError).problems.join("\n");
    expect(problems).toContain("APP_URL must be an absolute http(s) URL");
    expect(problems).toContain("KRATOS_PUBLIC_URL is missing");
    expect(problems).toContain("KRATOS_ADMIN_URL must be an absolute http(s) URL");
  });

  it("takes Kratos's session cookie name and domain, defaulting to Kratos's own", () => {
    expect(parseEnv(valid).sessionCookie).toEqual({ name: "ory_kratos_session", domain: undefined });
    expect(
      parseEnv({ ...valid, KRATOS_SESSION_COOKIE_NAME: "id_session", KRATOS_COOKIE_DOMAIN: ".example.com" })
        .sessionCookie,
    ).toEqual({ name: "id_session", domain: ".example.com" });
    expect(() => parseEnv({ ...valid, KRATOS_SESSION_COOKIE_NAME: "a b" })).toThrow(/KRATOS_SESSION_COOKIE_NAME/);
    expect(() => parseEnv({ ...valid, KRATOS_COOKIE_DOMAIN: "example.com; Secure" })).toThrow(/KRATOS_COOKIE_DOMAIN/);
  });

  it("reads the OIDC providers' origins, which the CSP and the relay let forms be redirected to", () => {
    expect(parseEnv(valid).oidcProviderOrigins).toEqual([]);
    expect(
      parseEnv({ ...valid, OIDC_PROVIDER_ORIGINS: "https://accounts.google.com/, http://localhost:4450" })
        .oidcProviderOrigins,
    ).toEqual(["https://accounts.google.com", "http://localhost:4450"]);
    expect(() => parseEnv({ ...valid, OIDC_PROVIDER_ORIGINS: "not a url" })).toThrow(/OIDC_PROVIDER_ORIGINS/);
  });

  it("reads REDIS_URL, and counts in memory without it", () => {
    expect(parseEnv(valid).redisUrl).toBeUndefined();
    expect(parseEnv({ ...valid, REDIS_URL: "redis://:s3cret@redis:6379/2" }).redisUrl).toBe(
      "redis://:s3cret@redis:6379/2",
    );
    expect(parseEnv({ ...valid, REDIS_URL: "rediss://redis.internal" }).redisUrl).toBe("rediss://redis.internal");
    expect(() => parseEnv({ ...valid, REDIS_URL: "http://redis:6379" })).toThrow(/REDIS_URL/);
    expect(() => parseEnv({ ...valid, REDIS_URL: "redis://redis:6379/db?x" })).toThrow(/REDIS_URL/);
  });

  it("serves /metrics only on a port of its own", () => {
    expect(parseEnv(valid).metrics).toBeUndefined();
    expect(parseEnv({ ...valid, METRICS_PORT: "9464" }).metrics).toEqual({ port: 9464, host: "0.0.0.0" });
    expect(parseEnv({ ...valid, METRICS_PORT: "9464", METRICS_HOST: "127.0.0.1" }).metrics?.host).toBe("127.0.0.1");
    expect(() => parseEnv({ ...valid, METRICS_PORT: "3000", PORT: "3000" })).toThrow(/METRICS_PORT must differ/);
    expect(() => parseEnv({ ...valid, METRICS_PORT: "http" })).toThrow(/METRICS_PORT/);
  });
});
