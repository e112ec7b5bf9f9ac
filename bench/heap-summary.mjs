// Summarises a V8 heap snapshot (`node --heapsnapshot-signal=SIGUSR2`, or
// DevTools) of our Next server: what the JavaScript heap at the memory plateau
// is made of. Prints the self size by kind (compiled code and function
// metadata = the loaded module graph; strings; arrays; objects by constructor),
// the top constructors, and for the largest single objects the chain of
// retainers that keeps them (a cache's Map, a module's scope, ...).
//
//   node bench/heap-summary.mjs /tmp/heap/Heap.xxx.heapsnapshot [--top=25]
//
// Resident memory is more than this heap: ArrayBuffer backing stores, code
// space and the allocator's free lists count in RSS, and only the first shows
// here (as "native" / system / JSArrayBufferData nodes).
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
const file = args.find((arg) => !arg.startsWith("--"));
if (!file) {
  process.stderr.write("usage: node bench/heap-summary.mjs <file.heapsnapshot> [--top=N]\n");
  process.exit(2);
}
const topCount = Number(args.find((arg) => arg.startsWith("--top="))?.slice(6) ?? 25);
const snapshot = JSON.parse(readFileSync(file, "utf8"));
const { meta } = snapshot.snapshot;
const { nodes, edges, strings } = snapshot;
const nodeFieldCount = meta.node_fields.length;
const edgeFieldCount = meta.edge_fields.length;
const field = (name) => meta.node_fields.indexOf(name);
const [TYPE, NAME, SELF, EDGES] = [field("type"), field("name"), field("self_size"), field("edge_count")];
const nodeTypes = meta.node_types[0];
const edgeTypes = meta.edge_types[0];
const [EDGE_TYPE, EDGE_NAME, EDGE_TO] = [0, 1, 2];
const nodeCount = nodes.length / nodeFieldCount;

const typeOf = (node) => nodeTypes[nodes[node * nodeFieldCount + TYPE]];
const nameOf = (node) => strings[nodes[node * nodeFieldCount + NAME]];
const selfOf = (node) => nodes[node * nodeFieldCount + SELF];

/** Where a node's bytes go: the module graph (code), data kinds, or objects by constructor. */
function kindOf(node) {
  const type = typeOf(node);
  const name = nameOf(node);
  if (type === "code" || type === "closure") return "module graph: code, functions, scopes";
  if (type === "hidden" && /system \/ (Context|ScopeInfo|SharedFunctionInfo|BytecodeArray|Script)/.test(name)) {
    return "module graph: code, functions, scopes";
  }
  if (type === "string" || type === "concatenated string" || type === "sliced string") return "strings";
  if (type === "array") return "arrays (internal backing stores)";
  if (type === "native") return "native (ArrayBuffer data, external)";
  if (type === "object") {
    if (/^(Map|Set|WeakMap|LRUCache)$/.test(name)) return "objects: Map / Set";
    if (/Buffer|Uint8Array|ArrayBuffer/.test(name)) return "objects: Buffers / typed arrays";
    return "objects: other";
  }
  return `other (${type})`;
}

// First edge index of every node, and every node's one retainer (the first found), for the chains.
const firstEdge = new Uint32Array(nodeCount + 1);
for (let node = 0, edge = 0; node < nodeCount; node++) {
  firstEdge[node] = edge;
  edge += nodes[node * nodeFieldCount + EDGES];
  firstEdge[node + 1] = edge;
}
const retainer = new Int32Array(nodeCount).fill(-1);
const retainerEdge = new Int32Array(nodeCount).fill(-1);
for (let node = 0; node < nodeCount; node++) {
  for (let edge = firstEdge[node]; edge < firstEdge[node + 1]; edge++) {
    const type = edgeTypes[edges[edge * edgeFieldCount + EDGE_TYPE]];
    if (type === "weak" || type === "shortcut") continue;
    const to = edges[edge * edgeFieldCount + EDGE_TO] / nodeFieldCount;
    if (retainer[to] === -1) {
      retainer[to] = node;
      retainerEdge[to] = edge;
    }
  }
}
const edgeLabel = (edge) => {
  const type = edgeTypes[edges[edge * edgeFieldCount + EDGE_TYPE]];
  const nameOrIndex = edges[edge * edgeFieldCount + EDGE_NAME];
  return type === "element" || type === "hidden" ? `[${nameOrIndex}]` : `.${strings[nameOrIndex]}`;
};
function chain(node, depth = 6) {
  const steps = [];
  for (let at = node; depth-- > 0 && retainer[at] >= 0; at = retainer[at]) {
    const holder = retainer[at];
    steps.push(`${nameOf(holder).slice(0, 40) || typeOf(holder)}${edgeLabel(retainerEdge[at])}`);
  }
  return steps.join(" ← ");
}

const kinds = new Map();
const constructors = new Map();
let total = 0;
for (let node = 0; node < nodeCount; node++) {
  const size = selfOf(node);
  total += size;
  const kind = kindOf(node);
  kinds.set(kind, (kinds.get(kind) ?? 0) + size);
  const key = `${typeOf(node)} ${typeOf(node) === "string" ? "(string)" : nameOf(node).slice(0, 60)}`;
  const entry = constructors.get(key) ?? { key, size: 0, count: 0 };
  entry.size += size;
  entry.count++;
  constructors.set(key, entry);
}

const out = (line = "") => process.stdout.write(`${line}\n`);
const mb = (bytes) => `${(bytes / 1048576).toFixed(1)} MiB`;
out(`${file}: ${nodeCount} nodes, ${mb(total)} self size in total`);
out();
for (const [kind, size] of [...kinds].sort((a, b) => b[1] - a[1])) {
  out(`${mb(size).padStart(10)}  ${((100 * size) / total).toFixed(1).padStart(5)} %  ${kind}`);
}
out();
out(`top ${topCount} (type, constructor/name) by self size:`);
for (const entry of [...constructors.values()].sort((a, b) => b.size - a.size).slice(0, topCount)) {
  out(`${mb(entry.size).padStart(10)}  ${String(entry.count).padStart(8)} ×  ${entry.key}`);
}
out();
out("largest single objects and what keeps them:");
const largest = [];
for (let node = 0; node < nodeCount; node++) {
  const size = selfOf(node);
  if (largest.length < 12 || size > largest.at(-1).size) {
    largest.push({ node, size });
    largest.sort((a, b) => b.size - a.size);
    if (largest.length > 12) largest.pop();
  }
}
for (const { node, size } of largest) {
  out(`${mb(size).padStart(10)}  ${typeOf(node)} ${nameOf(node).slice(0, 50)}  ← ${chain(node)}`);
}
