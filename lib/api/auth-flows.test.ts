import { describe, expect, it } from "vitest";
import { apiClientOf } from "./client-kind";
import { loginBody, registrationBody } from "./auth-flows";

describe("the JSON API's request bodies", () => {
  it("builds Kratos's registration body from the seed's flat fields", () => {
    expect(
      registrationBody({
        flow_id: "f",
        csrf_token: "t",
        email: "user@example.com",
        password: "SecurePass123!",
        first_name: "John",
        last_name: "Doe",
      }),
    ).toEqual({
      method: "password",
      csrf_token: "t",
      traits: { email: "user@example.com", name: { first: "John", last: "Doe" } },
      password: "SecurePass123!",
    });
  });

  it("passes fields the schema lacks to Kratos, which names them in its message", () => {
    expect(registrationBody({ email: "a@b.c", username: "johndoe" }).traits).toEqual({
      email: "a@b.c",
      username: "johndoe",
    });
  });

  it("keeps only a login method's fields", () => {
    expect(loginBody({ identifier: "a@b.c", password: "x", evil: "y", method: "password" })).toEqual({
      method: "password",
      csrf_token: "",
      identifier: "a@b.c",
      password: "x",
    });
  });

  it("tells native clients from browsers by their token header", () => {
    expect(apiClientOf(new Headers({ cookie: "a=b" }))).toEqual({ kind: "browser", cookie: "a=b" });
    expect(apiClientOf(new Headers({ "x-session-token": "" }))).toEqual({ kind: "native", sessionToken: null });
    expect(apiClientOf(new Headers({ authorization: "Bearer ory_st_x", cookie: "a=b" }))).toEqual({
      kind: "native",
      sessionToken: "ory_st_x",
    });
  });
});
