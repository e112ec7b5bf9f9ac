// A local stand-in for an email provider's HTTP send API, for Kratos's HTTP
// courier (kratos/profiles/courier-http.yml). It checks the API key like a
// provider would (401 without it), keeps what it accepts in memory, and lets
// the tests read it:
//
//   POST /email     Postmark-shaped JSON: From, To, Subject, TextBody, Tag
//   GET  /messages  what was accepted, oldest first
//
// Environment: HTTP_COURIER_PORT, HTTP_COURIER_API_KEY.
import { createServer } from "node:http";
import { timingSafeEqual, createHash } from "node:crypto";

const port = Number(process.env.HTTP_COURIER_PORT ?? 1090);
const apiKey = process.env.HTTP_COURIER_API_KEY;
if (!apiKey) throw new Error("HTTP_COURIER_API_KEY is required");

const digest = (value) => createHash("sha256").update(value).digest();
const messages = [];
let refused = 0;

function answer(response, status, body) {
  response.writeHead(status, { "Content-Type": "application/json" });
  response.end(JSON.stringify(body));
}

createServer((request, response) => {
  if (request.method === "GET" && request.url === "/messages") return answer(response, 200, { messages, refused });
  if (request.method !== "POST" || request.url !== "/email") return answer(response, 404, { Message: "Not found" });
  const presented = request.headers["x-postmark-server-token"];
  if (typeof presented !== "string" || !timingSafeEqual(digest(presented), digest(apiKey))) {
    refused += 1;
    return answer(response, 401, { ErrorCode: 10, Message: "Invalid or missing server token" });
  }
  let raw = "";
  request.setEncoding("utf8");
  request.on("data", (chunk) => (raw += chunk));
  request.on("end", () => {
    let body;
    try {
      body = JSON.parse(raw);
    } catch {
      return answer(response, 422, { ErrorCode: 402, Message: "Invalid JSON" });
    }
    if (typeof body.To !== "string" || typeof body.TextBody !== "string") {
      return answer(response, 422, { ErrorCode: 300, Message: "To and TextBody are required" });
    }
    const message = {
      id: String(messages.length + 1),
      from: body.From,
      to: body.To,
      subject: body.Subject,
      text: body.TextBody,
      templateType: body.Tag,
      date: new Date().toISOString(),
    };
    messages.push(message);
    answer(response, 200, {
      To: body.To,
      SubmittedAt: message.date,
      MessageID: message.id,
      ErrorCode: 0,
      Message: "OK",
    });
  });
}).listen(port, "127.0.0.1", () => console.log(`HTTP courier on http://127.0.0.1:${port}`));
