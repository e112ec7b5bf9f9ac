// A local stand-in for the HTTP send APIs Kratos's courier talks to: an email
// provider's (kratos/profiles/courier-http.yml, body from courier/email.jsonnet)
// and an SMS provider's (the `sms` channel in kratos.yml, body from
// courier/sms.jsonnet). Like a provider it refuses a request without the API
// key (401) and one it cannot deliver (422: no recipient of the right kind, no
// text, a template type Kratos does not have, a code message without its code);
// it keeps what it accepts in memory and lets the tests read it:
//
//   POST /email     Postmark-shaped JSON: From, To, Subject, TextBody, Tag
//   POST /sms       JSON: to (E.164), body, template_type
//   GET  /messages  what was accepted, oldest first, and how many were refused
//
// Environment: HTTP_COURIER_PORT, HTTP_COURIER_API_KEY.
import { createServer } from "node:http";
import { timingSafeEqual, createHash } from "node:crypto";

const port = Number(process.env.HTTP_COURIER_PORT ?? 1090);
const apiKey = process.env.HTTP_COURIER_API_KEY;
if (!apiKey) throw new Error("HTTP_COURIER_API_KEY is required");

// Kratos v1.3.1's template types (courier/template/type.go): a message of any other type is a bug.
const templateTypes = new Set([
  "recovery_invalid",
  "recovery_valid",
  "recovery_code_invalid",
  "recovery_code_valid",
  "verification_invalid",
  "verification_valid",
  "verification_code_invalid",
  "verification_code_valid",
  "registration_code_valid",
  "login_code_valid",
  "stub",
]);
const emailAddress = /^[^\s@]+@[^\s@]+$/;
const e164 = /^\+[1-9][0-9]{6,14}$/;

const digest = (value) => createHash("sha256").update(value).digest();
const messages = [];
let refused = 0;

function answer(response, status, body) {
  response.writeHead(status, { "Content-Type": "application/json" });
  response.end(JSON.stringify(body));
}

/** What a provider would refuse in this message, or undefined. */
function problemWith({ to, text, templateType }, recipient) {
  if (typeof to !== "string" || !recipient.test(to)) return "no valid recipient";
  if (typeof text !== "string" || text.trim() === "") return "no text";
  if (typeof templateType !== "string" || !templateTypes.has(templateType)) return "unknown template type";
  // A code message without its code would leave the user stuck: a template override gone wrong.
  if (templateType.endsWith("_code_valid") && !/\b\d{6}\b/.test(text)) return "no code in a code message";
  return undefined;
}

const channels = {
  "/email": {
    header: "x-postmark-server-token",
    recipient: emailAddress,
    read: (body) => ({
      to: body.To,
      from: body.From,
      subject: body.Subject,
      text: body.TextBody,
      templateType: body.Tag,
    }),
  },
  "/sms": {
    header: "x-api-key",
    recipient: e164,
    read: (body) => ({ to: body.to, text: body.body, templateType: body.template_type }),
  },
};

createServer((request, response) => {
  if (request.method === "GET" && request.url === "/messages") return answer(response, 200, { messages, refused });
  const channel = channels[request.url ?? ""];
  if (request.method !== "POST" || !channel) return answer(response, 404, { Message: "Not found" });
  const presented = request.headers[channel.header];
  if (typeof presented !== "string" || !timingSafeEqual(digest(presented), digest(apiKey))) {
    refused += 1;
    return answer(response, 401, { ErrorCode: 10, Message: "Invalid or missing API key" });
  }
  let raw = "";
  request.setEncoding("utf8");
  request.on("data", (chunk) => (raw += chunk));
  request.on("end", () => {
    let body;
    try {
      body = JSON.parse(raw);
    } catch {
      refused += 1;
      return answer(response, 422, { ErrorCode: 402, Message: "Invalid JSON" });
    }
    const message = channel.read(body ?? {});
    const problem = problemWith(message, channel.recipient);
    if (problem) {
      refused += 1;
      console.log(`refused a message to ${request.url}: ${problem}`);
      return answer(response, 422, { ErrorCode: 300, Message: problem });
    }
    const stored = {
      id: String(messages.length + 1),
      channel: request.url.slice(1),
      ...message,
      date: new Date().toISOString(),
    };
    messages.push(stored);
    answer(response, 200, {
      To: stored.to,
      SubmittedAt: stored.date,
      MessageID: stored.id,
      ErrorCode: 0,
      Message: "OK",
    });
  });
}).listen(port, "127.0.0.1", () => console.log(`HTTP courier on http://127.0.0.1:${port}`));
