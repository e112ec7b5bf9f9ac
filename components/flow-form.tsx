import type { UiContainer, UiNode } from "@ory/kratos-client-fetch";
import type { TraitHints } from "@/lib/kratos/identity-schema";
import { defaultLocale, type Locale } from "@/lib/i18n/locales";
import { localText, schemaTitle, textsFor, type Texts } from "@/lib/i18n/text";
import { Messages } from "./messages";
import { NodeAnchor } from "./node-anchor";
import { NodeImage } from "./node-image";
import { NodeInput } from "./node-input";
import { NodeScript } from "./node-script";
import { NodeText } from "./node-text";

type Props = {
  /** Our submission endpoint for this flow, e.g. /self-service/login?flow=… */
  action: string;
  ui: UiContainer;
  /** One form per method (settings), instead of one form for all (login, registration). */
  splitByGroup?: boolean;
  /** The identity schema's titles and enums for trait inputs. */
  traits?: TraitHints;
  /** Our labels for inputs, by node name, in place of Kratos's (the login's identifier). */
  fieldLabels?: FieldLabels;
  /** The CSP nonce for Kratos's WebAuthn script. */
  nonce?: string;
  /** The language of labels and messages. */
  locale?: Locale;
};

/** Labels of ours for inputs, by node name, already in the page's language. */
export type FieldLabels = Readonly<Record<string, string>>;

function groupTitle(group: string, t: Texts): string {
  const key = `group.${group}`;
  return Object.hasOwn(t, key) ? t[key as keyof Texts] : group;
}

// Groups (other than "default") that have a visible required input.
function groupsWithRequiredInputs(nodes: readonly UiNode[]): Set<string> {
  const groups = new Set<string>();
  for (const node of nodes) {
    const attributes = node.attributes;
    if (node.group === "default" || attributes.node_type !== "input") continue;
    if (attributes.required && attributes.type !== "hidden") groups.add(node.group);
  }
  return groups;
}

type NodeProps = {
  node: UiNode;
  requiredGroups: Set<string>;
  traits: TraitHints;
  fieldLabels: FieldLabels;
  nonce?: string;
  locale: Locale;
  emphasis: "primary" | "secondary" | "quiet";
};

function FlowNode({ node, requiredGroups, traits, fieldLabels, nonce, locale, emphasis }: NodeProps) {
  const attributes = node.attributes;
  switch (attributes.node_type) {
    case "input": {
      // One form holds every method. Only a method's own submit button keeps the
      // browser's required-field check; another method's button, or a side action
      // such as "resend code" or "back", must never be blocked by it (Kratos validates).
      const isMethodSubmit = attributes.name === "method";
      const formNoValidate = !isMethodSubmit || [...requiredGroups].some((group) => group !== node.group);
      return (
        <NodeInput
          node={node}
          attributes={attributes}
          formNoValidate={formNoValidate}
          hint={traits[attributes.name]}
          labelText={ownLabel(fieldLabels, attributes.name)}
          locale={locale}
          emphasis={emphasis}
        />
      );
    }
    case "img":
      return <NodeImage node={node} attributes={attributes} locale={locale} />;
    case "text":
      return <NodeText node={node} attributes={attributes} locale={locale} nonce={nonce} />;
    case "a":
      return <NodeAnchor attributes={attributes} locale={locale} />;
    case "script":
      return <NodeScript attributes={attributes} nonce={nonce} />;
    default:
      return null;
  }
}

function ownLabel(fieldLabels: FieldLabels, name: string): string | undefined {
  return Object.hasOwn(fieldLabels, name) ? fieldLabels[name] : undefined;
}

// Never the value: keys travel in the page's RSC payload, and values such as the
// CSRF token or a passkey challenge are long, random and already there once.
function nodeKey(node: UiNode, index: number): string {
  const attributes = node.attributes as { name?: string; id?: string };
  return `${node.group}-${attributes.name ?? attributes.id ?? ""}-${index}`;
}

function hasTriggers(nodes: readonly UiNode[]): boolean {
  return nodes.some((node) => {
    const attributes = node.attributes;
    return attributes.node_type === "input" && Boolean(attributes.onclickTrigger || attributes.onloadTrigger);
  });
}

// The object a visible trait input belongs to, e.g. traits.name for traits.name.first.
function traitParent(node: UiNode, traits: TraitHints): string | undefined {
  const attributes = node.attributes;
  if (attributes.node_type !== "input" || attributes.type === "hidden") return undefined;
  const parent = attributes.name.split(".").slice(0, -1).join(".");
  return parent.startsWith("traits.") && traits[parent]?.isObject ? parent : undefined;
}

// A settings section that only Kratos's script can act on (add a passkey or a
// security key, and nothing registered to remove) is hidden without JavaScript.
function onlyScriptActs(nodes: readonly UiNode[]): boolean {
  const actions = nodes.filter((node) => {
    const attributes = node.attributes;
    return attributes.node_type === "input" && (attributes.type === "submit" || attributes.type === "button");
  });
  return (
    hasTriggers(nodes) &&
    actions.every((node) => node.attributes.node_type === "input" && Boolean(node.attributes.onclickTrigger))
  );
}

type Run = { parent?: string; nodes: { node: UiNode; index: number }[] };

// Consecutive inputs of one nested trait object render together in a fieldset.
function groupTraitRuns(nodes: readonly { node: UiNode; index: number }[], traits: TraitHints): Run[] {
  const runs: Run[] = [];
  nodes.forEach(({ node, index }) => {
    const parent = traitParent(node, traits);
    const last = runs.at(-1);
    if (parent && last?.parent === parent) last.nodes.push({ node, index });
    else runs.push({ parent, nodes: [{ node, index }] });
  });
  return runs;
}

type FormProps = {
  action: string;
  nodes: readonly UiNode[];
  traits: TraitHints;
  fieldLabels: FieldLabels;
  nonce?: string;
  locale: Locale;
  /** Login and registration: other methods below an "or", after the primary one. */
  withAlternatives: boolean;
};

function isAction(node: UiNode): boolean {
  const attributes = node.attributes;
  return attributes.node_type === "input" && (attributes.type === "submit" || attributes.type === "button");
}

/**
 * The one primary action of a form: the method whose own fields are on
 * screen (a password with its field, a code with its input), else the first
 * method button, else the first action that works without JavaScript.
 */
export function primaryAction(nodes: readonly UiNode[]): UiNode | undefined {
  const actions = nodes.filter(
    (node) => isAction(node) && node.attributes.node_type === "input" && !node.attributes.onclickTrigger,
  );
  const groupsWithFields = new Set(
    nodes
      .filter((node) => {
        const attributes = node.attributes;
        return (
          node.group !== "default" &&
          attributes.node_type === "input" &&
          attributes.type !== "hidden" &&
          !isAction(node)
        );
      })
      .map((node) => node.group),
  );
  const isMethod = (node: UiNode) => node.attributes.node_type === "input" && node.attributes.name === "method";
  return (
    actions.find((node) => isMethod(node) && groupsWithFields.has(node.group)) ??
    actions.find(isMethod) ??
    actions.find((node) => node.attributes.node_type === "input" && node.attributes.name !== "screen")
  );
}

// "Back" (Kratos's screen=previous) leads away from every method: last, and quiet.
function isBack(node: UiNode): boolean {
  return node.attributes.node_type === "input" && node.attributes.name === "screen";
}

function Form({ action, nodes, traits, fieldLabels, nonce, locale, withAlternatives }: FormProps) {
  const requiredGroups = groupsWithRequiredInputs(nodes);
  const primary = primaryAction(nodes);
  const indexed = nodes.map((node, index) => ({ node, index }));
  // The primary method's group (and the shared fields) first; every other method after an "or".
  const isAlternative = ({ node }: { node: UiNode }) =>
    withAlternatives &&
    primary !== undefined &&
    node.group !== "default" &&
    node.group !== primary.group &&
    !isBack(node) &&
    !(node.attributes.node_type === "input" && node.attributes.type === "hidden") &&
    node.attributes.node_type !== "script";
  const main = indexed.filter((entry) => !isAlternative(entry) && !isBack(entry.node));
  const alternatives = indexed.filter(isAlternative);
  const back = indexed.filter((entry) => isBack(entry.node));
  const renderNode = ({ node, index }: { node: UiNode; index: number }) => (
    <FlowNode
      key={nodeKey(node, index)}
      node={node}
      requiredGroups={requiredGroups}
      traits={traits}
      fieldLabels={fieldLabels}
      nonce={nonce}
      locale={locale}
      emphasis={node === primary ? "primary" : isBack(node) ? "quiet" : "secondary"}
    />
  );
  return (
    <form action={action} method="post" className="space-y-4">
      {renderRuns(main, traits, locale, renderNode)}
      {alternatives.length > 0 ? (
        <>
          <p className="or-divider" data-testid="or-divider">
            {textsFor(locale)["flow.or"]}
          </p>
          <div className="space-y-3">{alternatives.map(renderNode)}</div>
        </>
      ) : null}
      {back.map(renderNode)}
    </form>
  );
}

function renderRuns(
  nodes: readonly { node: UiNode; index: number }[],
  traits: TraitHints,
  locale: Locale,
  renderNode: (entry: { node: UiNode; index: number }) => React.ReactNode,
): React.ReactNode {
  return groupTraitRuns(nodes, traits).map((run) =>
    run.parent ? (
      <fieldset
        key={`${run.parent}-${run.nodes[0]!.index}`}
        data-testid={`trait-group/${run.parent}`}
        className="border-line space-y-3 rounded-lg border p-3"
      >
        <legend className="px-1 text-sm font-medium">
          {schemaTitle(traits[run.parent]?.title ?? run.parent, locale)}
        </legend>
        {run.nodes.map(renderNode)}
      </fieldset>
    ) : (
      run.nodes.map(renderNode)
    ),
  );
}

function hasErrors(nodes: readonly UiNode[]): boolean {
  return nodes.some((node) => node.messages.some((message) => message.type === "error"));
}

/** The fields Kratos found fault with, each a link to its input (whose own message is tied to it). */
// After a failed post the focus starts at the errors: `autofocus` on a tabindex=-1 element
// works without JavaScript (React renders it as an attribute on the server).
function ErrorSummary({
  nodes,
  fieldLabels,
  locale,
  focus,
}: {
  nodes: readonly UiNode[];
  fieldLabels: FieldLabels;
  locale: Locale;
  focus: boolean;
}) {
  const faulty = nodes.flatMap((node) => {
    const attributes = node.attributes;
    if (attributes.node_type !== "input" || attributes.type === "hidden" || isAction(node)) return [];
    const error = node.messages.find((message) => message.type === "error");
    const label = ownLabel(fieldLabels, attributes.name) ?? localText(node.meta.label, locale);
    return error ? [{ name: attributes.name, label, error }] : [];
  });
  if (faulty.length === 0) return null;
  return (
    <nav
      aria-labelledby="error-summary-title"
      data-testid="error-summary"
      className="alert-error"
      {...(focus ? { tabIndex: -1, autoFocus: true } : {})}
    >
      <p id="error-summary-title" className="font-medium">
        {textsFor(locale)["flow.errorSummary"]}
      </p>
      <ul className="mt-1 list-disc pl-5">
        {faulty.map((field) => (
          <li key={field.name}>
            <a href={`#input-${field.name}`} className="underline">
              {field.label}: {localText(field.error, locale)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Renders a Kratos flow's UI as server-side forms that work without JavaScript. */
export function FlowForm({
  action,
  ui,
  splitByGroup = false,
  traits = {},
  fieldLabels = {},
  nonce,
  locale = defaultLocale,
}: Props) {
  const t = textsFor(locale);
  const shared = ui.nodes.filter((node) => node.group === "default");
  const groups = [...new Set(ui.nodes.map((node) => node.group))].filter((group) => group !== "default");
  const nodesOf = (group: string) => ui.nodes.filter((node) => node.group === group);
  // Settings: the profile first, then the ways to sign in in Kratos's order (which starts with passkeys).
  const sections = [...groups.filter((group) => group === "profile"), ...groups.filter((group) => group !== "profile")];
  // Where the account navigation's Security leads: the first of them shown with or without JavaScript.
  const firstSecurity = sections.find((group) => group !== "profile" && !onlyScriptActs(nodesOf(group)));
  return (
    <div className="space-y-4">
      <Messages messages={ui.messages} locale={locale} focusOnError />
      <ErrorSummary
        nodes={ui.nodes}
        fieldLabels={fieldLabels}
        locale={locale}
        focus={!ui.messages?.some((message) => message.type === "error")}
      />
      {splitByGroup ? (
        sections.map((group) => {
          const own = nodesOf(group);
          const form = (
            <Form
              action={action}
              nodes={[...shared, ...own]}
              traits={traits}
              fieldLabels={fieldLabels}
              nonce={nonce}
              locale={locale}
              withAlternatives={false}
            />
          );
          // An authenticator app not linked yet: the QR code and secret only after "Set up".
          const setUp = group === "totp" && own.some((node) => node.attributes.node_type === "img");
          return (
            <section
              key={group}
              // The account navigation's Profile and Security lead here (components/account-shell.tsx).
              id={group === "profile" ? "profile" : group === firstSecurity ? "security" : undefined}
              data-testid={`flow-group/${group}`}
              data-js-only={onlyScriptActs(own) ? "" : undefined}
              className="border-line space-y-3 border-t pt-4"
            >
              <h2 className="text-lg font-medium">{groupTitle(group, t)}</h2>
              {setUp ? (
                <details data-testid="totp-setup" open={hasErrors(own) || undefined}>
                  <summary className="btn-secondary cursor-pointer list-none sm:w-auto">{t["flow.setUp"]}</summary>
                  <div className="mt-4">{form}</div>
                </details>
              ) : (
                form
              )}
            </section>
          );
        })
      ) : (
        <Form
          action={action}
          nodes={ui.nodes}
          traits={traits}
          fieldLabels={fieldLabels}
          nonce={nonce}
          locale={locale}
          withAlternatives
        />
      )}
    </div>
  );
}
