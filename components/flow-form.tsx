import type { UiContainer, UiNode } from "@ory/kratos-client-fetch";
import type { TraitHints } from "@/lib/kratos/identity-schema";
import { Messages } from "./messages";
import { NodeAnchor } from "./node-anchor";
import { NodeImage } from "./node-image";
import { NodeInput } from "./node-input";
import { NodeScript } from "./node-script";
import { NodeText } from "./node-text";
import { WebAuthnTriggers } from "./webauthn-triggers";

type Props = {
  /** Our submission endpoint for this flow, e.g. /self-service/login?flow=… */
  action: string;
  ui: UiContainer;
  /** One form per method (settings), instead of one form for all (login, registration). */
  splitByGroup?: boolean;
  /** The identity schema's titles and enums for trait inputs. */
  traits?: TraitHints;
  /** The CSP nonce for Kratos's WebAuthn script. */
  nonce?: string;
};

const groupTitles: Record<string, string> = {
  profile: "Profile",
  password: "Password",
  totp: "Authenticator app",
  lookup_secret: "Backup codes",
  webauthn: "Security keys",
  passkey: "Passkeys",
  oidc: "Linked accounts",
  code: "Sign-in codes",
  link: "Links",
};

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

type NodeProps = { node: UiNode; requiredGroups: Set<string>; traits: TraitHints; nonce?: string };

function FlowNode({ node, requiredGroups, traits, nonce }: NodeProps) {
  const attributes = node.attributes;
  switch (attributes.node_type) {
    case "input": {
      // One form holds every method. Only a method's own submit button keeps the
      // browser's required-field check; another method's button, or a side action
      // such as "resend code" or "back", must never be blocked by it (Kratos validates).
      const isMethodSubmit = attributes.name === "method";
      const formNoValidate = !isMethodSubmit || [...requiredGroups].some((group) => group !== node.group);
      return (
        <NodeInput node={node} attributes={attributes} formNoValidate={formNoValidate} hint={traits[attributes.name]} />
      );
    }
    case "img":
      return <NodeImage node={node} attributes={attributes} />;
    case "text":
      return <NodeText node={node} attributes={attributes} />;
    case "a":
      return <NodeAnchor attributes={attributes} />;
    case "script":
      return <NodeScript attributes={attributes} nonce={nonce} />;
    default:
      return null;
  }
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
function groupTraitRuns(nodes: readonly UiNode[], traits: TraitHints): Run[] {
  const runs: Run[] = [];
  nodes.forEach((node, index) => {
    const parent = traitParent(node, traits);
    const last = runs.at(-1);
    if (parent && last?.parent === parent) last.nodes.push({ node, index });
    else runs.push({ parent, nodes: [{ node, index }] });
  });
  return runs;
}

type FormProps = { action: string; nodes: readonly UiNode[]; traits: TraitHints; nonce?: string };

function Form({ action, nodes, traits, nonce }: FormProps) {
  const requiredGroups = groupsWithRequiredInputs(nodes);
  const renderNode = ({ node, index }: { node: UiNode; index: number }) => (
    <FlowNode key={nodeKey(node, index)} node={node} requiredGroups={requiredGroups} traits={traits} nonce={nonce} />
  );
  return (
    <form action={action} method="post" className="space-y-4">
      {groupTraitRuns(nodes, traits).map((run) =>
        run.parent ? (
          <fieldset
            key={`${run.parent}-${run.nodes[0]!.index}`}
            data-testid={`trait-group/${run.parent}`}
            className="space-y-3 rounded border border-slate-200 p-3"
          >
            <legend className="px-1 text-sm font-medium">{traits[run.parent]?.title ?? run.parent}</legend>
            {run.nodes.map(renderNode)}
          </fieldset>
        ) : (
          run.nodes.map(renderNode)
        ),
      )}
    </form>
  );
}

/** Renders a Kratos flow's UI as server-side forms that work without JavaScript. */
export function FlowForm({ action, ui, splitByGroup = false, traits = {}, nonce }: Props) {
  const shared = ui.nodes.filter((node) => node.group === "default");
  const groups = [...new Set(ui.nodes.map((node) => node.group))].filter((group) => group !== "default");
  return (
    <div className="space-y-4">
      <Messages messages={ui.messages} />
      {splitByGroup ? (
        groups.map((group) => {
          const own = ui.nodes.filter((node) => node.group === group);
          return (
            <section
              key={group}
              data-testid={`flow-group/${group}`}
              data-js-only={onlyScriptActs(own) ? "" : undefined}
              className="space-y-3 border-t border-slate-200 pt-4"
            >
              <h2 className="text-lg font-medium">{groupTitles[group] ?? group}</h2>
              <Form action={action} nodes={[...shared, ...own]} traits={traits} nonce={nonce} />
            </section>
          );
        })
      ) : (
        <Form action={action} nodes={ui.nodes} traits={traits} nonce={nonce} />
      )}
      {hasTriggers(ui.nodes) ? <WebAuthnTriggers /> : null}
    </div>
  );
}
