// The body Kratos's HTTP courier posts for each email, shaped like a common
// provider's send API (Postmark's /email: From, To, Subject, TextBody, Tag).
// ctx: recipient, subject, body (the rendered plain-text template),
// template_type (e.g. verification_code_valid) and template_data.
function(ctx) {
  From: 'no-reply@localhost',
  To: ctx.recipient,
  Subject: ctx.subject,
  TextBody: ctx.body,
  Tag: ctx.template_type,
  MessageStream: 'outbound',
}
