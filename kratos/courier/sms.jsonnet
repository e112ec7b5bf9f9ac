// The body Kratos's HTTP courier posts for each SMS (the `sms` channel in
// kratos.yml), in the JSON shape common to SMS send APIs: recipient, text, and
// a tag the provider reports back. ctx: recipient (the E.164 number), body (the
// rendered SMS template), template_type (login_code_valid or
// verification_code_valid) and template_data.
function(ctx) {
  to: ctx.recipient,
  body: ctx.body,
  template_type: ctx.template_type,
}
