import type { UiNode, UiNodeInputAttributes } from "@ory/kratos-client-fetch";
import type { TraitHint } from "@/lib/kratos/identity-schema";
import { isLocale, localeNames, type Locale } from "@/lib/i18n/locales";
import { localText, textsFor } from "@/lib/i18n/text";
import { Messages } from "./messages";
import { oidcProviderOf, withProviderName } from "./oidc-provider";
import { present } from "./present";

type Props = {
  node: UiNode;
  attributes: UiNodeInputAttributes;
  /** Skip the browser's required-field check for this button (it belongs to another method). */
  formNoValidate: boolean;
  /** What the identity schema says about this trait: an enum renders as a select. */
  hint?: TraitHint;
  /** Our label for this input, in place of Kratos's. */
  labelText?: string;
  locale: Locale;
  /** How a button looks: the one primary action, another method, or "back". */
  emphasis?: "primary" | "secondary" | "quiet";
};

const buttonClass = { primary: "btn-primary", secondary: "btn-secondary", quiet: "link text-sm" };

function stringValue(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** One Kratos input node, with exactly Kratos's name, value, type and constraints. */
export function NodeInput({
  node,
  attributes,
  formNoValidate,
  hint,
  labelText,
  locale,
  emphasis = "secondary",
}: Props) {
  const providerId = oidcProviderOf(node);
  const text = node.meta.label ?? attributes.label;
  // An OIDC button names its provider; its mark is drawn by app/globals.css from the button's value.
  const label = labelText ?? localText(providerId && text ? withProviderName(text, providerId) : text, locale);
  const value = stringValue(attributes.value);
  const messagesId = node.messages.length > 0 ? `messages-${attributes.name}` : undefined;
  const hasError = node.messages.some((message) => message.type === "error");

  if (attributes.type === "hidden") {
    return (
      <input
        type="hidden"
        name={attributes.name}
        value={value ?? ""}
        {...present({ "data-onload-trigger": attributes.onloadTrigger })}
      />
    );
  }

  if (attributes.type === "submit" || attributes.type === "button") {
    return (
      // A trigger button needs Kratos's script; without JavaScript it is hidden (see app/layout.tsx).
      <div
        data-testid={`node/input/${attributes.name}`}
        {...present({ "data-js-only": attributes.onclickTrigger ? "" : undefined })}
      >
        <button
          type={attributes.type}
          name={attributes.name}
          value={value ?? ""}
          {...present({
            disabled: attributes.disabled || undefined,
            formNoValidate: attributes.type === "submit" && formNoValidate ? true : undefined,
            "data-onclick-trigger": attributes.onclickTrigger,
          })}
          className={buttonClass[emphasis]}
        >
          {label}
        </button>
        <Messages messages={node.messages} id={messagesId} locale={locale} />
      </div>
    );
  }

  if (attributes.type === "checkbox") {
    return (
      <div data-testid={`node/input/${attributes.name}`} className="flex items-start gap-2">
        <input
          id={`input-${attributes.name}`}
          type="checkbox"
          name={attributes.name}
          value="true"
          defaultChecked={attributes.value === true || attributes.value === "true"}
          required={attributes.required}
          disabled={attributes.disabled || undefined}
          aria-describedby={messagesId}
          className="mt-1"
        />
        <label htmlFor={`input-${attributes.name}`} className="text-sm">
          {label}
        </label>
        <Messages messages={node.messages} id={messagesId} locale={locale} />
      </div>
    );
  }

  if (hint?.enum && hint.enum.length > 0) {
    return (
      <div data-testid={`node/input/${attributes.name}`} className="space-y-1">
        <label htmlFor={`input-${attributes.name}`} className="field-label">
          {label}
        </label>
        <select
          id={`input-${attributes.name}`}
          name={attributes.name}
          defaultValue={value ?? ""}
          required={attributes.required}
          disabled={attributes.disabled || undefined}
          aria-invalid={hasError || undefined}
          aria-describedby={messagesId}
          className="field"
        >
          {attributes.required ? null : <option value="">{textsFor(locale)["flow.notSet"]}</option>}
          {hint.enum.map((option) => (
            <option key={String(option)} value={String(option)}>
              {/* The language trait names each language in itself. */}
              {attributes.name === "traits.locale" && isLocale(option) ? localeNames[option] : String(option)}
            </option>
          ))}
        </select>
        <Messages messages={node.messages} id={messagesId} locale={locale} />
      </div>
    );
  }

  return (
    <div data-testid={`node/input/${attributes.name}`} className="space-y-1">
      <label htmlFor={`input-${attributes.name}`} className="field-label">
        {label}
      </label>
      <input
        id={`input-${attributes.name}`}
        type={attributes.type}
        name={attributes.name}
        {...present({
          // Secrets are never echoed back into the page. An empty value is no value, and
          // leaving it out pays for the login identifier's label in /login's payload.
          defaultValue: attributes.type === "password" || value === "" ? undefined : value,
          required: attributes.required,
          autoComplete: attributes.autocomplete,
          pattern: attributes.pattern,
          maxLength: attributes.maxlength,
          disabled: attributes.disabled || undefined,
          "aria-invalid": hasError || undefined,
          "aria-describedby": messagesId,
        })}
        className="field"
      />
      {attributes.type === "password" ? (
        // Needs public/enhance.js to act, so it is hidden without JavaScript; it has no name, so it is never posted.
        <label data-js-only="" className="reveal">
          <input type="checkbox" data-reveal={`input-${attributes.name}`} data-testid="show-password" />
          {textsFor(locale)["flow.showPassword"]}
        </label>
      ) : null}
      <Messages messages={node.messages} id={messagesId} locale={locale} />
    </div>
  );
}
