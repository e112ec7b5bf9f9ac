import type { UiContainer, UiNode } from "@ory/kratos-client-fetch";
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

function FlowNode({ node, requiredGroups }: { node: UiNode; requiredGroups: Set<string> }) {
  const attributes = node.attributes;
  switch (attributes.node_type) {
    case "input": {
      // One form holds every method; a method's button must not be blocked by
      // another method's required field (Kratos validates what it needs).
      const formNoValidate = [...requiredGroups].some((group) => group !== node.group);
      return <NodeInput node={node} attributes={attributes} formNoValidate={formNoValidate} />;
    }
    case "img":
      return <NodeImage node={node} attributes={attributes} />;
    case "text":
      return <NodeText node={node} attributes={attributes} />;
    case "a":
      return <NodeAnchor attributes={attributes} />;
    case "script":
      return <NodeScript attributes={attributes} />;
    default:
      return null;
  }
}

function nodeKey(node: UiNode, index: number): string {
  const attributes = node.attributes as { name?: string; id?: string; value?: unknown };
  const value = typeof attributes.value === "string" ? attributes.value : "";
  return `${node.group}-${attributes.name ?? attributes.id ?? ""}-${value}-${index}`;
}

/** Renders a Kratos flow's UI as one server-side form that works without JavaScript. */
export function FlowForm({ action, ui }: Props) {
  const requiredGroups = groupsWithRequiredInputs(ui.nodes);
  return (
    <div className="space-y-4">
      <Messages messages={ui.messages} />
      <form action={action} method="post" className="space-y-4">
        {ui.nodes.map((node, index) => (
          <FlowNode key={nodeKey(node, index)} node={node} requiredGroups={requiredGroups} />
        ))}
      </form>
    </div>
  );
}
