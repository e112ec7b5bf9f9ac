import type { UiNode, UiNodeInputAttributes } from "@ory/kratos-client-fetch";
import type { TraitHint } from "@/lib/kratos/identity-schema";
import { uiText } from "@/lib/i18n/ui-text";
import { Messages } from "./messages";

type Props = {
  node: UiNode;
  attributes: UiNodeInputAttributes;
  /** Skip the browser's required-field check for this button (it belongs to another method). */
  formNoValidate: boolean;
  /** What the identity schema says about this trait: an enum renders as a select. */
  hint?: TraitHint;
};

function stringValue(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** One Kratos input node, with exactly Kratos's name, value, type and constraints. */
export function NodeInput({ node, attributes, formNoValidate, hint }: Props) {
  const label = uiText(node.meta.label ?? attributes.label);
  const value = stringValue(attributes.value);
  const messagesId = node.messages.length > 0 ? `messages-${attributes.name}` : undefined;
  const hasError = node.messages.some((message) => message.type === "error");

  if (attributes.type === "hidden") {
    return (
      <input type="hidden" name={attributes.name} value={value ?? ""} data-onload-trigger={attributes.onloadTrigger} />
    );
  }

  if (attributes.type === "submit" || attributes.type === "button") {
    return (
      // A trigger button needs Kratos's script; without JavaScript it is hidden (see app/layout.tsx).
      <div data-testid={`node/input/${attributes.name}`} data-js-only={attributes.onclickTrigger ? "" : undefined}>
        <button
          type={attributes.type}
          name={attributes.name}
          value={value ?? ""}
          disabled={attributes.disabled || undefined}
          formNoValidate={attributes.type === "submit" && formNoValidate ? true : undefined}
          data-onclick-trigger={attributes.onclickTrigger}
          className="w-full rounded bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 focus:outline-2 focus:outline-offset-2 focus:outline-slate-900"
        >
          {label}
        </button>
        <Messages messages={node.messages} id={messagesId} />
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
        <Messages messages={node.messages} id={messagesId} />
      </div>
    );
  }

  if (hint?.enum && hint.enum.length > 0) {
    return (
      <div data-testid={`node/input/${attributes.name}`} className="space-y-1">
        <label htmlFor={`input-${attributes.name}`} className="block text-sm font-medium">
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
          className="w-full rounded border border-slate-300 bg-white px-3 py-2"
        >
          {attributes.required ? null : <option value="">Not set</option>}
          {hint.enum.map((option) => (
            <option key={String(option)} value={String(option)}>
              {String(option)}
            </option>
          ))}
        </select>
        <Messages messages={node.messages} id={messagesId} />
      </div>
    );
  }

  return (
    <div data-testid={`node/input/${attributes.name}`} className="space-y-1">
      <label htmlFor={`input-${attributes.name}`} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={`input-${attributes.name}`}
        type={attributes.type}
        name={attributes.name}
        // Secrets are never echoed back into the page.
        defaultValue={attributes.type === "password" ? undefined : value}
        required={attributes.required}
        autoComplete={attributes.autocomplete}
        pattern={attributes.pattern}
        maxLength={attributes.maxlength}
        disabled={attributes.disabled || undefined}
        aria-invalid={hasError || undefined}
        aria-describedby={messagesId}
        className="w-full rounded border border-slate-300 px-3 py-2 focus:border-slate-900 focus:outline-none"
      />
      <Messages messages={node.messages} id={messagesId} />
    </div>
  );
}
