type Props = { children: React.ReactNode; spacing?: "normal" | "wide" };

/** The panel every page sits in. */
export function Card({ children, spacing = "normal" }: Props) {
  return <section className={`card ${spacing === "wide" ? "space-y-6" : "space-y-4"}`}>{children}</section>;
}
